/**
 * Answers for the intake by slot, so channel tests answer whatever the bot asks (`channelData.ask`) and do
 * not depend on the order of the questions. Each answer has the text a person types and, for an
 * eligibility slot, the value `POST /api/assess` takes for it.
 */
export interface SlotAnswer {
  text: string;
  /** The `/api/assess` input value; absent for the dialog's own slots (`help.*`, `draft.*`, ...). */
  value?: unknown;
}

export type AnswerMap = Record<string, SlotAnswer>;

const no: SlotAnswer = { text: 'nee', value: false };
const zero: SlotAnswer = { text: '0', value: 0 };

/** The short eligible path of an organisation (channels brief): every yes/no condition `nee`, counts 0. */
export const ELIGIBLE_ORGANISATION: AnswerMap = {
  'applicant.kind': { text: 'organisation', value: 'organisation' },
  'help.idea': { text: 'Een buurtfeest voor de hele straat' },
  'initiative.inMunicipality': { text: 'ja', value: true },
  'initiative.startDate': { text: '1-6-2027', value: '2027-06-01' },
  'initiative.alreadyStarted': no,
  'initiative.themes': { text: 'verbinding', value: ['verbinding'] },
  'initiative.kaders': { text: 'dichtbij', value: ['dichtbij'] },
  'initiative.type': { text: 'eenmalig', value: 'eenmalig' },
  'initiative.isActivity': { text: 'ja', value: true },
  'money.requested': { text: '700', value: 700 },
  'money.totalCosts': { text: '1000', value: 1000 },
  'money.thirdPartyContributions': zero,
  'initiative.expectedParticipants': { text: '40', value: 40 },
  'initiative.multipleInitiatives': no,
  'initiative.profitMotive': no,
  'initiative.primarilyReligious': no,
  'initiative.diaconalOpenToAll': no,
  'initiative.worksWithVulnerable': no,
  'initiative.needsEventPermit': no,
  'initiative.fitsGala': no,
  'money.includesFoodAndDrink': no,
  'money.targetsLowIncome': no,
  'money.includesMaterialsOrRealEstate': no,
  'money.otherMunicipalFunding': no,
  'history.grantsThisYear': zero,
  'history.amountGrantedThisYear': zero,
  'history.nonCoreApplicationsThisYear': zero,
  'history.coreApplicationThisYear': no,
  'history.sameApplicationRefusedBefore': no,
  'history.similarGranted': no,
  'applicant.kvkFitsBusiness': no,
  'initiative.ownNeighbourhood': { text: 'ja', value: true },
};

/** The minimal shape of a bot activity the helpers read (Direct Line or Bot Framework). */
export interface BotActivity {
  id?: string;
  type: string;
  text?: string;
  replyToId?: string;
  from?: { id: string; role?: string };
  channelData?: { ask?: string; assessment?: Assessment };
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

/** The text that answers the slot; an unknown slot fails the test with its name. */
export function answerText(slot: string, answers: AnswerMap = ELIGIBLE_ORGANISATION): string {
  const answer = answers[slot];
  if (!answer) throw new Error(`The test has no answer for slot ${slot}`);
  return answer.text;
}

/** The `/api/assess` body for the slots that were asked and answered, with the server's date. */
export function assessInputFor(
  askedSlots: readonly string[],
  today: string,
  answers: AnswerMap = ELIGIBLE_ORGANISATION,
): Record<string, unknown> {
  const input: Record<string, Record<string, unknown>> = {};
  for (const slot of new Set(askedSlots)) {
    const answer = answers[slot];
    if (!answer || answer.value === undefined) continue;
    const [group, field] = slot.split('.') as [string, string];
    input[group] ??= {};
    input[group][field] = answer.value;
  }
  return { ...input, today };
}
