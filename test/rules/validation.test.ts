/**
 * Input validation (mag-rules.md, "Assessment API contract") and the ruleset's date range
 * ("Dates outside the ruleset").
 */
import { describe, expect, it } from 'vitest';
import type { InputIssue } from '../../rules/index.js';
import { assess, NoRulesetError, validateAssessInput } from '../../rules/index.js';
import type { Overrides } from './helpers.js';
import { BASE, build, SPEC_REQUIRED, TODAY } from './helpers.js';

const issuesOf = (body: unknown, lang: 'nl' | 'en' = 'en'): InputIssue[] => {
  const v = validateAssessInput(body, lang);
  return v.ok ? [] : v.issues;
};
const pathsOf = (body: unknown) => issuesOf(body).map((i) => i.path);
/** BASE with a raw patch in one group (may hold values of the wrong type). */
const withRaw = (
  group: 'applicant' | 'initiative' | 'money' | 'history',
  patch: Record<string, unknown>,
) => ({
  ...BASE,
  [group]: { ...(BASE[group] as object), ...patch },
});

describe('a valid input', () => {
  it('BASE is accepted and comes back unchanged', () => {
    const v = validateAssessInput(BASE, 'en');
    expect(v).toEqual({ ok: true, input: BASE });
  });

  it('the contract example is accepted', () => {
    const example = {
      today: '2026-11-23',
      applicant: { kind: 'organisation', kvkFitsBusiness: true },
      initiative: {
        inMunicipality: true,
        ownNeighbourhood: false,
        themes: ['verbinding'],
        kaders: ['samen-bouwen'],
        type: 'eenmalig',
        isActivity: true,
        fitsGala: false,
        startDate: '2027-03-01',
        endDate: '2027-03-01',
        alreadyStarted: false,
        multipleInitiatives: false,
        profitMotive: false,
        primarilyReligious: false,
        diaconalOpenToAll: false,
        worksWithVulnerable: false,
        needsEventPermit: false,
        expectedParticipants: 60,
      },
      money: {
        requested: 800,
        totalCosts: 1200,
        thirdPartyContributions: 100,
        includesFoodAndDrink: false,
        targetsLowIncome: false,
        includesMaterialsOrRealEstate: false,
        otherMunicipalFunding: false,
      },
      history: {
        grantsThisYear: 0,
        amountGrantedThisYear: 0,
        nonCoreApplicationsThisYear: 0,
        coreApplicationThisYear: false,
        sameApplicationRefusedBefore: false,
        similarGranted: false,
      },
    };
    expect(validateAssessInput(example, 'en').ok).toBe(true);
  });
});

describe('unknown fields name their path', () => {
  it.each([
    ['top level', { ...BASE, colour: 'blue' }, 'colour'],
    ['applicant', withRaw('applicant', { name: 'Jan' }), 'applicant.name'],
    ['initiative (typo)', withRaw('initiative', { startdate: '2027-03-01' }), 'initiative.startdate'],
    ['money (typo)', withRaw('money', { requestedd: 800 }), 'money.requestedd'],
    ['history', withRaw('history', { grants: 1 }), 'history.grants'],
  ])('%s → %s', (_, body, path) => {
    expect(validateAssessInput(body, 'en').ok).toBe(false);
    expect(pathsOf(body)).toContain(path);
  });
});

