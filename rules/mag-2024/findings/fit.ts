import type { Facts } from '../../facts.js';
import { isGalaApplication, subsidyYear } from '../../facts.js';
import type { RuleDefinition } from '../../rule.js';
import { holds } from '../../rule.js';
import { and, known, not, or } from '../../tri.js';
import { PARAMETERS as P, SOURCES as S } from '../parameters.js';

/** Does the idea fit the MAG, and may this applicant ask for it? */
export const fitRules: RuleDefinition[] = [
  {
    id: 'outside-municipality',
    severity: 'refusal',
    source: S.bijlage2Algemeen,
    check: (f) => holds(not(f.initiative.inMunicipality)),
  },
  {
    id: 'no-theme',
    severity: 'refusal',
    source: `${S.art2}; ${S.art3d}`,
    check: (f) => holds(known(f.initiative.themes, (t) => t.length === 0)),
  },
  {
    id: 'no-kader',
    severity: 'refusal',
    source: `${S.art3d}; ${S.bijlage2Past}`,
    check: (f) => holds(known(f.initiative.kaders, (k) => k.length === 0)),
  },
  {
    id: 'not-gala',
    severity: 'refusal',
    source: S.bijlage2Gala,
    check: (f) => holds(and(not(f.initiative.isActivity), not(f.initiative.fitsGala))),
  },
  {
    id: 'kern-needs-organisation',
    severity: 'refusal',
    source: S.bijlage2Kern,
    check: (f) =>
      holds(
        and(
          known(f.initiative.type, (t) => t === 'kernactiviteit'),
          known(f.applicant.kind, (k) => k === 'resident'),
        ),
      ),
  },
  {
    id: 'profit-motive',
    severity: 'refusal',
    source: S.bijlage2Winst,
    check: (f) => holds(f.initiative.profitMotive),
  },
  {
    id: 'religious',
    severity: 'refusal',
    source: S.bijlage2NietGesubsidieerd,
    check: (f) => holds(and(f.initiative.primarilyReligious, not(f.initiative.diaconalOpenToAll))),
  },
  {
    id: 'applicant-above-10000',
    severity: 'refusal',
    source: S.art4c,
    check: (f: Facts) =>
      holds(
        and(
          known(f.money.requested, (r) => r > P.middleMax),
          or(
            known(f.applicant.kind, (k) => k === 'resident'),
            and(
              known(f.applicant.kind, (k) => k === 'kvk-professional'),
              not(f.applicant.kvkFitsBusiness),
            ),
          ),
        ),
      ),
  },
  {
    id: 'not-an-event',
    severity: 'info',
    source: S.bijlage2Evenement,
    check: (f) =>
      holds(
        and(
          known(f.initiative.type, (t) => t === 'evenement'),
          not(f.initiative.needsEventPermit),
        ),
      ),
  },
  {
    id: 'vog-required',
    severity: 'info',
    source: S.bijlage2Vog,
    check: (f) => holds(f.initiative.worksWithVulnerable),
  },
  {
    id: 'materials-real-estate',
    severity: 'risk',
    source: S.bijlage2Weigering,
    check: (f) => holds(and(f.money.includesMaterialsOrRealEstate, not(isGalaApplication(f)))),
  },
  {
    id: 'sportakkoord-ends',
    severity: 'info',
    source: S.bijlage2SportTabel,
    check: (f) =>
      holds(
        and(
          known(f.initiative.type, (t) => t === 'sport'),
          known(subsidyYear(f), (y) => y > P.sportakkoordLastYear),
        ),
        () => ({ params: { lastYear: P.sportakkoordLastYear } }),
      ),
  },
];
