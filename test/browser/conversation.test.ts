import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoInternalNames } from '../helpers/contract.js';
import type { BotActivity } from '../helpers/intake-answers.js';
import { INTERNAL_NAME, offeredBoxes } from '../helpers/intake-answers.js';
import { storesAt } from '../helpers/stores.js';
import { answer, buttonTitleOf, ELIGIBLE_ANSWERS, titleOf, walkUntil } from './eligible-path.js';
import type { Harness } from './harness.js';
import { BROWSER_TEST_TIMEOUT, Chat, isFocused, startHarness } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterAll(async () => {
  await h?.close();
});

/** What the server still keeps of a conversation: its dialog state and its Direct Line messages. */
async function stored(conversationId: string) {
  const stores = await storesAt(h.databasePath);
  try {
    const key = `intake/directline/${conversationId}`;
    const state = (await stores.state.read([key]))[key];
    const { activities } = await stores.log.since(conversationId, 0);
    return {
      hasDialogState: state !== undefined,
      userMessages: activities.filter((a) => a.from?.role === 'user').map((a) => a.text),
      botMessages: activities.filter((a) => a.from?.role !== 'user').map((a) => a.text),
    };
  } finally {
    await stores.close();
  }
}

describe('a resident in the browser', () => {
  it(
    'completes a conversation with suggested actions, card checkboxes and typing, and sees the checklist',
    async () => {
      const context = await h.newContext();
      const chat = new Chat(await context.newPage());
      await chat.open();

      // "Which of these apply?": a card with a checkbox per condition, titled as a sentence, and a
      // "Geen van deze" button beside the one that sends the ticked boxes.
      await walkUntil(chat, 'help.conditions');
      const conditions = chat.botActivities().at(-1)! as unknown as BotActivity;
      const boxes = offeredBoxes(conditions);
      expect(boxes.length).toBeGreaterThanOrEqual(7);
      expect(conditions.channelData?.slots).toEqual(
        expect.arrayContaining(boxes.filter((b) => !b.startsWith('help.'))),
      );
      const labels = chat.card.getByRole('checkbox');
      await expect(labels.count()).resolves.toBe(boxes.length);
      for (const box of boxes) {
        await expect(chat.checkbox(titleOf(chat, box)).count()).resolves.toBe(1);
      }
      const noneOfThese = buttonTitleOf(chat, 'none');
      await expect(
        chat.card.getByRole('button', { name: noneOfThese, exact: true }).isVisible(),
      ).resolves.toBe(true);
      await walkUntil(chat, 'help.history');
      const appliedBefore = titleOf(chat, 'help.appliedBefore');
      await walkUntil(chat, 'next');

      // The verdict as the server computed it (contract: channelData.assessment), and as the page shows it.
      const verdict = chat.botActivities().find((a) => a.channelData?.assessment);
      expect(verdict?.channelData?.assessment?.verdict).toBe('eligible');
      const required = (verdict?.channelData?.assessment?.checklist ?? []).filter((c) => c.required);
      expect(required.map((c) => c.label)).toContain('Aanvraagformulier');

      const shown = chat.botMessages().filter({ hasText: 'Stuur dit mee met uw aanvraag:' });
      await expect(shown.count()).resolves.toBe(1);
      // The checklist is a real list (a screen reader announces it as one) with exactly the items to send.
      const list = shown.getByRole('list').filter({ hasText: 'Aanvraagformulier' });
      await expect(list.getByRole('listitem').allInnerTexts()).resolves.toEqual(required.map((c) => c.label));
      for (const item of ['Aanvraagformulier', 'Activiteitenplan', 'Publiciteitsplan', 'Begroting']) {
        await expect(list.getByRole('listitem').filter({ hasText: item }).count()).resolves.toBe(1);
      }
      // After the verdict the next steps are buttons: prepare a draft, start again, done.
      const next = chat.botActivities().at(-1)?.suggestedActions?.actions ?? [];
      expect(next.map((a) => Object.values(a.value as object)[0])).toEqual([
        'draft',
        'callback',
        'restart',
        'done',
      ]);
      await expect(chat.suggestedActions.getByRole('button').allInnerTexts()).resolves.toEqual(
        next.map((a) => a.title),
      );

      // Every answer shows as the resident's own message: the titles they clicked or ticked, what they typed.
      const mine = await chat.userMessages();
      expect(mine.slice(0, 8)).toEqual([
        'Organisatie',
        'Een buurtfeest in het park',
        'Ja',
        '1-6-2027',
        'Thema: Verbinding, Uitgangspunt: Dichtbij de inwoner',
        'Eenmalig initiatief',
        '700',
        noneOfThese,
      ]);
      // The ticked gate shows as its sentence; the counts behind it were asked next.
      expect(mine).toContain(appliedBefore);
      const asked = chat.botActivities().map((a) => a.channelData?.ask);
      expect(asked).toContain('history.grantsThisYear');
      expect(asked).not.toContain('initiative.alreadyStarted');
      expect(asked).not.toContain('initiative.isActivity');
      // No slot path or other internal value in anything on screen, the resident's bubbles included, nor
      // in the texts and titles the page received.
      for (const text of await chat.transcript()) expect(text).not.toMatch(INTERNAL_NAME);
      expectNoInternalNames(chat.botActivities() as unknown as BotActivity[]);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'keeps the conversation after a reload and in a new page of the same browser',
    async () => {
      const context = await h.newContext();
      const page = await context.newPage();
      const chat = new Chat(page);
      await chat.open();
      await walkUntil(chat, 'initiative.startDate');
      const saved = await chat.saved();
      expect(saved?.conversationId).toBeTruthy();
      const before = await chat.transcript();
      expect(before.join('\n')).toContain('Een buurtfeest in het park');

      await page.reload();
      await chat.waitForAsk('initiative.startDate');
      await expect(chat.transcript()).resolves.toEqual(before);
      expect((await chat.saved())?.conversationId).toBe(saved?.conversationId);
      // The dialog is where it was: the typed date answers the start-date question.
      await chat.type('1-6-2027', 'help.fit');

      // The resident closes the tab and opens the page again later, in the same browser.
      await page.close();
      const again = new Chat(await context.newPage());
      await again.page.goto('/');
      await again.waitForAsk('help.fit');
      const transcript = await again.transcript();
      expect(transcript).toEqual(expect.arrayContaining(['Een buurtfeest in het park', '1-6-2027']));
      // One greeting: the conversation continued, it did not start again.
      expect(again.botActivities().filter((a) => a.channelData?.ask === 'applicant.kind')).toHaveLength(1);
      // The card of the question it stopped at still works in the new page.
      await expect(again.card.getByRole('checkbox').count()).resolves.toBeGreaterThan(1);
      // Only a theme ticked in the fit list: the kaders come on their own next.
      await answer(again, ELIGIBLE_ANSWERS['initiative.themes']!);
      expect(again.lastAsk()).toBe('initiative.kaders');
      await expect(again.userMessages()).resolves.toContain('Thema: Verbinding');
      expect((await again.saved())?.conversationId).toBe(saved?.conversationId);

      // Past the grouped questions ("Geen van deze" pressed, the gate's box ticked), another reload: the
      // resident's bubbles still show the titles, never the slot paths the cards sent.
      await walkUntil(again, 'history.grantsThisYear');
      const past = await again.transcript();
      await again.page.reload();
      await again.waitForAsk('history.grantsThisYear');
      await expect(again.transcript()).resolves.toEqual(past);
      const bubbles = await again.userMessages();
      expect(bubbles).toContain('Geen van deze');
      for (const text of bubbles) expect(text).not.toMatch(INTERNAL_NAME);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    '"Opnieuw beginnen" starts a clean conversation and the old one is deleted on the server',
    async () => {
      const context = await h.newContext();
      const chat = new Chat(await context.newPage());
      await chat.open();
      await walkUntil(chat, 'initiative.inMunicipality');
      const old = await chat.saved();
      expect(old).not.toBeNull();
      expect(await stored(old!.conversationId)).toMatchObject({
        hasDialogState: true,
        userMessages: ['organisation', 'Een buurtfeest in het park'],
      });

      await chat.restartButton.click();
      await chat.waitForNewConversation(old!.conversationId);
      await chat.waitForAsk('applicant.kind');
      const fresh = await chat.saved();
      expect(fresh?.conversationId).not.toBe(old!.conversationId);
      // Nothing of the old conversation is on screen: the greeting and the first question, no answers.
      expect(await chat.userMessages()).toEqual([]);
      expect((await chat.transcript()).join('\n')).not.toContain('buurtfeest');
      expect(chat.botActivities().filter((a) => a.channelData?.ask)).toHaveLength(1);
      // Focus lands in the send box, ready for the first answer.
      await expect(isFocused(chat.sendBox)).resolves.toBe(true);

      // The old conversation's answers are gone from the server: no dialog state, no messages of the user
      // but the "stop" the page sent (kept with its answer, in one commit).
      const gone = await stored(old!.conversationId);
      expect(gone).toMatchObject({ hasDialogState: false, userMessages: ['stop'] });
      expect(gone.botMessages.join('\n')).not.toContain('buurtfeest');

      // Whoever still has the old resume secret (this browser did) gets none of the old answers back.
      const resumed = (await (
        await fetch(`${h.baseUrl}/api/webchat/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ conversationId: old!.conversationId, resume: old!.resume }),
        })
      ).json()) as { conversationId: string; token: string };
      const replay = await fetch(
        `${h.baseUrl}/v3/directline/conversations/${resumed.conversationId}/activities?watermark=0`,
        { headers: { authorization: `Bearer ${resumed.token}` } },
      );
      const { activities } = (await replay.json()) as { activities: { from: { role?: string } }[] };
      expect(activities.filter((a) => a.from.role === 'user')).toEqual([]);
      expect(JSON.stringify(activities)).not.toContain('buurtfeest');

      // The new conversation works.
      await answer(chat, ELIGIBLE_ANSWERS['applicant.kind']!);
      expect(chat.lastAsk()).toBe('help.idea');
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );
});

/** What the resident types for the draft's questions. */
const DRAFT_TYPED: Record<string, string> = {
  'draft.title': 'Buurtfeest in het park',
  'draft.targetGroup': 'Bewoners van de buurt',
  'draft.location': 'Het park aan de Peulenstraat',
  'contact.name': 'Anna de Vries',
  'contact.organisation': 'Buurtvereniging Het Park',
  'contact.email': 'anna@example.nl',
  'contact.phone': '06 12345678',
  'contact.role': 'secretaris',
  'contact.address': 'Peulenstraat 1, 3371 AB Hardinxveld',
  'contact.kvk': '40831234',
  'contact.iban': 'NL91 ABNA 0417 1643 00',
};

/** The resident's last bubble: its text, and whether Web Chat made a link of it. */
async function lastOwnBubble(chat: Chat) {
  const bubble = chat.page.locator('.webchat__stacked-layout--from-user .webchat__bubble__content').last();
  return { text: ((await bubble.textContent()) ?? '').trim(), links: await bubble.locator('a').count() };
}

describe('the review and the draft in the browser', () => {
  it(
    'choosing "Naam" shows "Naam" (no link), "Houden" shows "Houden", "Alles klopt" confirms; the PDF is a labelled link',
    async () => {
      const context = await h.newContext();
      const chat = new Chat(await context.newPage());
      await chat.open();
      await walkUntil(chat, 'next');
      await chat.choose(titleOf(chat, 'draft'), 'draft.title');
      while (chat.lastAsk() !== 'help.review') {
        const ask = chat.lastAsk()!;
        await chat.type(DRAFT_TYPED[ask]!);
        expect(chat.lastAsk(), `after ${ask}`).not.toBe(ask);
      }

      // The review: a drop-down of the answers to change, and "Alles klopt" as a button of its own.
      const dropDown = chat.card.locator('select');
      await expect(dropDown.count()).resolves.toBe(1);
      const options = await dropDown.locator('option:not([disabled])').allTextContents();
      expect(options).toContain('Naam');
      expect(options).not.toContain('Alles klopt');

      // Change the fit list: asked again with the earlier boxes ticked, and "Houden" a button, not a box.
      await chat.step(async () => {
        await dropDown.selectOption({ label: 'Past bij de MAG' });
        await chat.card.getByRole('button', { name: 'Wijzigen', exact: true }).click();
      }, 'help.fit');
      await expect(lastOwnBubble(chat)).resolves.toEqual({ text: 'Past bij de MAG', links: 0 });
      for (const code of ['verbinding', 'dichtbij']) {
        await expect(chat.checkbox(titleOf(chat, code)).isChecked()).resolves.toBe(true);
      }
      await expect(chat.checkbox(titleOf(chat, 'levendigheid')).isChecked()).resolves.toBe(false);
      await expect(chat.card.getByRole('checkbox', { name: 'Houden' }).count()).resolves.toBe(0);
      await chat.press('Houden', 'help.review');
      await expect(lastOwnBubble(chat)).resolves.toEqual({ text: 'Houden', links: 0 });

      // "Naam": the bubble says "Naam", not the slot Web Chat would turn into a link to http://contact.name/.
      await chat.step(async () => {
        await chat.card.locator('select').selectOption({ label: 'Naam' });
        await chat.card.getByRole('button', { name: 'Wijzigen', exact: true }).click();
      }, 'contact.name');
      await expect(lastOwnBubble(chat)).resolves.toEqual({ text: 'Naam', links: 0 });
      await chat.choose('Houden', 'help.review');
      await expect(lastOwnBubble(chat)).resolves.toEqual({ text: 'Houden', links: 0 });

      // "Alles klopt" confirms, even with "Naam" chosen in the drop-down.
      await chat.step(async () => {
        await chat.card.locator('select').selectOption({ label: 'Naam' });
        await chat.card.getByRole('button', { name: 'Alles klopt', exact: true }).click();
      }, 'draft.consent');
      await expect(lastOwnBubble(chat)).resolves.toEqual({ text: 'Alles klopt', links: 0 });

      // Consent: the draft, its PDF behind a short label, no bare address.
      const before = chat.botActivities().length;
      await chat.suggestedActions.getByRole('button', { name: 'Ja', exact: true }).click();
      const deadline = Date.now() + 15_000;
      let reply: ReturnType<Chat['botActivities']>[number] | undefined;
      while (!reply && Date.now() < deadline) {
        reply = chat
          .botActivities()
          .slice(before)
          .find((a) => (a.channelData as { draft?: unknown } | undefined)?.draft);
        if (!reply) await chat.page.waitForTimeout(50);
      }
      expect(reply, 'the reply with channelData.draft').toBeDefined();
      const { id } = (reply!.channelData as unknown as { draft: { id: string } }).draft;
      const message = chat.botMessages().filter({ hasText: 'Uw conceptaanvraag (PDF)' });
      // The activity is in; Web Chat renders it a moment later.
      await message.first().waitFor({ timeout: 10_000 });
      await expect(message.count()).resolves.toBe(1);
      const link = message.getByRole('link', { name: /Uw conceptaanvraag \(PDF\)/ });
      await expect(link.count()).resolves.toBe(1);
      const href = (await link.getAttribute('href'))!;
      expect(new URL(href).pathname).toBe(`/drafts/${id}/document.pdf`);
      expect(await message.textContent()).not.toMatch(/https?:\/\//);
      await expect(message.textContent()).resolves.toContain('Het is nog niet uw officiële aanvraag');
      // The resident's bubbles, all of them: titles, no codes, no links.
      for (const text of await chat.userMessages()) expect(text).not.toMatch(INTERNAL_NAME);
      await expect(
        chat.page.locator('.webchat__stacked-layout--from-user .webchat__bubble__content a').count(),
      ).resolves.toBe(0);
      // The PDF opens through the link.
      const pdf = await fetch(href);
      expect(pdf.status).toBe(200);
      await context.close();
    },
    BROWSER_TEST_TIMEOUT * 2,
  );
});

describe('what a resident typed, shown back in a bubble', () => {
  it(
    'is text, never a link, an image or formatting: Markdown and HTML typed as answers stay literal',
    async () => {
      const typed: Record<string, string> = {
        ...DRAFT_TYPED,
        'draft.title': '[Klik hier](https://phish.example/login)',
        'draft.targetGroup': '<img src=x onerror="window.__pwned=1"> **iedereen**',
        'draft.location': 'www.phish-gemeente.nl of phish-gemeente.nl/inlog',
        'contact.name': '<b>Anna</b> _de_ Vries',
      };
      const context = await h.newContext();
      const chat = new Chat(await context.newPage());
      await chat.open();
      await walkUntil(chat, 'next');
      await chat.choose(titleOf(chat, 'draft'), 'draft.title');
      while (chat.lastAsk() !== 'help.review') {
        const ask = chat.lastAsk()!;
        await chat.type(typed[ask]!);
        expect(chat.lastAsk(), `after ${ask}`).not.toBe(ask);
      }
      const review = chat.botMessages().last();
      const text = (await review.textContent()) ?? '';
      for (const value of Object.values(typed).slice(-7)) {
        if (
          ['draft.title', 'draft.targetGroup', 'draft.location', 'contact.name'].some(
            (k) => typed[k] === value,
          )
        ) {
          expect(text).toContain(value);
        }
      }
      expect(await review.locator('a').count()).toBe(0);
      expect(await review.locator('img, b, strong, em, i').count()).toBe(0);
      expect(await chat.page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
      await context.close();
    },
    BROWSER_TEST_TIMEOUT,
  );
});
