import { createInterface } from 'node:readline';
import { createIntakeMachine } from '../dialogs/intake-machine.js';
import { plainFromMarkdown } from '../dialogs/markdown.js';
import type { OutgoingMessage } from '../dialogs/outgoing.js';
import { IntakeSession } from '../dialogs/session.js';
import { loadConfig, wordingOf } from './config.js';
import { environmentBudget, environmentRemaining } from './remaining-budget.js';
import { makeClock } from './today.js';

/**
 * `npm run chat`: the intake in a terminal, with the same messages a web user sees and the choices
 * numbered. A bare number picks that choice. `MAG_TODAY` fixes the date; `--intake` uses the
 * buurtwerker's wording, `--en` starts in English.
 */
const config = loadConfig();
const today = makeClock(config.MAG_TODAY);
// No store here: the environment's figures for this year, the ruleset's ceilings otherwise.
const remainingBudget = environmentRemaining(environmentBudget(config, today()));
const machine = createIntakeMachine({ remainingBudget, ...wordingOf(config) });
const args = new Set(process.argv.slice(2));

let choices: OutgoingMessage['choices'] = [];

function show(messages: OutgoingMessage[]): void {
  for (const m of messages) {
    process.stdout.write(`\n${plainFromMarkdown(m.text)}\n`);
    if (m.choices) {
      process.stdout.write(`${m.choices.map((c, i) => `  [${i + 1}] ${c.title}`).join('\n')}\n`);
    }
  }
  choices = messages.at(-1)?.choices ?? [];
}

const started = IntakeSession.start(machine, {
  today: today(),
  lang: args.has('--en') ? 'en' : 'nl',
  audience: args.has('--intake') ? 'intake' : 'resident',
});
let session = started.session;
show(started.messages);
process.stdout.write('> ');

const rl = createInterface({ input: process.stdin, terminal: false });
rl.on('line', (line) => {
  // Piped input is not echoed by a terminal: show it, so a saved transcript reads as a conversation.
  if (!process.stdin.isTTY) process.stdout.write(`${line}\n`);
  const number = /^\s*(\d{1,2})\s*$/.exec(line);
  const input = line.trim();
  const picked = number && choices && choices.length > 0 ? choices[Number(number[1]) - 1] : undefined;
  const wasDone = session.status !== 'active';
  if (wasDone && input !== '') {
    const fresh = IntakeSession.start(machine, {
      today: today(),
      lang: session.context.lang,
      audience: session.context.audience,
    });
    session = fresh.session;
    show(fresh.messages);
  } else {
    show(session.handle(picked ? { text: picked.value } : { text: line }, today()));
  }
  process.stdout.write('> ');
});
rl.on('close', () => process.stdout.write('\n'));
