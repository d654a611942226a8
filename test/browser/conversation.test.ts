import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoInternalNames } from '../helpers/contract.js';
import type { BotActivity } from '../helpers/intake-answers.js';
import { INTERNAL_NAME, offeredBoxes } from '../helpers/intake-answers.js';
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
function stored(conversationId: string) {
  const db = new Database(h.databasePath, { readonly: true, fileMustExist: true });
  try {
    const state = db
      .prepare<[string], { key: string }>('select key from state where key = ?')
      .get(`intake/directline/${conversationId}`);
    const activities = db
      .prepare<[string], { activity: string }>(
        'select activity from dl_activities where conversation_id = ? order by seq',
      )
      .all(conversationId)
      .map((r) => JSON.parse(r.activity) as { from?: { role?: string }; text?: string });
    return {
      hasDialogState: state !== undefined,
      userMessages: activities.filter((a) => a.from?.role === 'user').map((a) => a.text),
      botMessages: activities.filter((a) => a.from?.role !== 'user').map((a) => a.text),
    };
  } finally {
    db.close();
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
      expect(next.map((a) => Object.values(a.value as object)[0])).toEqual(['draft', 'restart', 'done']);
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
      expect(stored(old!.conversationId)).toMatchObject({
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

      // The old conversation's answers are gone from the server: no dialog state, no messages of the user.
      const gone = stored(old!.conversationId);
      expect(gone).toMatchObject({ hasDialogState: false, userMessages: [] });
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
