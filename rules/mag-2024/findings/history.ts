import { isKern, isNonCore } from '../../facts.js';
import type { RuleDefinition } from '../../rule.js';
import { holds } from '../../rule.js';
import { and, known } from '../../tri.js';
import { PARAMETERS as P, SOURCES as S } from '../parameters.js';

/** What the applicant asked and received before, and how the application is put together. */
export const historyRules: RuleDefinition[] = [
  {
    id: 'grant-limit',
    severity: 'refusal',
    source: S.art3c,
    check: (f) =>
      holds(
        known(f.history.grantsThisYear, (n) => n >= P.maxGrantsPerYear),
        () => ({ params: { max: P.maxGrantsPerYear } }),
      ),
  },
  {
    id: 'core-once-a-year',
    severity: 'refusal',
    source: S.bijlage2Algemeen,
    check: (f) => holds(and(isKern(f), f.history.coreApplicationThisYear)),
  },
  {
    id: 'non-core-twice-a-year',
    severity: 'refusal',
    source: S.bijlage2Algemeen,
    check: (f) =>
      holds(
        and(
          isNonCore(f),
          known(f.history.nonCoreApplicationsThisYear, (n) => n >= P.maxNonCoreApplicationsPerYear),
        ),
        () => ({ params: { max: P.maxNonCoreApplicationsPerYear } }),
      ),
  },
  {
    id: 'multiple-initiatives',
    severity: 'risk',
    source: S.bijlage2Weigering,
    check: (f) => holds(f.initiative.multipleInitiatives),
  },
  {
    id: 'similar-granted',
    severity: 'risk',
    source: S.bijlage2Weigering,
    check: (f) => holds(f.history.similarGranted),
  },
  {
    id: 'refused-before',
    severity: 'risk',
    source: S.bijlage2Weigering,
    check: (f) => holds(f.history.sameApplicationRefusedBefore),
  },
];
