/**
 * `npm run bench:dialog`: CPU cost of the rules and of a whole dialog turn (parse, machine, rules, wording),
 * measured over many scripted conversations in one process, and (with `--expose-gc`, as `npm run bench`
 * runs it) the memory of a session a server keeps between turns. Prints figures; asserts nothing.
 */

import { LIVE_SESSIONS } from '../bot/intake-bot.js';
import { createIntakeMachine } from '../dialogs/intake-machine.js';
import type { OutgoingMessage } from '../dialogs/outgoing.js';
import { IntakeSession } from '../dialogs/session.js';
import { assess } from '../rules/index.js';

const TODAY = '2026-11-23';
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 400);

/** A resident who answers every question plausibly, then prepares and sends a draft. */
function answerFor(message: OutgoingMessage): string {
  switch (message.input) {
    case 'amount':
      return message.ask === 'money.requested' ? '€ 1.250,50' : '2000';
    case 'date':
      return '1 juni 2027';
    case 'count':
      return message.ask === 'initiative.expectedParticipants' ? '80' : '0';
    case 'email':
      return 'bewoner@example.nl';
    case 'phone':
      return '06 12345678';
    case 'contact':
      return 'bewoner@example.nl';
    case 'address':
      return 'Kerkstraat 1, 3371 AB Hardinxveld-Giessendam';
    case 'kvk':
      return '12345678';
    case 'iban':
      return 'NL91ABNA0417164300';
    case 'text':
      return 'Een buurtfeest voor jong en oud in de Kerkstraat';
    case 'yesno':
      return message.ask === 'initiative.inMunicipality' ||
        message.ask === 'initiative.isActivity' ||
        message.ask === 'draft.consent'
        ? 'ja'
        : 'nee';
    case 'multi':
      if (message.ask === 'help.fit') return 'verbinding, vitaliteit en dichtbij';
      if (message.ask === 'initiative.themes') return 'verbinding en vitaliteit';
      if (message.ask === 'initiative.kaders') return 'dichtbij, samen bouwen';
      return 'geen';
    default:
      if (message.ask === 'help.review') return 'klopt';
      if (message.ask === 'next') return 'concept';
      if (message.ask === 'applicant.kind') return 'organisatie';
      if (message.ask === 'initiative.type') return 'eenmalig';
      return message.choices?.[0]?.value ?? 'ja';
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
const micros = (ns: number) => `${(ns / 1000).toFixed(1)} µs`;

const machine = createIntakeMachine();
const turnTimes: number[] = [];
const storeTimes: number[] = [];
let turns = 0;
const cpuStart = process.cpuUsage();
const wallStart = process.hrtime.bigint();
for (let i = 0; i < CONVERSATIONS; i++) {
  const { session, messages } = IntakeSession.start(machine, { today: TODAY });
  let last = messages.at(-1)!;
  while (session.status === 'active') {
    const text = answerFor(last);
    const t0 = process.hrtime.bigint();
    const out = session.handle({ text });
    const t1 = process.hrtime.bigint();
    // What a channel pays on top: persist the snapshot as JSON and restore it for the next turn.
    IntakeSession.restore(machine, JSON.parse(JSON.stringify(session.persisted())));
    turnTimes.push(Number(t1 - t0));
    storeTimes.push(Number(process.hrtime.bigint() - t1));
    turns++;
    last = out.at(-1)!;
    if (turns > CONVERSATIONS * 200) throw new Error(`a conversation did not end at ${last.ask}`);
  }
}
const cpu = process.cpuUsage(cpuStart);
const wallNs = Number(process.hrtime.bigint() - wallStart);

const input = {
  applicant: { kind: 'organisation' as const },
  initiative: {
    inMunicipality: true,
    themes: ['verbinding' as const],
    kaders: ['dichtbij' as const],
    type: 'eenmalig' as const,
    startDate: '2027-06-01',
  },
  money: { requested: 1250.5, totalCosts: 2000 },
};
const assessTimes: number[] = [];
for (let i = 0; i < 20_000; i++) {
  const t0 = process.hrtime.bigint();
  assess(i % 2 ? input : { ...input, partial: true }, { today: TODAY });
  assessTimes.push(Number(process.hrtime.bigint() - t0));
}

turnTimes.sort((a, b) => a - b);
storeTimes.sort((a, b) => a - b);
assessTimes.sort((a, b) => a - b);
const cpuPerTurnNs = ((cpu.user + cpu.system) * 1000) / turns;
console.log(
  `node ${process.version}, ${CONVERSATIONS} conversations, ${turns} turns (${(turns / CONVERSATIONS).toFixed(1)} per conversation)`,
);
console.log(`CPU per turn, all included: ${micros(cpuPerTurnNs)}`);
console.log(
  `dialog turn (parse + machine + rules + wording): p50 ${micros(percentile(turnTimes, 0.5))}, p95 ${micros(percentile(turnTimes, 0.95))}, p99 ${micros(percentile(turnTimes, 0.99))}`,
);
console.log(
  `persist + restore snapshot as JSON: p50 ${micros(percentile(storeTimes, 0.5))}, p95 ${micros(percentile(storeTimes, 0.95))}`,
);
console.log(
  `rules assess(): p50 ${micros(percentile(assessTimes, 0.5))}, p95 ${micros(percentile(assessTimes, 0.95))}`,
);
console.log(`throughput: ${Math.round(turns / (wallNs / 1e9))} turns/s on one core`);

// What a server keeps of a conversation between its turns (`bot/live-sessions.ts`): the session, with the
// snapshot and transcript it last stored. Heap after a forced GC, with LIVE_SESSIONS of them kept.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  const heapUsed = () => {
    gc();
    gc();
    return process.memoryUsage().heapUsed;
  };
  const keptAt = (toVerdict: boolean) => {
    const before = heapUsed();
    const kept: unknown[] = [];
    for (let i = 0; i < LIVE_SESSIONS; i++) {
      const { session, messages } = IntakeSession.start(machine, { today: TODAY });
      const said = messages.map((m) => ({ from: 'assistant', text: m.text, at: new Date().toISOString() }));
      let last = messages.at(-1)!;
      for (let t = 0; toVerdict && last.ask !== 'next' && t < 200; t++) {
        const text = answerFor(last);
        const out = session.handle({ text });
        said.push({ from: 'resident', text, at: new Date().toISOString() });
        for (const m of out) said.push({ from: 'assistant', text: m.text, at: new Date().toISOString() });
        last = out.at(-1)!;
      }
      kept.push({ session, conversation: { snapshot: session.persisted(), transcript: said } });
    }
    const bytes = (heapUsed() - before) / kept.length;
    return `${(bytes / 1024).toFixed(1)} KiB`;
  };
  console.log(
    `a session kept between turns (heap, forced GC): ${keptAt(false)} at the greeting, ${keptAt(true)} at the verdict; at most ${LIVE_SESSIONS} are kept`,
  );
}
