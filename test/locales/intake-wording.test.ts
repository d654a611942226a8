/**
 * In the buurtwerker's intake (Teams, `audience: 'intake'`) the reader is not the applicant. A dialog or rules
 * text that speaks to or about the applicant as "u"/"uw" ("you"/"your"), or as the applicant ("mijn"/"my"),
 * needs an `_intake` variant that says "de bewoner"/"de aanvrager" ("the resident"/"the applicant"):
 * questions, help, findings, advice, verdicts, checklist labels, accountability, recommendations, notices.
 *
 * Some texts address the reader as the reader, whoever that is: how to type an answer, the commands, what
 * was typed. They are allowed by {@link READER}, each with its reason.
 *
 * An `_intake` text that names "de bewoner"/"the resident" also needs an `_intake_organisation` variant when
 * an organisation or business can get it ("Hoeveel subsidie vraagt de organisatie?"), unless only a
 * resident ever reads it there ({@link RESIDENT_ONLY}). The rules pick `_intake` only (`rules/assess.ts`),
 * so a finding, checklist line, deadline or accountability text for the intake says "de aanvrager".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leaves, type Tree } from './leaves.js';

const LANGS = ['nl', 'en'] as const;
const NAMESPACES = ['dialog', 'rules'] as const;
type Lang = (typeof LANGS)[number];
type Namespace = (typeof NAMESPACES)[number];

/** Speaking to the applicant ("u", "you"), or as the applicant ("mijn", "my"). */
const ADDRESSED: Record<Lang, RegExp> = {
  nl: /\b(u|uw|uzelf|mijn)\b/i,
  en: /\b(you|your|yours|yourself|yourselves|my)\b/i,
};
/** Naming the applicant as a resident. */
const RESIDENT: Record<Lang, RegExp> = { nl: /\bde bewoner\b/i, en: /\bthe resident\b/i };

/** Texts that address the reader as the reader: right for the buurtwerker too. Key patterns, with why. */
const READER: readonly { key: RegExp; why: string }[] = [
  { key: /^dialog:commands$/, why: 'the commands the reader can type' },
  { key: /^dialog:(hints|again)\./, why: 'how to type the answer: the reader types it' },
  { key: /^dialog:(errors|notes)\./, why: 'about the answer the reader just typed' },
  { key: /^dialog:previous$/, why: 'the answer the reader gave before, in this chat' },
  { key: /^dialog:help\.default$/, why: 'how to answer: a button or typing' },
  {
    key: /^dialog:notices\./,
    why: 'moving through this chat: back, again, another language, the answers kept',
  },
  { key: /^dialog:questions\.next$/, why: 'what the reader wants to do now in the chat' },
  {
    key: /^dialog:(stopped|finished|notSent|restoreFailed|turnFailed)$/,
    why: 'about this chat, which the reader closes, restarts or has to start again',
  },
  { key: /^dialog:cards\./, why: "the card's own buttons and prompts" },
];

/**
 * `_intake` texts that name "de bewoner" but never reach an organisation's intake, with why. Others that
 * name the resident get an `_intake_organisation` variant.
 */
const RESIDENT_ONLY: readonly { key: RegExp; why: string }[] = [
  { key: /^dialog:greeting_intake$/, why: 'said before anyone says who applies' },
  { key: /^dialog:(questions|help)\.applicant\.kind_intake$/, why: 'the question of who applies' },
  {
    key: /^dialog:(questions|help|dontKnow)\.help\.location_intake$|^dialog:options\.help\.location\./,
    why: 'own neighbourhood or not: asked of residents only',
  },
  { key: /^dialog:(questions|help)\.initiative\.ownNeighbourhood_intake$/, why: 'asked of residents only' },
  {
    key: /^dialog:outcome\.refer\.|^rules:codes\.verdicts\.refer_intake$|^rules:codes\.deciders\.buurtwerker/,
    why: 'a buurtinitiatief is a resident’s',
  },
  { key: /^rules:(findings|advice)\.kern-needs-organisation_intake$/, why: 'the refusal of a resident' },
];

const CATALOGUES = Object.fromEntries(
  LANGS.map((lang) => [
    lang,
    Object.fromEntries(
      NAMESPACES.map((ns) => [
        ns,
        leaves(JSON.parse(readFileSync(`locales/${lang}/${ns}.json`, 'utf8')) as Tree),
      ]),
    ),
  ]),
) as Record<Lang, Record<Namespace, Map<string, unknown>>>;

const textOf = (lang: Lang, ns: Namespace, key: string): string | undefined => {
  const v = CATALOGUES[lang][ns].get(key);
  return typeof v === 'string' ? v : undefined;
};

/** Out of scope: words matched against typed answers, dates, and the API's messages to programs. */
const NOT_READ = /^dialog:synonyms\.|^rules:(dates|validation)\./;
const VARIANT = /_intake(_organisation)?$/;

