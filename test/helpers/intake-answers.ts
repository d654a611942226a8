/**
 * Answers for the intake by question, so channel tests answer whatever the bot asks (`channelData.ask`) and
 * do not depend on the order of the questions. Each answer has the text a person types and what it means
 * for `POST /api/assess`: the value of the slot it is asked under, or, for a question that settles several
 * slots (channels.md, "Questions that settle several slots"), the boxes ticked or the code chosen. The
 * slot values a grouped answer gives are derived here, from the contract, never copied from the bot.
 */
export interface SlotAnswer {
  text: string;
  /** The `/api/assess` value of the eligibility slot asked under its own name (or `yes`/`no` of a gate). */
  value?: unknown;
  /**
   * A multi-select group (`help.conditions`, `help.history`): the choice values ticked (slot paths or a
   * gate); for the fit list (`help.fit`) the theme and kader codes ticked.
   */
  ticked?: readonly string[];
  /** A single choice that settles several slots (`help.location`): the code chosen. */
  code?: string;
}

export type AnswerMap = Record<string, SlotAnswer>;

/** "Geen van deze" typed: no box of the group holds. */
const none: SlotAnswer = { text: 'geen', ticked: [] };

/** The short eligible path of an organisation: no box ticked, no earlier application, nobody else pays. */
export const ELIGIBLE_ORGANISATION: AnswerMap = {
  'applicant.kind': { text: 'organisation', value: 'organisation' },
  'help.idea': { text: 'Een buurtfeest voor de hele straat' },
  'initiative.inMunicipality': { text: 'ja', value: true },
  'initiative.startDate': { text: '1-6-2027', value: '2027-06-01' },
  'help.fit': { text: 'verbinding en dichtbij', ticked: ['verbinding', 'dichtbij'] },
  'initiative.themes': { text: 'verbinding', value: ['verbinding'] },
  'initiative.kaders': { text: 'dichtbij', value: ['dichtbij'] },
  'initiative.type': { text: 'eenmalig', value: 'eenmalig' },
  'money.requested': { text: '700', value: 700 },
  'help.conditions': none,
  'money.totalCosts': { text: '1000', value: 1000 },
  'money.thirdPartyContributions': { text: '0', value: 0 },
  'initiative.expectedParticipants': { text: '40', value: 40 },
  'help.history': none,
};

/** A resident's street party in her own street, € 350 (example 1 of the rules): the buurtwerker decides. */
export const RESIDENT_STREET_PARTY: AnswerMap = {
  'applicant.kind': { text: 'inwoner', value: 'resident' },
  'help.idea': { text: 'Een straatfeest in mijn eigen straat' },
  'help.location': { text: 'in mijn eigen buurt', code: 'in-own-neighbourhood' },
  'initiative.startDate': { text: '13-6-2027', value: '2027-06-13' },
  'help.fit': { text: 'verbinding en dichtbij', ticked: ['verbinding', 'dichtbij'] },
  'initiative.themes': { text: 'verbinding', value: ['verbinding'] },
  'initiative.kaders': { text: 'dichtbij', value: ['dichtbij'] },
  'initiative.type': { text: 'eenmalig', value: 'eenmalig' },
  'money.requested': { text: '350', value: 350 },
  'help.conditions': none,
  'help.history': none,
};

/**
 * A vereniging's core activity for 2027 asking € 25.000 (example 4 of the rules): refused at once, with a
 * lower amount (€ 10.000) and a later year as ways out; the rest is what it answers when it goes on.
 */