describe('wrong types', () => {
  it.each([
    ['money.requested as a string', withRaw('money', { requested: '800' }), 'money.requested'],
    [
      'initiative.inMunicipality as "yes"',
      withRaw('initiative', { inMunicipality: 'yes' }),
      'initiative.inMunicipality',
    ],
    ['initiative.themes as a string', withRaw('initiative', { themes: 'verbinding' }), 'initiative.themes'],
    ['applicant.kind unknown code', withRaw('applicant', { kind: 'company' }), 'applicant.kind'],
    ['initiative.type unknown code', withRaw('initiative', { type: 'festival' }), 'initiative.type'],
    [
      'initiative.startDate as a number',
      withRaw('initiative', { startDate: 20270301 }),
      'initiative.startDate',
    ],
    [
      'history.grantsThisYear not whole',
      withRaw('history', { grantsThisYear: 1.5 }),
      'history.grantsThisYear',
    ],
    [
      'initiative.expectedParticipants negative',
      withRaw('initiative', { expectedParticipants: -1 }),
      'initiative.expectedParticipants',
    ],
    ['money.requested NaN-like null', withRaw('money', { requested: null }), 'money.requested'],
    ['partial as a string', { ...BASE, partial: 'yes' }, 'partial'],
    ['money as an array', { ...BASE, money: [800] }, 'money'],
  ])('%s', (_, body, path) => {
    expect(validateAssessInput(body, 'en').ok).toBe(false);
    expect(pathsOf(body)).toContain(path);
  });

  it('an unknown theme inside the list is named under initiative.themes', () => {
    const paths = pathsOf(withRaw('initiative', { themes: ['verbinding', 'levensduur'] }));
    expect(paths.some((p) => p.startsWith('initiative.themes'))).toBe(true);
  });

  it('every wrong field is named at once', () => {
    const body = {
      ...BASE,
      extra: 1,
      initiative: { ...BASE.initiative, startDate: '2027-02-30' },
      money: { ...BASE.money, requested: -5 },
    };
    expect(pathsOf(body)).toEqual(
      expect.arrayContaining(['extra', 'initiative.startDate', 'money.requested']),
    );
  });
});

describe('dates', () => {
  it.each([
    ['2027-02-30', 'initiative.startDate'],
    ['2026-13-01', 'initiative.startDate'],
    ['2026-00-10', 'initiative.startDate'],
    ['2027-02-29', 'initiative.startDate'],
    ['2027-3-1', 'initiative.startDate'],
    ['01-03-2027', 'initiative.startDate'],
    ['2027-03-01T00:00:00Z', 'initiative.startDate'],
  ])('startDate %s is refused', (date, path) => {
    expect(pathsOf(withRaw('initiative', { startDate: date }))).toContain(path);
  });

  it.each(['2026-02-29', '2026-04-31'])('today %s is refused', (today) => {
    expect(pathsOf({ ...BASE, today })).toContain('today');
  });

  it('endDate is checked as well', () => {
    expect(pathsOf(withRaw('initiative', { endDate: '2027-06-31' }))).toContain('initiative.endDate');
  });

  it.each(['2028-02-29', '2024-12-31', '2030-01-01'])('%s is a real date and accepted', (date) => {
    expect(validateAssessInput(withRaw('initiative', { startDate: date }), 'en').ok).toBe(true);
  });
});

describe('amounts', () => {
  it.each([
    ['money.requested', { requested: -1 }],
    ['money.totalCosts', { totalCosts: -0.01 }],
    ['money.thirdPartyContributions', { thirdPartyContributions: -100 }],
  ])('negative %s is refused', (path, patch) => {
    expect(pathsOf(withRaw('money', patch))).toContain(path);
  });

  it('negative history.amountGrantedThisYear is refused', () => {
    expect(pathsOf(withRaw('history', { amountGrantedThisYear: -5 }))).toContain(
      'history.amountGrantedThisYear',
    );
  });

  it.each([1.005, 800.001, 0.125, 0.001, 1.0001, 10_000.00001])(
    '%s (more than two decimals) is refused',
    (requested) => {
      expect(pathsOf(withRaw('money', { requested }))).toContain('money.requested');
    },
  );

  it.each([500.01, 0.1, 0.29, 10_000.01, 150_000.01, 0, 1_000])('%s is accepted', (requested) => {
    const v = validateAssessInput(withRaw('money', { requested }), 'en');
    expect(v.ok).toBe(true);
    if (v.ok) expect(v.input.money?.requested).toBe(requested);
  });

  it.each([Number.POSITIVE_INFINITY, Number.NaN])('%s is refused', (requested) => {
    expect(pathsOf(withRaw('money', { requested }))).toContain('money.requested');
  });
});

