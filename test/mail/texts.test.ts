/**
 * The mails' wording (`locales/<lang>/mail.json`): Dutch at level B1 for what residents read, measured with
 * the same yardstick as the chat's texts (`test/locales/b1.test.ts`), "u" and never "je", and every text
 * reachable through `mailText` with its placeholders filled.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mailText } from '../../mail/index.js';
import { leaves, type Tree } from '../locales/leaves.js';
import { readability, readabilityOfAll } from '../locales/readability.js';

const LIMITS = { averageSentence: 12, longestSentence: 20, fleschDouma: 65 } as const;
const catalogue = (lang: 'nl' | 'en') =>
  leaves(JSON.parse(readFileSync(`locales/${lang}/mail.json`, 'utf8')) as Tree) as Map<string, string>;

const VALUES: Record<string, string> = {
  name: 'Anneke de Vries',
  reference: 'MAG-2026-000042',
  type: 'Eenmalig initiatief',
  date: '15 november 2026',
  url: 'https://mag.hardinxveld-giessendam.nl/consulent/drafts/1',
  status: 'In behandeling',
  kind: 'Inwoner',
  phone: '0184 123 456',
  email: 'anneke@example.org',
  language: 'Engels',
};
const fill = (text: string) =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => VALUES[name] ?? name);

/** What a resident reads: the confirmation, the status mail and the common lines (not the consulent's). */
const forResidents = [...catalogue('nl')].filter(
  ([key]) => !/^(draftReceived|callbackRequested)\.|filename$|^statusChanged\.statuses\./.test(key),
);

describe('Dutch mail texts for residents', () => {
  const scores = forResidents.map(([key, text]) => ({ key, score: readability(fill(text)) }));
  const all = readabilityOfAll(forResidents.map(([, text]) => fill(text)));

  it(`are B1: no sentence over ${LIMITS.longestSentence} words, at most ${LIMITS.averageSentence} a sentence on average, Flesch–Douma ${LIMITS.fleschDouma} or more`, () => {
    console.log(
      `[b1] mail: ${forResidents.length} texts, ${all.averageSentence.toFixed(1)} words a sentence, longest ${all.longest.words}, Flesch–Douma ${all.fleschDouma.toFixed(0)}`,
    );
    const long = scores.filter((s) => s.score.longest.words > LIMITS.longestSentence).map((s) => s.key);
    expect(long).toEqual([]);
    expect(all.averageSentence).toBeLessThanOrEqual(LIMITS.averageSentence);
    expect(all.fleschDouma).toBeGreaterThanOrEqual(LIMITS.fleschDouma);
  });

  it('say "u", never "je" or "jij"', () => {
    const informal = [...catalogue('nl')].filter(([, v]) => /\b(je|jij|jouw)\b/i.test(v)).map(([k]) => k);
    expect(informal).toEqual([]);
  });
});

describe('mailText', () => {
  it('fills placeholders and reads every key in both languages', () => {
    expect(mailText('nl', 'draftConfirmation.reference', { reference: 'MAG-2026-000042' })).toBe(
      'Uw referentie is MAG-2026-000042.',
    );
    expect(mailText('en', 'draftConfirmation.reference', { reference: 'MAG-2026-000042' })).toBe(
      'Your reference is MAG-2026-000042.',
    );
    for (const lang of ['nl', 'en'] as const) {
      for (const key of catalogue(lang).keys()) expect(mailText(lang, key, VALUES)).not.toMatch(/\{\{/);
    }
  });

  it('fails loudly on a missing key or value, never showing the key to a reader', () => {
    expect(() => mailText('nl', 'draftConfirmation.nope')).toThrow(/No nl mail text/);
    expect(() => mailText('nl', 'draftConfirmation.reference')).toThrow(/needs \{\{reference\}\}/);
  });
});