export const CORE_ACTIVITY_TOO_HIGH: AnswerMap = {
  'applicant.kind': { text: 'organisatie', value: 'organisation' },
  'help.idea': { text: 'Elke week een inloopochtend in het dorpshuis' },
  'initiative.inMunicipality': { text: 'ja', value: true },
  'initiative.startDate': { text: '1-1-2027', value: '2027-01-01' },
  'help.fit': { text: 'levendigheid en vraag-inwoner', ticked: ['levendigheid', 'vraag-inwoner'] },
  'initiative.themes': { text: 'levendigheid', value: ['levendigheid'] },
  'initiative.kaders': { text: 'vraag-inwoner', value: ['vraag-inwoner'] },
  'initiative.type': { text: 'kernactiviteit', value: 'kernactiviteit' },
  'money.requested': { text: '25000', value: 25_000 },
  'help.conditions': none,
  'money.totalCosts': { text: '40000', value: 40_000 },
  'money.thirdPartyContributions': { text: '5000', value: 5_000 },
  'initiative.expectedParticipants': { text: '120', value: 120 },
  'help.history': none,
  'initiative.endDate': { text: '31-12-2027', value: '2027-12-31' },
};

/**
 * After an eligible verdict: prepare the draft, fill in its questions, confirm the review and consent. `code`
 * picks the button when the answer is clicked.
 */
export const DRAFT_ANSWERS: AnswerMap = {
  next: { text: 'concept', code: 'draft' },
  'draft.title': { text: 'Buurtfeest Kerkstraat 2027' },
  'draft.targetGroup': { text: 'Bewoners van de Kerkstraat' },
  'draft.location': { text: 'Kerkstraat, Hardinxveld-Giessendam' },
  'contact.name': { text: 'Anna de Vries' },
  'contact.organisation': { text: 'Buurtvereniging De Kerkstraat' },
  'contact.email': { text: 'anna@example.nl' },
  'contact.phone': { text: '06 12345678' },
  'contact.role': { text: 'secretaris' },
  'contact.address': { text: 'Kerkstraat 1, 3371ab Hardinxveld-Giessendam' },
  'contact.kvk': { text: '4083 1234' },
  'contact.iban': { text: 'nl91 abna 0417 1643 00' },
  'help.review': { text: 'klopt', code: 'confirm' },
  'draft.consent': { text: 'ja', value: true },
};

/** The slots behind each gate, with what "no" (an unticked box) gives them: their defaults. */
export const GATES: Readonly<Record<string, Readonly<Record<string, boolean | number>>>> = {
  'help.appliedBefore': {
    'history.grantsThisYear': 0,
    'history.amountGrantedThisYear': 0,
    'history.nonCoreApplicationsThisYear': 0,
    'history.coreApplicationThisYear': false,
  },
  // What others pay towards the costs, behind a box of its own (when the dialog offers one).
  'help.othersPay': { 'money.thirdPartyContributions': 0 },
};

/** The boxes each multi-select group may offer (channels.md and the brief), in their order. */
export const GROUP_BOXES: Readonly<Record<string, readonly string[]>> = {
  'help.conditions': [
    'initiative.isActivity',
    'initiative.profitMotive',
    'initiative.primarilyReligious',
    'money.includesFoodAndDrink',
    'money.includesMaterialsOrRealEstate',
    'initiative.worksWithVulnerable',
    'money.otherMunicipalFunding',
    'initiative.multipleInitiatives',
    'help.othersPay',
  ],
  'help.history': ['help.appliedBefore', 'history.sameApplicationRefusedBefore', 'history.similarGranted'],
};

/** What each choice of a single choice that settles several slots sets (channels.md, the brief). */
export const SINGLE_CHOICE_MEANING: Readonly<
  Record<string, Readonly<Record<string, Record<string, unknown>>>>
> = {
  'help.location': {
    'in-own-neighbourhood': { 'initiative.inMunicipality': true, 'initiative.ownNeighbourhood': true },
    'in-municipality': { 'initiative.inMunicipality': true, 'initiative.ownNeighbourhood': false },
    outside: { 'initiative.inMunicipality': false },
  },
};

export const isGate = (code: string): boolean => code in GATES;

/** A box's default, the value an unticked box gives: `false`, except that an initiative is an activity. */
const defaultOf = (slot: string): boolean => slot === 'initiative.isActivity';

