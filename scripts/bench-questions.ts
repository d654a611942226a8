/**
 * `npm run bench:questions`: how many questions a conversation takes. Over the model-based paths of the
 * dialog (test/dialogs/machine/model.ts: every applicant, type and edge amount) and over the people the
 * conversation was tried with (test/people/people.ts). Prints the figures and the targets; exits
 * with 1 when one is missed.
 */
import { createIntakeMachine } from '../dialogs/intake-machine.js';
import {
  TODAY as MODEL_TODAY,
  modelPaths,
  questionsToFirstVerdict,
  REFUSALS_BEFORE,
  refusalPositions,
} from '../test/dialogs/machine/model.js';
import { PEOPLE, walk } from '../test/people/people.js';

const machine = createIntakeMachine();
let missed = 0;
const verdictOf = (ok: boolean) => {
  if (!ok) missed++;
  return ok ? 'met' : 'MISSED';
};

console.log('People (today 2026-11-23), questions before the verdict:');
for (const person of PEOPLE) {
  const { asked, assessment, repeats } = walk(person);
  const target = person.target
    ? ` (target ≤ ${person.target}: ${verdictOf(asked.length <= person.target)})`
    : '';
  console.log(`  ${String(asked.length).padStart(2)}  ${person.name} → ${assessment?.verdict}${target}`);
  if (repeats > 0 || assessment?.verdict !== person.verdict) {
    missed++;
    console.log(
      `      MISSED: ${repeats} answers asked again, verdict ${assessment?.verdict} (expected ${person.verdict})`,
    );
  }
}

/**
 * The two traversals of the graph test (test/dialogs/machine/graph.test.ts): every applicant early in the
 * year, and organisations' kernactiviteiten and events late in the year (the deadlines); the targets are
 * theirs. Every applicant late in the year is shown too, as a figure without a target.
 */
const organisationsKernEvent = (_s: unknown, e: { type: string; slot?: string; value?: unknown }) =>
  e.type !== 'answer.given' ||
  ((e.slot !== 'applicant.kind' || e.value === 'organisation') &&
    (e.slot !== 'initiative.type' || e.value === 'kernactiviteit' || e.value === 'evenement'));
const TRAVERSALS = [
  { today: MODEL_TODAY, label: 'every applicant', keep: undefined, targets: true },
  {
    today: '2026-11-23',
    label: "organisations' kernactiviteiten and events",
    keep: organisationsKernEvent,
    targets: true,
  },
  { today: '2026-11-23', label: 'every applicant (no target)', keep: undefined, targets: false },
];

for (const { today, label, keep, targets } of TRAVERSALS) {
  const paths = modelPaths(machine, today, keep as never);
  const counts = questionsToFirstVerdict(paths);
  const median = counts[Math.floor(counts.length / 2)]!;
  const max = counts.at(-1)!;
  const perCount = new Map<number, number>();
  for (const c of counts) perCount.set(c, (perCount.get(c) ?? 0) + 1);
  const histogram = [...perCount].map(([n, k]) => `${n}:${k}`).join(' ');
  console.log(
    `\nModel paths, ${label}, today ${today}: ${paths.length} paths, ${counts.length} eligible or referred verdicts`,
  );
  const judged = (text: string, ok: boolean) => (targets ? ` (target ${text}: ${verdictOf(ok)})` : '');
  console.log(
    `  questions to the verdict: median ${median}${judged('≤ 13', median <= 13)}, max ${max}${judged('≤ 17', max <= 17)}`,
  );
  console.log(`  how many paths took n questions: ${histogram}`);
  const now = refusalPositions(paths);
  // The release before was measured over every applicant; a traversal of some of them is not compared.
  const before = keep ? {} : (REFUSALS_BEFORE[today] ?? {});
  console.log('  each refusal at the earliest after (now / the release before):');
  for (const [rule, n] of Object.entries(before)) {
    const later = now[rule] === undefined || now[rule]! > n;
    if (later && targets) missed++;
    console.log(
      `    ${rule.padEnd(24)} ${String(now[rule] ?? '-').padStart(2)} / ${n}${later ? '  LATER' : ''}`,
    );
  }
}

if (missed > 0) {
  console.log(`\n${missed} target(s) missed`);
  process.exitCode = 1;
}
