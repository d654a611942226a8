import type { Facts } from '../facts.js';
import type { SlotPath } from '../input-schema.js';
import { REQUIRED_PATHS } from '../input-schema.js';
import { mayBeBuurt, needsKvkFit } from './relevance.js';

const valueAt = (f: Facts, path: SlotPath): unknown => {
  const [group, field] = path.split('.') as [keyof Facts, string];
  return (f[group] as Record<string, unknown>)[field];
};

/**
 * The slots a full assessment still needs, given the answers so far: the required ones, and those
 * that became relevant through an answer (`mag-rules.md`, Partial assessment).
 */
export function missingSlots(f: Facts): SlotPath[] {
  const { initiative, money } = f;
  const relevant: [SlotPath, boolean][] = [
    ['applicant.kvkFitsBusiness', needsKvkFit(f) === true],
    ['initiative.ownNeighbourhood', mayBeBuurt(f) === true],
    ['initiative.fitsGala', initiative.isActivity === false],
    ['initiative.diaconalOpenToAll', initiative.primarilyReligious === true],
    ['initiative.needsEventPermit', initiative.type === 'evenement'],
    ['money.targetsLowIncome', money.includesFoodAndDrink === true],
  ];
  const needed: SlotPath[] = [...REQUIRED_PATHS, ...relevant.filter(([, is]) => is).map(([path]) => path)];
  return needed.filter((path) => valueAt(f, path) === undefined);
}