describe('required fields', () => {
  it.each(SPEC_REQUIRED)('missing %s is named', (path) => {
    const [group, field] = path.split('.') as ['applicant' | 'initiative' | 'money', string];
    const body = build({ [group]: { [field]: undefined } } as Overrides);
    const v = validateAssessInput(body, 'en');
    expect(v.ok).toBe(false);
    expect(pathsOf(body)).toEqual([path]);
  });

  it('an empty body names every required field', () => {
    expect(pathsOf({}).sort()).toEqual([...SPEC_REQUIRED].sort());
  });

  it('optional fields may be left out', () => {
    const minimal = {
      applicant: { kind: 'resident' },
      initiative: {
        inMunicipality: true,
        themes: ['vitaliteit'],
        kaders: ['vraag-inwoner'],
        type: 'sport',
        startDate: '2027-05-01',
      },
      money: { requested: 250 },
    };
    expect(validateAssessInput(minimal, 'en').ok).toBe(true);
  });

  it('partial: true accepts missing required fields', () => {
    expect(validateAssessInput({ partial: true }, 'en')).toEqual({ ok: true, input: { partial: true } });
    expect(validateAssessInput({ partial: true, money: { requested: 300 } }, 'en').ok).toBe(true);
  });

  it('partial: false does not', () => {
    expect(pathsOf({ partial: false }).sort()).toEqual([...SPEC_REQUIRED].sort());
  });

  it('partial: true still refuses wrong and unknown fields', () => {
    expect(pathsOf({ partial: true, money: { requested: 1.005 }, foo: 1 })).toEqual(
      expect.arrayContaining(['money.requested', 'foo']),
    );
  });
});

describe('non-object bodies', () => {
  it.each([null, undefined, 42, 'text', true, [], [BASE]])('%j is refused with an issue', (body) => {
    const v = validateAssessInput(body, 'en');
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.issues.length).toBeGreaterThan(0);
  });
});

describe('messages in nl and en', () => {
  it.each([
    ['unknown field', { ...BASE, colour: 'blue' }],
    ['wrong type', withRaw('money', { requested: '800' })],
    ['impossible date', withRaw('initiative', { startDate: '2027-02-30' })],
    ['negative amount', withRaw('money', { requested: -1 })],
    ['three decimals', withRaw('money', { requested: 1.005 })],
    ['missing required', build({ money: { requested: undefined } })],
    ['not an object', 42],
  ])('%s: same paths, non-empty and different messages', (_, body) => {
    const nl = issuesOf(body, 'nl');
    const en = issuesOf(body, 'en');
    expect(nl.length).toBeGreaterThan(0);
    expect(nl.map((i) => i.path)).toEqual(en.map((i) => i.path));
    nl.forEach((issue, k) => {
      expect(issue.message.trim()).not.toBe('');
      expect(en[k]!.message.trim()).not.toBe('');
      expect(issue.message).not.toBe(en[k]!.message);
    });
  });
});

describe('dates outside the ruleset', () => {
  it('today 2023-12-31 in the input is invalid input naming `today` (a 400, not a silent fallback)', () => {
    expect(pathsOf({ ...BASE, today: '2023-12-31' })).toEqual(['today']);
    expect(validateAssessInput({ ...BASE, today: '2024-01-01' }, 'en').ok).toBe(true);
  });

  it('today 2023-12-31 in the input makes assess throw NoRulesetError', () => {
    expect(() => assess({ ...BASE, today: '2023-12-31' }, { today: TODAY })).toThrow(NoRulesetError);
  });

  it('today 2023-12-31 (from the options) makes assess throw NoRulesetError', () => {
    expect(() => assess(BASE, { today: '2023-12-31' })).toThrow(NoRulesetError);
    expect(() => assess(BASE, { today: '1999-06-15' })).toThrow(NoRulesetError);
  });

  it('2024-01-01 is covered by mag-2024', () => {
    expect(assess(BASE, { today: '2024-01-01' }).ruleset).toBe('mag-2024');
  });

  it('input.today overrides options.today', () => {
    const a = assess({ ...BASE, today: '2026-11-23' }, { today: '2023-12-31' });
    expect(a.today).toBe('2026-11-23');
    expect(() => assess({ ...BASE, today: '2023-12-31' }, { today: '2026-11-23' })).toThrow(NoRulesetError);
  });
});
