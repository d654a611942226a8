import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DraftStore } from '../../storage/interfaces.js';
import type { ChannelServer } from '../helpers/channel-server.js';
import { startServer, TODAY } from '../helpers/channel-server.js';
import { answerUntilVerdict, httpViaInject, RestConversation } from '../helpers/directline-rest.js';
import type { Asked, BotActivity } from '../helpers/intake-answers.js';
import { askOf, assessInputFor, ELIGIBLE_ORGANISATION, lastQuestion } from '../helpers/intake-answers.js';
import { storesAt } from '../helpers/stores.js';

/** What the resident types after an eligible verdict, slot by slot. */
const DRAFT_ANSWERS: Record<string, string> = {
  next: 'concept',
  'draft.title': 'Buurtfeest Kerkstraat 2027',
  'draft.targetGroup': 'Bewoners van de Kerkstraat',
  'draft.location': 'Kerkstraat, Hardinxveld-Giessendam',
  'contact.name': 'Anna de Vries',
  'contact.organisation': 'Buurtvereniging De Kerkstraat',
  'contact.email': 'anna@example.nl',
  'contact.phone': '06 12345678',
  'contact.role': 'secretaris',
  'contact.address': 'Kerkstraat 1, 3371 AB Hardinxveld-Giessendam',
  'contact.kvk': '40831234',
  'contact.iban': 'NL91 ABNA 0417 1643 00',
  'help.review': 'klopt',
  'draft.consent': 'ja',
};

let server: ChannelServer;
let conversation: RestConversation;
let asked: Asked[];
const draftAsked: string[] = [];
let assessment: Record<string, unknown>;
let draftActivity: BotActivity & { channelData?: { draft?: { id: string; reference: string } } };

beforeAll(async () => {
  server = await startServer({}, { listen: false });
  const http = httpViaInject(server.app);
  conversation = await RestConversation.start(http);
  const run = await answerUntilVerdict(conversation);
  asked = run.answered;
  assessment = run.assessment;
  expect(assessment.verdict).toBe('eligible');
  let question = lastQuestion(conversation.seen);
  for (let turn = 0; turn < 20 && !draftActivity; turn++) {
    const slot = askOf(question)!;
    draftAsked.push(slot);
    const replies = await conversation.answer(DRAFT_ANSWERS[slot] ?? '');
    draftActivity = replies.find(
      (a) => (a.channelData as { draft?: unknown } | undefined)?.draft,
    ) as typeof draftActivity;
    question = lastQuestion(replies) ?? question;
  }
});

afterAll(async () => {
  await server?.close();
});

/** Reads the drafts the server stored, from its database (SQLite or PostgreSQL). */
async function storedDrafts<T>(read: (drafts: DraftStore) => Promise<T>): Promise<T> {
  const stores = await storesAt(server.databasePath);
  try {
    return await read(stores.drafts);
  } finally {
    await stores.close();
  }
}

describe('a conversation that consents', () => {
  it('gets a reference in the chat with channelData.draft', () => {
    expect(draftActivity).toBeDefined();
    const { id, reference } = draftActivity.channelData!.draft!;
    expect(reference).toBe('MAG-2026-000001');
    expect(draftActivity.text).toContain(reference);
    expect(draftActivity.text).toContain(`/drafts/${id}/document.pdf?sig=`);
  });

  it('is stored with the answers as the /api/assess input and the assessment the resident saw', async () => {
    const draft = await storedDrafts((drafts) => drafts.get(draftActivity.channelData!.draft!.id));
    expect(draft).toBeDefined();
    const expectedInput = assessInputFor(asked, TODAY);
    const { today: _today, ...inputWithoutDate } = expectedInput;
    expect(draft!.input).toEqual({ ...inputWithoutDate, today: TODAY });
    expect(draft!.assessment).toEqual(assessment);
    const api = await server.app.inject({ method: 'POST', url: '/api/assess', payload: expectedInput });
    expect(draft!.assessment).toEqual(api.json());
    expect(draft!.contact).toEqual({
      name: 'Anna de Vries',
      organisation: 'Buurtvereniging De Kerkstraat',
      role: 'secretaris',
      email: 'anna@example.nl',
      phone: '+31612345678',
      address: 'Kerkstraat 1, 3371 AB Hardinxveld-Giessendam',
      kvk: '40831234',
      iban: 'NL91 ABNA 0417 1643 00',
    });
    expect(draft!.form).toMatchObject({
      title: 'Buurtfeest Kerkstraat 2027',
      location: 'Kerkstraat, Hardinxveld-Giessendam',
      // The idea told at the start is the description; the draft does not ask for it again.
      description: ELIGIBLE_ORGANISATION['help.idea']!.text,
    });
    expect(draftAsked).not.toContain('draft.description');
    expect(draftAsked).toEqual(
      expect.arrayContaining(['next', 'draft.title', 'help.review', 'draft.consent']),
    );
    expect(draft!.channel).toBe('website');
    expect(draft!.rulesetId).toBe('mag-2024');
    expect(draft!.status).toBe('nieuw');
  });

  it('keeps the transcript of the conversation with the draft', async () => {
    const draft = await storedDrafts((drafts) => drafts.get(draftActivity.channelData!.draft!.id));
    const said = draft!.transcript.filter((l) => l.from === 'resident').map((l) => l.text);
    expect(said).toContain('Anna de Vries');
    expect(said).toContain('Een buurtfeest voor de hele straat');
    expect(
      draft!.transcript.some((l) => l.from === 'assistant' && l.text.includes('Wie vraagt de subsidie aan?')),
    ).toBe(true);
  });

  it('a second click on the consent gives the same draft, not a second one', async () => {
    const replies = await conversation.answer('', { value: { 'draft.consent': 'yes' } });
    const again = replies.find(
      (a) => (a.channelData as { draft?: { reference: string } } | undefined)?.draft,
    );
    expect((again?.channelData as { draft?: { reference: string } } | undefined)?.draft?.reference).toBe(
      'MAG-2026-000001',
    );
    expect(await storedDrafts((drafts) => drafts.list())).toHaveLength(1);
  });
});
