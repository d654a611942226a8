import type { Lang } from '../rules/index.js';

/** The commands that work at every question (channels.md): whole-message words only, so "stop pesten" is an answer. */
export type Command =
  | { kind: 'restart' }
  | { kind: 'back' }
  | { kind: 'help' }
  | { kind: 'language'; lang: Lang }
  | { kind: 'stop' };

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
};

export function parseCommand(text: string): Command | undefined {
  if (text.length > 40) return undefined;
  const key = text
    .trim()
    .toLowerCase()
    .replace(/^[/!]+/, '')
    .replace(/[.!]+$/, '')
    .replace(/\s+/g, ' ');
  return WORDS[key];
}

const OLD_ORGANISATION = /stuwkr(?:8|acht)|servanda|projectleider/i;

/** People who remember the old organisation are told that the municipality runs the MAG since 2024. */
export const mentionsOldOrganisation = (text: string): boolean => OLD_ORGANISATION.test(text.slice(0, 2000));
