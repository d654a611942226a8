import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, ELIGIBLE_ANSWERS, titleOf, walkUntil } from './eligible-path.js';
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
      expect(mine.slice(0, 7)).toEqual([
        'Organisatie',
        'Een buurtfeest in het park',
        'Ja',
        '1-6-2027',
        'Nee',
        'Verbinding',
        'Dichtbij de inwoner',
      ]);
      expect(mine).toContain('700');
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
      await chat.type('1-6-2027', 'initiative.alreadyStarted');

      // The resident closes the tab and opens the page again later, in the same browser.
      await page.close();
      const again = new Chat(await context.newPage());
      await again.page.goto('/');
      await again.waitForAsk('initiative.alreadyStarted');
      const transcript = await again.transcript();
      expect(transcript).toEqual(expect.arrayContaining(['Een buurtfeest in het park', '1-6-2027']));
      // One greeting: the conversation continued, it did not start again.
      expect(again.botActivities().filter((a) => a.channelData?.ask === 'applicant.kind')).toHaveLength(1);
      await again.choose(titleOf(again, 'no'), 'initiative.themes');
      await expect(again.card.getByRole('checkbox').count()).resolves.toBeGreaterThan(1);
      expect((await again.saved())?.conversationId).toBe(saved?.conversationId);
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