/** Every text of both catalogues, by `ns:key`, for the resident (no variants). */
function baseKeys(): string[] {
  const keys = new Set<string>();
  for (const lang of LANGS) {
    for (const ns of NAMESPACES) {
      for (const key of CATALOGUES[lang][ns].keys()) {
        const id = `${ns}:${key}`;
        if (!VARIANT.test(key) && !NOT_READ.test(id) && textOf(lang, ns, key) !== undefined) keys.add(id);
      }
    }
  }
  return [...keys];
}

const split = (id: string) => {
  const [ns, ...rest] = id.split(':');
  return [ns as Namespace, rest.join(':')] as const;
};

/** Which of the texts that speak to or as the applicant lack an `_intake` variant. */
function missingIntakeVariants(ids: readonly string[]): string[] {
  const out: string[] = [];
  for (const id of ids) {
    if (READER.some((r) => r.key.test(id))) continue;
    const [ns, key] = split(id);
    const addressing = LANGS.filter((lang) => ADDRESSED[lang].test(textOf(lang, ns, key) ?? ''));
    if (addressing.length === 0) continue;
    const lacking = LANGS.filter((lang) => textOf(lang, ns, `${key}_intake`) === undefined);
    if (lacking.length > 0) {
      const lang = addressing[0]!;
      out.push(`${id} (${lacking.join(', ')}): "${textOf(lang, ns, key)}"`);
    }
  }
  return out;
}

describe('the intake speaks about the applicant, not to them', () => {
  const ids = baseKeys();

  it('reads the dialog and rules texts', () => {
    expect(ids.length).toBeGreaterThan(300);
  });

  it('has an _intake variant for every text that addresses the applicant as "u" or "you"', () => {
    const missing = missingIntakeVariants(ids);
    expect(missing, `Give these an _intake variant:\n${missing.join('\n')}`).toEqual([]);
  });

  it('has an _intake_organisation variant where an intake text that an organisation reaches names "de bewoner"', () => {
    const missing: string[] = [];
    for (const id of ids) {
      const [ns, key] = split(id);
      const variant = `${ns}:${key}_intake`;
      if (RESIDENT_ONLY.some((r) => r.key.test(variant))) continue;
      const names = LANGS.filter((lang) => RESIDENT[lang].test(textOf(lang, ns, `${key}_intake`) ?? ''));
      if (names.length === 0) continue;
      if (LANGS.some((lang) => textOf(lang, ns, `${key}_intake_organisation`) === undefined)) {
        missing.push(`${variant}: "${textOf(names[0]!, ns, `${key}_intake`)}"`);
      }
    }
    expect(missing, `Say "de aanvrager", or add _intake_organisation:\n${missing.join('\n')}`).toEqual([]);
  });

  it('has no _intake_organisation variant the rules would never pick', () => {
    // rules/assess.ts picks `_intake` for findings, checklist lines, deadlines and accountability.
    const unused = LANGS.flatMap((lang) =>
      [...CATALOGUES[lang].rules.keys()]
        .filter((k) => /^(findings|checklist|deadlines|accountability)\./.test(k))
        .filter((k) => k.endsWith('_intake_organisation'))
        .map((k) => `${lang} rules:${k}`),
    );
    expect(unused).toEqual([]);
  });

  it('has the same variants in both languages, each of a text that exists', () => {
    const orphans: string[] = [];
    for (const lang of LANGS) {
      for (const ns of NAMESPACES) {
        for (const key of CATALOGUES[lang][ns].keys()) {
          const m = /^(.*?)(_intake(_organisation)?)$/.exec(key);
          if (!m) continue;
          if (textOf(lang, ns, m[1]!) === undefined) orphans.push(`${lang} ${ns}:${key}: no text ${m[1]}`);
          for (const other of LANGS) {
            if (textOf(other, ns, key) === undefined) orphans.push(`${lang} ${ns}:${key}: none in ${other}`);
          }
        }
      }
    }
    expect(orphans).toEqual([]);
  });
});

describe('the check itself', () => {
  it('finds "u" and "you", and lets the reader be addressed as the reader', () => {
    expect(ADDRESSED.nl.test('Hoeveel subsidie vraagt u?')).toBe(true);
    expect(ADDRESSED.nl.test('Uw initiatief begint op 1 juni.')).toBe(true);
    expect(ADDRESSED.nl.test('Hoeveel subsidie vraagt de bewoner?')).toBe(false);
    expect(ADDRESSED.en.test('Your initiative starts on 1 June.')).toBe(true);
    expect(ADDRESSED.en.test('Type a date.')).toBe(false);
    expect(READER.some((r) => r.key.test('dialog:hints.date'))).toBe(true);
    expect(READER.some((r) => r.key.test('rules:findings.late-application'))).toBe(false);
  });
});
