import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HIDDEN } from '../../bot/intake-bot.js';
import { formatDate } from '../../rules/index.js';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer } from '../helpers/channel-server.js';
import type { Http } from '../helpers/directline-rest.js';
import { answerUntilAsked, httpViaInject, RestConversation } from '../helpers/directline-rest.js';
import type { BotActivity } from '../helpers/intake-answers.js';
import { askOf, DRAFT_ANSWERS, ELIGIBLE_ORGANISATION, INTERNAL_NAME } from '../helpers/intake-answers.js';
import { storesAt } from '../helpers/stores.js';

/**
 * Over Direct Line (the REST protocol Web Chat speaks): what the consulent's copy of the conversation keeps
 * (titles, never codes; nothing from before a restart) and what the resident reads when the draft is made.
 */
const ANSWERS = { ...ELIGIBLE_ORGANISATION, ...DRAFT_ANSWERS };
type DraftActivity = BotActivity & { channelData?: { draft?: { id: string; reference: string } } };

let server: ChannelServer;
let http: Http;
beforeAll(async () => {
  server = await startServer({}, { listen: false });
  http = httpViaInject(server.app);
});
afterAll(async () => {
  await server?.close();
});

/** The draft as the server stored it, read from its database (SQLite or PostgreSQL). */
async function storedDraft(id: string) {
  const stores = await storesAt(server.databasePath);
  try {
    return await stores.drafts.get(id);
  } finally {
    await stores.close();
  }
}
const draftIn = (replies: BotActivity[]) =>
  (replies as DraftActivity[]).find((a) => a.channelData?.draft) as Required<DraftActivity> | undefined;

/** Consents (typed) at the consent question; returns the reply with the draft and the stored draft. */
async function consent(conversation: RestConversation) {
  await answerUntilAsked(conversation, 'draft.consent', ANSWERS);
  const reply = draftIn(await conversation.answer('ja'));
  expect(reply, 'the reply with channelData.draft').toBeDefined();
  const draft = await storedDraft(reply!.channelData.draft!.id);
  return { reply: reply!, draft: draft! };
}

/** A click as Web Chat sends it without the page's help: a postBack, the card's value and no text. */
const postBack = (conversation: RestConversation, value: Record<string, unknown>) =>
  conversation.answer('', { value });

