/**
 * The six worked examples of mag-rules.md ("Worked examples (today = 2026-11-23)"), as written.
 * Each input is written out in full from the example's words, not derived from BASE.
 */
import { describe, expect, it } from 'vitest';
import type { AssessInput } from '../../rules/index.js';
import { assess } from '../../rules/index.js';
import {
  BASIC_CHECKLIST,
  checklistIds,
  deadlineOf,
  findingOf,
  ORGANISATION_EXTRAS,
  ruleIds,
  sorted,
  TODAY,
  valid,
} from './helpers.js';

const assessed = (input: AssessInput) => assess(valid(input), { today: TODAY, lang: 'en' });

/** Example 1: a resident's street party in her own street on 2027-06-13, € 350, verbinding, dichtbij. */
const streetParty = (requested: number): AssessInput => ({
  today: '2026-11-23',
  applicant: { kind: 'resident' },
  initiative: {
    inMunicipality: true,
    ownNeighbourhood: true,
    themes: ['verbinding'],
    kaders: ['dichtbij'],
    type: 'eenmalig',
    startDate: '2027-06-13',
    endDate: '2027-06-13',
  },
  money: { requested },
});

/** Example 3: a stichting's one-off reading project for children from 2027-01-10, € 4.000. */
const readingProject = (worksWithVulnerable: boolean): AssessInput => ({
  today: '2026-11-23',
  applicant: { kind: 'organisation' },
  initiative: {
    inMunicipality: true,
    themes: ['omzien-naar-elkaar'],
    kaders: ['voorkomen'],
    type: 'eenmalig',
    startDate: '2027-01-10',
    endDate: '2027-06-30',
    worksWithVulnerable,
  },
  money: { requested: 4_000 },
});

/** Example 6: a church's initiative; only `diaconalOpenToAll` separates the service series from the food bank. */
const churchInitiative = (diaconalOpenToAll: boolean): AssessInput => ({
  today: '2026-11-23',
  applicant: { kind: 'organisation' },
  initiative: {
    inMunicipality: true,
    themes: ['omzien-naar-elkaar'],
    kaders: ['samen-bouwen'],
    type: 'eenmalig',
    startDate: '2027-03-07',
    endDate: '2027-06-27',
    primarilyReligious: true,
    diaconalOpenToAll,
  },
  money: { requested: 900 },
});

