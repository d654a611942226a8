import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nl from '../../locales/nl/page.json' with { type: 'json' };
import { expectNoInternalNames } from '../helpers/contract.js';
import type { BotActivity } from '../helpers/intake-answers.js';
import { INTERNAL_NAME } from '../helpers/intake-answers.js';
import { cardOf, titleOf, walkUntil } from './eligible-path.js';
import type { Harness } from './harness.js';
import {
  axeViolations,
  BROWSER_TEST_TIMEOUT,
  Chat,
  focusedId,
  focusIndicator,
  isFocused,
  startHarness,
} from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(async () => {
  await h?.close();
});

/** axe must find nothing; on failure the message lists each rule with the elements it flagged. */
async function expectNoViolations(page: Page, when: string) {
  const violations = await axeViolations(page);
  expect(violations, `${when}:\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe('accessibility (axe-core, WCAG 2.0/2.1 A and AA)', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(
      `finds no violations at the start, with a card and suggested actions, and at the verdict (${lang})`,
      async () => {
        const context = await h.newContext();
        const chat = new Chat(await context.newPage());
        await chat.open(lang === 'en' ? '/?lang=en' : '/');
        await expect(chat.page.locator('html').getAttribute('lang')).resolves.toBe(lang);
        await expectNoViolations(chat.page, 'at the start');

        await walkUntil(chat, 'help.fit');
        await chat.card.getByRole('checkbox').first().waitFor();
        await expectNoViolations(chat.page, 'with the fit card (themes and kaders)');

        // A card answered in the transcript, and the type question's suggested actions.
        await walkUntil(chat, 'initiative.type');
        await expect(chat.suggestedActions.getByRole('button').count()).resolves.toBeGreaterThan(1);
        await expectNoViolations(chat.page, 'with suggested actions');

        // A grouped question: a card of checkboxes titled as sentences, with its "Geen van deze" button.
        await walkUntil(chat, 'help.conditions');
        await chat.card.getByRole('checkbox').first().waitFor();
        await expectNoViolations(chat.page, 'with the conditions card');

        await walkUntil(chat, 'next');
        await expectNoViolations(chat.page, 'at the verdict');
        // In either language, nothing on screen is a slot path or another internal value.
        for (const text of await chat.transcript()) expect(text).not.toMatch(INTERNAL_NAME);
        expectNoInternalNames(chat.botActivities() as unknown as BotActivity[]);
        await context.close();
      },
      BROWSER_TEST_TIMEOUT,
    );
  }
});

describe('keyboard only', () => {
  it(
    'reaches and operates everything with Tab, Enter, Space and typing, with focus always visible',
    async () => {
      const context = await h.newContext();
      const page = await context.newPage();
      const chat = new Chat(page);
      await chat.open();
      const invisible: string[] = [];
      const checkFocus = async () => {
        const f = await focusIndicator(page);
        if (!f.visible) invisible.push(`${f.element}: ${f.how}`);
        return f;
      };
      /** Presses Tab (or Shift+Tab) until `target` has focus, checking the focus indicator at every stop. */
      const tabTo = async (isTarget: () => Promise<boolean>, what: string, key = 'Tab') => {
        if (await isTarget()) return;
        for (let presses = 0; presses < 40; presses++) {
          await page.keyboard.press(key);
          await checkFocus();
          if (await isTarget()) return;
        }
        throw new Error(`${what} cannot be reached with ${key}`);
      };
      const focused = (locator: Locator) => () => isFocused(locator);

      // The first Tab shows the skip link; Enter moves focus to the chat.
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: nl.skip });
      await expect(isFocused(skip)).resolves.toBe(true);
      await expect(checkFocus()).resolves.toMatchObject({ visible: true });
      const box = await skip.boundingBox();
      expect(box && box.x >= 0 && box.y >= 0 && box.width > 0).toBe(true);
      await page.keyboard.press('Enter');
      await expect(focusedId(page)).resolves.toBe('chat');
      await expect(checkFocus()).resolves.toMatchObject({ visible: true });

      // From the chat, Tab reaches the send box; the answer is typed.
      await tabTo(focused(chat.sendBox), 'the send box');
      await chat.step(async () => {
        await page.keyboard.type(titleOf(chat, 'organisation'));
        await page.keyboard.press('Enter');
      }, 'help.idea');
      await chat.step(async () => {
        await page.keyboard.type('Een buurtfeest in het park');
        await page.keyboard.press('Enter');
      }, 'initiative.inMunicipality');

      // A suggested action: Shift+Tab back from the send box to the first button ("Ja"), Enter.
      const yes = chat.suggestedActions.getByRole('button', { name: titleOf(chat, 'yes'), exact: true });
      await tabTo(focused(yes), 'the suggested action', 'Shift+Tab');
      await chat.step(() => page.keyboard.press('Enter'), 'initiative.startDate');
      await tabTo(focused(chat.sendBox), 'the send box');
      // A start in the future: the fit card (themes and kaders) follows the date at once.
      await chat.step(async () => {
        await page.keyboard.type('1-6-2027');
        await page.keyboard.press('Enter');
      }, 'help.fit');

      // The card: Shift+Tab from the send box to the transcript, Enter goes into the last message (the card),
      // Tab to the checkbox, Space ticks it, Tab to "Verder", Enter sends.
      const transcript = page.locator('[role="group"][aria-activedescendant]'); // Web Chat's transcript
      await tabTo(focused(transcript), 'the transcript', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await checkFocus();
      const theme = titleOf(chat, 'verbinding');
      const verbinding = chat.card.getByRole('checkbox', { name: theme, exact: true });
      await tabTo(focused(verbinding), 'the card checkbox');
      await page.keyboard.press('Space');
      await expect(verbinding.isChecked()).resolves.toBe(true);
      const submit = chat.card.getByRole('button', { name: cardOf(chat)!.actions[0]!.title, exact: true });
      await tabTo(focused(submit), 'the card button');
      // Only a theme ticked: the kaders are asked on their own next.
      await chat.step(() => page.keyboard.press('Enter'), 'initiative.kaders');
      await expect(chat.userMessages()).resolves.toContain(theme);
      // Sent with the keyboard, the card lets go of the focus: it is in the send box for the next answer.
      await expect(isFocused(chat.sendBox)).resolves.toBe(true);

      // A suggested action with Space: the kaders card answered by typing, then the type question's first button.
      await tabTo(focused(chat.sendBox), 'the send box');
      await chat.step(async () => {
        await page.keyboard.type(titleOf(chat, 'dichtbij'));
        await page.keyboard.press('Enter');
      }, 'initiative.type');
      const first = chat.suggestedActions.getByRole('button').first();
      const firstTitle = (await first.textContent())?.trim();
      await tabTo(focused(first), 'the first suggested action', 'Shift+Tab');
      await chat.step(() => page.keyboard.press('Space'), undefined);
      await expect(chat.userMessages()).resolves.toContain(firstTitle);

      // "Opnieuw beginnen" with the keyboard: a new conversation, focus back in the send box.
      const old = await chat.saved();
      await tabTo(focused(chat.restartButton), 'the restart button', 'Shift+Tab');
      await page.keyboard.press('Enter');
      await chat.waitForNewConversation(old?.conversationId);
      await chat.waitForAsk('applicant.kind');
      await expect(isFocused(chat.sendBox)).resolves.toBe(true);
      await expect(chat.userMessages()).resolves.toEqual([]);
      await chat.step(async () => {
        await page.keyboard.type(titleOf(chat, 'organisation'));
        await page.keyboard.press('Enter');
      }, 'help.idea');

      expect(invisible, 'focus was not visible on').toEqual([]);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );
});