describe('the transcript kept with the draft', () => {
  it('records clicks by their titles, never as codes or JSON, also a click without a displayText', async () => {
    const c = await RestConversation.start(http);
    await postBack(c, { 'applicant.kind': 'organisation' });
    await answerUntilAsked(c, 'help.fit', ANSWERS);
    await postBack(c, { 'help.fit': 'verbinding,dichtbij' });
    // "Geen van deze" as the page sends it: a messageBack with the boxes (none ticked) and its title.
    await answerUntilAsked(c, 'help.conditions', ANSWERS);
    await c.answer('none', {
      value: { none: 'help.conditions', 'help.conditions': '' },
      channelData: { messageBack: { displayText: 'Geen van deze' } },
    });
    // A button of an earlier question, clicked again: not this answer, and no code in the transcript.
    await postBack(c, { 'applicant.kind': 'resident' });
    await answerUntilAsked(c, 'help.review', ANSWERS);
    await postBack(c, { 'help.review': 'contact.name' });
    await postBack(c, { 'contact.name': 'keep' });
    await postBack(c, { 'help.review': 'confirm' });
    expect(askOf(c.currentQuestion())).toBe('draft.consent');
    const { draft } = await consent(c);
    const said = draft.transcript.filter((l) => l.from === 'resident').map((l) => l.text);
    expect(said).toEqual(
      expect.arrayContaining([
        'Organisatie',
        'Thema: Verbinding, Uitgangspunt: Dichtbij de inwoner',
        'Geen van deze',
        '(een knop bij een eerdere vraag)',
        'Naam',
        'Houden',
        'Alles klopt',
      ]),
    );
    for (const text of said) {
      expect(text).not.toMatch(/^[[{]/);
      expect(text).not.toMatch(INTERNAL_NAME);
      expect(['organisation', 'resident', 'confirm', 'keep']).not.toContain(text);
    }
  });
});

describe('invisible characters', () => {
  it('right-to-left overrides, zero-width and control characters never reach the transcript', async () => {
    const c = await RestConversation.start(http);
    await c.answer('organisatie');
    // "Buurtfeest" shown backwards and "gratis" hidden in zero-width joins, as a forged line would try.
    await c.answer('Buur\u202Etfeest\u202C voor \u200Bde\u200D straat\u0007\uFEFF\u2066 samen\u2069');
    await answerUntilAsked(c, 'draft.consent', ANSWERS);
    const { draft } = await consent(c);
    const idea = draft.transcript.find((l) => l.from === 'resident' && l.text.startsWith('Buur'))!;
    expect(idea.text).toBe('Buurtfeest voor de straat samen');
    for (const line of draft.transcript) expect(line.text).not.toMatch(HIDDEN);
    // Line breaks stay: they are part of what was said.
    expect(HIDDEN.test('a\nb\tc')).toBe(false);
  });
});

describe('a restart starts a new session: nothing said before it reaches a later draft', () => {
  it('`opnieuw` in the middle of a conversation', async () => {
    const c = await RestConversation.start(http);
    await c.answer('organisatie');
    await c.answer('Mijn geheime plan voor het dorpshuis');
    const restarted = await c.answer('opnieuw');
    expect(restarted[0]!.text).toBe('We beginnen opnieuw.');
    const { draft } = await consent(c);
    const texts = draft.transcript.map((l) => l.text);
    expect(texts.join('\n')).not.toContain('geheime plan');
    expect(texts).not.toContain('opnieuw');
    expect(draft.transcript[0]).toMatchObject({ from: 'assistant', text: 'We beginnen opnieuw.' });
    expect(draft.form.description).toBe(ELIGIBLE_ORGANISATION['help.idea']!.text);
  });

  it('"Opnieuw beginnen" after a verdict, clicked (a messageBack)', async () => {
    const c = await RestConversation.start(http);
    await c.answer('organisatie');
    await c.answer('Een plan dat niet doorgaat');
    const next = await answerUntilAsked(c, 'next', {
      ...ANSWERS,
      'initiative.inMunicipality': { text: 'nee' },
    });
    const restart = next.suggestedActions!.actions.find((a) => a.title === 'Opnieuw beginnen')!;
    await c.answer(restart.text!, {
      value: restart.value,
      channelData: { messageBack: { displayText: restart.title } },
    });
    const { draft } = await consent(c);
    const texts = draft.transcript.map((l) => l.text).join('\n');
    expect(texts).not.toContain('niet doorgaat');
    expect(texts).not.toContain('Opnieuw beginnen');
    expect(draft.transcript[0]).toMatchObject({ from: 'assistant', text: 'We beginnen opnieuw.' });
  });

  it('a new session after the end: a new draft, with only its own conversation', async () => {
    const c = await RestConversation.start(http);
    const first = await consent(c);
    // The person comes back to the same chat later and makes another application.
    await c.answer('hallo');
    const second = await consent(c);
    expect(second.draft.id).not.toBe(first.draft.id);
    expect(second.draft.reference).not.toBe(first.draft.reference);
    const firstLines = new Set(first.draft.transcript.map((l) => l.at));
    expect(second.draft.transcript.some((l) => firstLines.has(l.at))).toBe(false);
    expect(second.draft.transcript.map((l) => l.text)).not.toContain('hallo');
    expect(second.draft.transcript[0]!.from).toBe('assistant');
  });
});

describe('after the draft, over Direct Line', () => {
  it('says what to send, where and by when, that it is a draft, and links the PDF with a short label', async () => {
    const c = await RestConversation.start(http);
    const { reply, draft } = await consent(c);
    const text = reply.text!;
    expect(text).toContain(draft.reference);
    expect(text).toContain('Het is nog niet uw officiële aanvraag');
    expect(text).toContain('Stuur deze stukken naar MAG@hardinxveld-giessendam.nl');
    for (const item of draft.assessment.checklist!.filter((i) => i.required)) {
      expect(text).toContain(`- ${item.label}`);
    }
    const submitBy = draft.assessment.deadlines!.find((d) => d.id === 'submit-by')!;
    expect(text).toContain(
      `Uw aanvraag moet uiterlijk ${formatDate(submitBy.date, 'nl')} bij de gemeente zijn.`,
    );
    // The link: labelled, on this machine's origin (no PUBLIC_URL, a loopback Host), and the URL nowhere
    // else in the text.
    const link = /\[Uw conceptaanvraag \(PDF\)\]\((http:\/\/[^)\s]+)\)/.exec(text);
    expect(link, text).not.toBeNull();
    const url = new URL(link![1]!);
    expect(url.pathname).toBe(`/drafts/${draft.id}/document.pdf`);
    expect(text.split(link![1]!)).toHaveLength(2);
    expect(text.replace(link![0], '')).not.toMatch(/https?:\/\//);
    // Not the consulent's inbox: that is for the buurtwerker in Teams.
    expect(text).not.toContain('/consulent');
    const pdf = await server.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` });
    expect(pdf.statusCode).toBe(200);
  });

  it('in English for an English conversation', async () => {
    const c = await RestConversation.start(http);
    await c.answer('english');
    const { reply, draft } = await consent(c);
    expect(draft.lang).toBe('en');
    expect(reply.text).toContain('It is not yet your formal application');
    expect(reply.text).toMatch(/\[Your draft application \(PDF\)\]\(http:\/\/[^)]+\)/);
    const submitBy = draft.assessment.deadlines!.find((d) => d.id === 'submit-by')!;
    expect(reply.text).toContain(`must reach the municipality by ${formatDate(submitBy.date, 'en')}`);
  });
});
