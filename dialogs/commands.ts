import type { Lang } from '../rules/index.js';
import { LANGUAGES } from '../rules/index.js';
import { catalogueValue } from './i18n.js';

/** The commands that work at every question (channels.md): whole-message words only, so "stop pesten" is an answer. */
export type Command =
  | { kind: 'restart' }
  | { kind: 'back' }
  | { kind: 'help' }
  | { kind: 'language'; lang: Lang }
  | { kind: 'stop' }
  /** "Talk to a person": leave a phone number or e-mail address and a question; someone gets in touch. */
  | { kind: 'callback' };

const CALLBACK: Command = { kind: 'callback' };

const WORDS: Record<string, Command> = {
  opnieuw: { kind: 'restart' },
  'opnieuw beginnen': { kind: 'restart' },
  'begin opnieuw': { kind: 'restart' },
  restart: { kind: 'restart' },
  'start again': { kind: 'restart' },
  'start over': { kind: 'restart' },
  terug: { kind: 'back' },
  vorige: { kind: 'back' },
  back: { kind: 'back' },
  'go back': { kind: 'back' },
  previous: { kind: 'back' },
  help: { kind: 'help' },
  hulp: { kind: 'help' },
  uitleg: { kind: 'help' },
  '?': { kind: 'help' },
  english: { kind: 'language', lang: 'en' },
  engels: { kind: 'language', lang: 'en' },
  en: { kind: 'language', lang: 'en' },
  nederlands: { kind: 'language', lang: 'nl' },
  dutch: { kind: 'language', lang: 'nl' },
  nl: { kind: 'language', lang: 'nl' },
  stop: { kind: 'stop' },
  stoppen: { kind: 'stop' },
  quit: { kind: 'stop' },
  // The choice's own code (a button of `next`, or the offer after two answers it could not use); the
  // phrases people type are in the catalogues (`synonyms.commands.callback`).
  callback: CALLBACK,
};

/** Lower case, no slash or bang in front, no full stop or bang at the end, single spaces. */
const keyOf = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/^[/!]+/, '')
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ');

// "Ik wil iemand spreken", "bel mij", "talk to a person", … in either language, whatever the chat speaks.
for (const lang of LANGUAGES) {
  const phrases = catalogueValue(lang, 'synonyms.commands.callback');
  for (const phrase of Array.isArray(phrases) ? phrases : []) WORDS[keyOf(String(phrase))] ??= CALLBACK;
}

export function parseCommand(text: string): Command | undefined {
  if (text.length > 40) return undefined;
  const key = keyOf(text);
  const command = WORDS[key];
  if (command) return command;
  // "Kan ik iemand spreken?" is asked as a question; "terug?" stays an answer.
  const asked = WORDS[key.replace(/[?.!\s]+$/, '')];
  return asked?.kind === 'callback' ? asked : undefined;
}

const OLD_ORGANISATION = /stuwkr(?:8|acht)|servanda|projectleider/i;

/** People who remember the old organisation are told that the municipality runs the MAG since 2024. */
export const mentionsOldOrganisation = (text: string): boolean => OLD_ORGANISATION.test(text.slice(0, 2000));