/** The eligibility slots a group's boxes settle (`channelData.slots`): a gate stands for the slots behind it. */
export function slotsOfBoxes(boxes: readonly string[]): string[] {
  return boxes.flatMap((box) => (isGate(box) ? Object.keys(GATES[box]!) : [box]));
}

/**
 * Of the counts behind the gate, the rules read one per type (mag-rules.md): whether a kernactiviteit was
 * applied for this year (`core-once-a-year`), or how many other applications there were
 * (`non-core-twice-a-year`). The gate's "no" settles both; the `/api/assess` input holds the one that counts.
 */
const COUNT_NOT_READ: Readonly<Record<string, string>> = {
  kernactiviteit: 'history.nonCoreApplicationsThisYear',
  eenmalig: 'history.coreApplicationThisYear',
  evenement: 'history.coreApplicationThisYear',
  sport: 'history.coreApplicationThisYear',
};

/** What a gate's "no" gives: the defaults of the slots behind it (for `type`: those the rules read). */
export function gateDefaults(gate: string, type?: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = { ...GATES[gate] };
  if (typeof type === 'string' && COUNT_NOT_READ[type]) delete out[COUNT_NOT_READ[type]];
  return out;
}

/**
 * The slot values a grouped multi-select answer gives (channels.md): a ticked box gives its slot the
 * opposite of its default, an unticked one the default; an unticked gate gives the slots behind it their
 * defaults (`gateDefaults`), a ticked one leaves them to be asked under their own names.
 */
export function groupValues(
  offered: readonly string[],
  ticked: readonly string[],
  type?: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const box of offered) {
    if (isGate(box)) {
      if (!ticked.includes(box)) Object.assign(out, gateDefaults(box, type));
    } else {
      out[box] = ticked.includes(box) ? !defaultOf(box) : defaultOf(box);
    }
  }
  return out;
}

/** The minimal shape of a bot activity the helpers read (Direct Line or Bot Framework). */
export interface BotActivity {
  id?: string;
  type: string;
  text?: string;
  replyToId?: string;
  from?: { id: string; role?: string };
  channelData?: {
    ask?: string;
    slots?: string[];
    settles?: Record<string, Record<string, unknown>>;
    assessment?: Assessment;
    /** The reply that says the draft is stored. */
    draft?: { id: string; reference: string };
  };
  suggestedActions?: { actions: { type: string; title?: string; text?: string; value?: unknown }[] };
  attachments?: { contentType: string; content: unknown }[];
}

/** The fields of an `/api/assess` answer the tests compare. */
export interface Assessment {
  verdict: string;
  today: string;
  route?: unknown;
  checklist?: { id: string }[];
  deadlines?: { id: string; date?: string }[];
  [key: string]: unknown;
}

export const askOf = (a: BotActivity | undefined): string | undefined => a?.channelData?.ask;

/** The last activity of a batch that asks a question. */
export const lastQuestion = (activities: BotActivity[]): BotActivity | undefined =>
  activities.findLast((a) => askOf(a) !== undefined);

export const ADAPTIVE_CARD = 'application/vnd.microsoft.card.adaptive';

export interface CardContent {
  body?: {
    type: string;
    id?: string;
    isMultiSelect?: boolean;
    choices?: { title: string; value: string }[];
  }[];
  actions?: { type: string; title: string; data?: Record<string, unknown>; associatedInputs?: string }[];
}

/** The Adaptive Card an activity carries, if any. */
export const cardOf = (a: BotActivity | undefined): CardContent | undefined =>
  a?.attachments?.find((x) => x.contentType === ADAPTIVE_CARD)?.content as CardContent | undefined;

/** The boxes a multi-select card offers: the values of its `Input.ChoiceSet` named after the question. */
export function offeredBoxes(question: BotActivity): string[] {
  const ask = askOf(question);
  const set = cardOf(question)?.body?.find((b) => b.type === 'Input.ChoiceSet' && b.id === ask);
  return set?.choices?.map((c) => c.value) ?? [];
}