describe('worked examples (today = 2026-11-23)', () => {
  it('1. street party in her own street, € 350 → refer, buurt-500, buurtwerker, no checklist', () => {
    const a = assessed(streetParty(350));
    expect(a.verdict).toBe('refer');
    expect(a.route?.tier).toBe('buurt-500');
    expect(a.route?.decidedBy).toBe('buurtwerker');
    expect(a.route?.advisors).toEqual([]);
    expect(a.route?.interview).toBe(false);
    expect(checklistIds(a)).toEqual([]);
    // No form, no decision term of the consulent: no submit-by, no decision dates.
    expect(deadlineOf(a, 'submit-by')).toBeUndefined();
    expect(deadlineOf(a, 'decision-expected')).toBeUndefined();
    expect(a.findings).toEqual([]);
  });

  it('2. the same party asking € 700 → eligible, tot-1000, mag-consulent, basic checklist, submit-by 2027-04-18', () => {
    const a = assessed(streetParty(700));
    expect(a.verdict).toBe('eligible');
    expect(a.route?.tier).toBe('tot-1000');
    expect(a.route?.decidedBy).toBe('mag-consulent');
    expect(a.route?.advisors).toEqual([]);
    expect(a.route?.interview).toBe(false);
    expect(sorted(checklistIds(a))).toEqual(sorted(BASIC_CHECKLIST));
    expect(deadlineOf(a, 'submit-by')).toBe('2027-04-18');
    expect(deadlineOf(a, 'decision-expected')).toBe('2027-01-18'); // today + 56
    expect(deadlineOf(a, 'decision-latest')).toBe('2027-03-01'); // today + 98
    expect(a.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('3. a stichting’s reading project, € 4.000 → eligible, tot-10000, interview, klankbordgroep, late-application', () => {
    const a = assessed(readingProject(false));
    expect(a.verdict).toBe('eligible');
    expect(a.route?.tier).toBe('tot-10000');
    expect(a.route?.decidedBy).toBe('mag-consulent');
    expect(a.route?.interview).toBe(true);
    expect(a.route?.advisors).toEqual(['klankbordgroep']);
    expect(sorted(checklistIds(a))).toEqual(sorted([...BASIC_CHECKLIST, ...ORGANISATION_EXTRAS]));
    const late = findingOf(a, 'late-application');
    expect(late?.severity).toBe('warning');
    expect(ruleIds(a)).not.toContain('vog-required');
    expect(checklistIds(a)).not.toContain('vog');
  });

  it('3. … with volunteers working with the children: vog-required and checklist vog (kept, not attached)', () => {
    const a = assessed(readingProject(true));
    expect(a.verdict).toBe('eligible');
    expect(findingOf(a, 'vog-required')?.severity).toBe('info');
    expect(findingOf(a, 'late-application')?.severity).toBe('warning');
    const vog = a.checklist?.find((c) => c.id === 'vog');
    expect(vog?.required).toBe(false);
    expect(sorted(checklistIds(a))).toEqual(sorted([...BASIC_CHECKLIST, ...ORGANISATION_EXTRAS, 'vog']));
  });

  it('4. a vereniging’s core activity for 2027 asking € 25.000 → not-eligible by deadline-above-10000', () => {
    const a = assessed({
      today: '2026-11-23',
      applicant: { kind: 'organisation' },
      initiative: {
        inMunicipality: true,
        themes: ['levendigheid'],
        kaders: ['kracht-inwoners'],
        type: 'kernactiviteit',
        startDate: '2027-01-01',
        endDate: '2027-12-31',
      },
      money: { requested: 25_000 },
    });
    expect(a.verdict).toBe('not-eligible');
    const f = findingOf(a, 'deadline-above-10000');
    expect(f?.severity).toBe('refusal');
    // The dialog advises applying for 2028, before 16 August 2027.
    expect(f?.message).toContain('2028');
    expect(f?.message).toMatch(/15 August 2027|16 August 2027/);
    expect(a.checklist).toEqual([]);
    expect(a.deadlines).toEqual([]);
    // A not-eligible assessment still has its route.
    expect(a.route?.tier).toBe('boven-10000');
    expect(a.route?.decidedBy).toBe('wethouder');
    expect(a.route?.interview).toBe(true);
  });

  it('5. a festival (event permit needed) asking € 12.000 → not-eligible by non-core-cap', () => {
    const a = assessed({
      today: '2026-11-23',
      applicant: { kind: 'organisation' },
      initiative: {
        inMunicipality: true,
        themes: ['levendigheid'],
        kaders: ['samen-bouwen'],
        type: 'evenement',
        needsEventPermit: true,
        startDate: '2027-08-28',
        endDate: '2027-08-29',
      },
      money: { requested: 12_000 },
    });
    expect(a.verdict).toBe('not-eligible');
    expect(findingOf(a, 'non-core-cap')?.severity).toBe('refusal');
    expect(ruleIds(a)).not.toContain('not-an-event');
    expect(a.route?.type).toBe('evenement');
    expect(a.checklist).toEqual([]);
    expect(a.deadlines).toEqual([]);
  });

  it('6. a church’s Sunday service series → not-eligible by religious', () => {
    const a = assessed(churchInitiative(false));
    expect(a.verdict).toBe('not-eligible');
    expect(findingOf(a, 'religious')?.severity).toBe('refusal');
    expect(a.checklist).toEqual([]);
    expect(a.deadlines).toEqual([]);
  });

  it('6. a church-run food bank open to all → no religious finding', () => {
    const a = assessed(churchInitiative(true));
    expect(ruleIds(a)).not.toContain('religious');
    expect(a.verdict).toBe('eligible');
  });
});
