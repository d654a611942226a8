import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import en from '../../locales/en/page.json' with { type: 'json' };
import nl from '../../locales/nl/page.json' with { type: 'json' };
import { buttonTitleOf, cardOf, titleOf, walkUntil } from './eligible-path.js';
import type { Harness } from './harness.js';
import { BROWSER_TEST_TIMEOUT, Chat, pageScrollWidth, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(async () => {
  await h?.close();
});

/** `MAG_SCREENSHOTS=/some/dir` keeps screenshots of the page, to look at it; nothing is written otherwise. */
async function screenshot(page: Page, name: string) {
  const dir = process.env.MAG_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const noHorizontalScroll = pageScrollWidth;

/** Fully inside the 320 px wide viewport, and big enough to hit with a finger. */
async function usable(locator: Locator, minHeight = 44) {
  const box = await locator.boundingBox();
  expect(box, 'is laid out').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(320);
  expect(box!.height).toBeGreaterThanOrEqual(minHeight);
}

describe('at 320 px wide (a small phone, or 400% zoom)', () => {
  it(
    'has no horizontal scrolling, usable controls, and a question can be answered',
    async () => {
      const context = await h.newContext({ viewport: { width: 320, height: 640 }, hasTouch: true });
      const chat = new Chat(await context.newPage());
      await chat.open();
      await screenshot(chat.page, '320-start');
      expect(await noHorizontalScroll(chat.page)).toBeLessThanOrEqual(320);
      await usable(chat.restartButton);
      await usable(chat.page.getByRole('link', { name: nl.switchLanguageLabel }));
      await usable(chat.sendBox, 20);
      await usable(chat.page.getByRole('button', { name: /verzenden|send/i }));
      // Every choice is on screen in full (wrapped, not cut off), and big enough to tap.
      for (const button of await chat.suggestedActions.getByRole('button').all()) {
        await usable(button);
        expect(await button.evaluate((b) => b.scrollWidth <= b.clientWidth)).toBe(true);
      }

      // Tap a choice, type an answer.
      await chat.choose(titleOf(chat, 'organisation'), 'help.idea');
      await chat.sendBox.tap();
      await chat.type('Een buurtfeest in het park', 'initiative.inMunicipality');
      expect(await noHorizontalScroll(chat.page)).toBeLessThanOrEqual(320);

      // The card (the fit list, nine options): its options wrap inside the screen and each is a full-size target.
      await walkUntil(chat, 'help.fit');
      await screenshot(chat.page, '320-card');
      expect(await noHorizontalScroll(chat.page)).toBeLessThanOrEqual(320);
      const options = chat.card.getByRole('checkbox');
      for (const option of await options.all()) {
        const label = chat.card.locator(`label[for="${await option.getAttribute('id')}"]`);
        await label.scrollIntoViewIfNeeded();
        const box = await label.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(320);
        expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth + 1)).toBe(true);
      }
      await usable(chat.card.getByRole('button', { name: cardOf(chat)!.actions[0]!.title, exact: true }));
      // Tapping the label ticks the box: a theme and a kader.
      const verbinding = titleOf(chat, 'verbinding');
      const dichtbij = titleOf(chat, 'dichtbij');
      for (const title of [verbinding, dichtbij]) {
        await chat.card.locator('label', { hasText: title }).tap();
        await expect(chat.card.getByRole('checkbox', { name: title, exact: true }).isChecked()).resolves.toBe(
          true,
        );
      }
      await chat.step(
        () => chat.card.getByRole('button', { name: cardOf(chat)!.actions[0]!.title, exact: true }).tap(),
        'initiative.type',
      );
      await expect(chat.userMessages()).resolves.toContain(`${verbinding}, ${dichtbij}`);

      // A grouped question's boxes are whole sentences: they wrap inside the screen too, and "Geen van
      // deze" is a full-size button.
      await walkUntil(chat, 'help.conditions');
      await screenshot(chat.page, '320-conditions');
      expect(await noHorizontalScroll(chat.page)).toBeLessThanOrEqual(320);
      for (const option of await chat.card.getByRole('checkbox').all()) {
        const label = chat.card.locator(`label[for="${await option.getAttribute('id')}"]`);
        await label.scrollIntoViewIfNeeded();
        const box = await label.boundingBox();
        expect(box!.x + box!.width).toBeLessThanOrEqual(320);
        expect(await label.evaluate((l) => l.scrollWidth <= l.clientWidth + 1)).toBe(true);
      }
      await usable(chat.card.getByRole('button', { name: buttonTitleOf(chat, 'none'), exact: true }));

      await walkUntil(chat, 'next');
      await screenshot(chat.page, '320-verdict');
      expect(await noHorizontalScroll(chat.page)).toBeLessThanOrEqual(320);
      for (const button of await chat.suggestedActions.getByRole('button').all()) await usable(button);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );
});

describe('in English', () => {
  it(
    '/?lang=en shows the English page and the bot speaks English',
    async () => {
      const context = await h.newContext();
      const chat = new Chat(await context.newPage());
      await chat.open('/?lang=en');
      const page = chat.page;
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(page.title()).resolves.toBe(en.title);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(en.heading);
      await expect(chat.restartButton.textContent()).resolves.toBe(en.restart);
      await expect(
        page.getByRole('link', { name: en.switchLanguageLabel }).getAttribute('lang'),
      ).resolves.toBe('nl');
      // Web Chat itself is in English too.
      await expect(chat.sendBox.getAttribute('aria-label')).resolves.toMatch(/message/i);
      // The bot: an English greeting, English titles on the choices, English questions.
      expect(chat.botActivities()[0]?.text).toMatch(/\bsubsidy\b/);
      expect(await chat.suggestedActions.getByRole('button').allInnerTexts()).toContain('Organisation');
      await chat.choose('Organisation', 'help.idea');
      expect(chat.botActivities().at(-1)?.text).toMatch(/idea/i);
      await screenshot(page, '1280-en');
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'switching language mid-conversation keeps the answers and continues at the same question',
    async () => {
      const context = await h.newContext();
      const chat = new Chat(await context.newPage());
      const page = chat.page;
      await chat.open();
      await walkUntil(chat, 'initiative.inMunicipality');
      const conversationId = (await chat.saved())?.conversationId;
      const before = chat.botActivities().length;

      // The language link: the page reloads in English and tells the bot, which asks the same question.
      await page.getByRole('link', { name: nl.switchLanguageLabel }).click();
      await page.waitForURL(/lang=en/);
      await chat.waitForAsk('initiative.inMunicipality', before);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      expect((await chat.saved())?.conversationId).toBe(conversationId);
      const transcript = (await chat.transcript()).join('\n');
      expect(transcript).toContain('Een buurtfeest in het park');
      expect(titleOf(chat, 'yes')).toBe('Yes');
      expect(chat.botActivities().at(-1)?.text).toMatch(/Hardinxveld-Giessendam\?/);
      expect(chat.botActivities().at(-1)?.text).toMatch(/initiative|take place/i);

      // The answers so far are kept: the next question follows on, in English.
      await chat.choose('Yes', 'initiative.startDate');
      expect(chat.botActivities().at(-1)?.text).toMatch(/date/i);
      expect(chat.botActivities().filter((a) => a.channelData?.ask === 'applicant.kind')).toHaveLength(1);

      // And back to Dutch.
      const again = chat.botActivities().length;
      await page.getByRole('link', { name: en.switchLanguageLabel }).click();
      await page.waitForURL((url) => !url.search.includes('lang=en'));
      await chat.waitForAsk('initiative.startDate', again);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
      expect(chat.botActivities().at(-1)?.text).toMatch(/datum/i);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );
});