/** Every text a person sees of an activity: its text, the titles of its buttons, card labels and choices. */
export function visibleTexts(a: BotActivity): string[] {
  const card = cardOf(a);
  return [
    a.text ?? '',
    ...(a.suggestedActions?.actions ?? []).flatMap((x) => [x.title ?? '']),
    ...(card?.body ?? []).flatMap((b) => [
      (b as { text?: string }).text ?? '',
      (b as { label?: string }).label ?? '',
      ...(b.choices ?? []).map((c) => c.title),
    ]),
    ...(card?.actions ?? []).map((x) => x.title),
  ].filter((s) => s !== '');
}

/** An internal value in text a person reads: a slot path (`initiative.`, `money.`, …) or a `help.` name. */
export const INTERNAL_NAME = /\b(?:applicant|initiative|money|history|help|draft|contact)\.[a-zA-Z]/;

/** The text that answers the question; an unknown question fails the test with its name. */
export function answerText(slot: string, answers: AnswerMap = ELIGIBLE_ORGANISATION): string {
  return answerFor(slot, answers).text;
}

export function answerFor(slot: string, answers: AnswerMap = ELIGIBLE_ORGANISATION): SlotAnswer {
  const answer = answers[slot];
  if (!answer) throw new Error(`The test has no answer for slot ${slot}`);
  return answer;
}

/**
 * A question that was answered: its name, or the question activity itself (a grouped multi-select must be
 * passed as the activity: the boxes it offered are read from its card).
 */
export type Asked = string | BotActivity;

/**
 * Answers that follow from others by definition (the dialog gives them instead of asking, and so must the
 * `/api/assess` input): a kernactiviteit or an evenement is an activity, a start in the future has not
 * begun, and no grant this year means nothing was granted this year.
 */
function implied(input: Record<string, unknown>, today: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const type = input['initiative.type'];
  if (type === 'kernactiviteit' || type === 'evenement') out['initiative.isActivity'] = true;
  const start = input['initiative.startDate'];
  if (typeof start === 'string' && start > today) out['initiative.alreadyStarted'] = false;
  if (input['history.grantsThisYear'] === 0) out['history.amountGrantedThisYear'] = 0;
  return out;
}

const THEME_CODES = ['levendigheid', 'verbinding', 'omzien-naar-elkaar', 'vitaliteit'];

/** What the fit list settles (channels.md): each side the codes ticked of it; a side left empty is asked alone. */
function fitValues(ticked: readonly string[]): Record<string, unknown> {
  const themes = ticked.filter((c) => THEME_CODES.includes(c));
  const kaders = ticked.filter((c) => !THEME_CODES.includes(c));
  if (ticked.length === 0) return { 'initiative.themes': [], 'initiative.kaders': [] };
  return {
    ...(themes.length > 0 && { 'initiative.themes': themes }),
    ...(kaders.length > 0 && { 'initiative.kaders': kaders }),
  };
}

/** The slot values the answers to the asked questions give, in the order they were asked. */
export function slotValuesFor(
  asked: readonly Asked[],
  today: string,
  answers: AnswerMap = ELIGIBLE_ORGANISATION,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const question of asked) {
    const ask = typeof question === 'string' ? question : askOf(question);
    if (!ask) throw new Error('an asked question without channelData.ask');
    const answer = answers[ask];
    if (!answer) continue;
    const type = values['initiative.type'];
    if (ask === 'help.fit' && answer.ticked) {
      // The themes and the kaders in one list: each side gets the codes ticked of it (none: both none).
      Object.assign(values, fitValues(answer.ticked));
    } else if (answer.ticked) {
      // Unticked boxes are the boxes offered and not ticked: the question's card says which were offered.
      if (typeof question === 'string') throw new Error(`pass the question activity of ${ask}, not its name`);
      const offered = offeredBoxes(question);
      if (offered.length === 0) throw new Error(`${ask} offered no boxes`);
      Object.assign(values, groupValues(offered, answer.ticked, type));
    } else if (answer.code !== undefined && SINGLE_CHOICE_MEANING[ask]) {
      Object.assign(values, SINGLE_CHOICE_MEANING[ask][answer.code]);
    } else if (isGate(ask)) {
      // A gate asked on its own: "no" gives the slots behind it their defaults.
      if (answer.value === false) Object.assign(values, gateDefaults(ask, type));
    } else if (answer.value !== undefined && !ask.startsWith('help.')) {
      values[ask] = answer.value;
    }
  }
  return { ...values, ...implied(values, today) };
}

/** The `/api/assess` body for the questions that were asked and answered, with the server's date. */
export function assessInputFor(
  asked: readonly Asked[],
  today: string,
  answers: AnswerMap = ELIGIBLE_ORGANISATION,
): Record<string, unknown> {
  const input: Record<string, Record<string, unknown>> = {};
  for (const [slot, value] of Object.entries(slotValuesFor(asked, today, answers))) {
    const [group, field] = slot.split('.') as [string, string];
    input[group] ??= {};
    input[group][field] = value;
  }
  return { ...input, today };
}

/** The choice code an answer picks: its code, `yes`/`no` for a yes/no value, or a code value. */
export function codeOf(answer: SlotAnswer): string | undefined {
  if (answer.code !== undefined) return answer.code;
  if (answer.value === true) return 'yes';
  if (answer.value === false) return 'no';
  return typeof answer.value === 'string' ? answer.value : undefined;
}

/** What a click sends: a suggested action (messageBack) or an Adaptive Card's Action.Submit. */
export interface Click {
  /** The messageBack's text (the code); a card submit has none. */
  text?: string;
  value: Record<string, unknown>;
  /** What the person's bubble shows (messageBack). */
  displayText?: string;
}

/**
 * The click that gives `answer` to `question`, as the person would do it, if the question offers one: the
 * suggested action or card button for its code, or on a multi-select card the boxes ticked and the submit
 * button ("Geen van deze" when none is ticked: it names the question under `none` and sends the boxes too,
 * here none ticked). A multi-select submit carries the ticked values comma-separated, as Web Chat and Teams
 * send them.
 */
export function clickFor(question: BotActivity, answer: SlotAnswer): Click | undefined {
  const ask = askOf(question);
  if (!ask) return undefined;
  const code = codeOf(answer);
  const matches = (title: string | undefined) => title?.toLowerCase() === answer.text.toLowerCase();
  const action = question.suggestedActions?.actions.find(
    (a) => (code !== undefined && a.text === code) || a.text === answer.text || matches(a.title),
  );
  if (action) {
    return {
      text: action.text,
      value: action.value as Record<string, unknown>,
      ...(action.title && { displayText: action.title }),
    };
  }
  const card = cardOf(question);
  if (!card) return undefined;
  const ticked = answer.ticked ?? (Array.isArray(answer.value) ? (answer.value as string[]) : undefined);
  const multi = card.body?.some((b) => b.type === 'Input.ChoiceSet' && b.id === ask && b.isMultiSelect);
  if (multi && ticked) {
    if (ticked.length === 0) {
      const noneButton = card.actions?.find((a) => a.data?.none === ask);
      return noneButton?.data && { value: { ...noneButton.data, [ask]: '' } };
    }
    const submit = card.actions?.find((a) => a.data?.none === undefined && a.data?.[ask] === undefined);
    return submit && { value: { ...submit.data, [ask]: ticked.join(',') } };
  }
  const button = card.actions?.find(
    (a) => (code !== undefined && a.data?.[ask] === code) || matches(a.title),
  );
  return button?.data && { value: button.data };
}
