/**
 * Parameters that change with the subsidy year (the budget ceilings of Bijlage 3): dated values, each with
 * the source that sets it. A year that no value covers is an error, never the figures of the nearest year.
 */
export interface DatedValue<T> {
  /** The first subsidy year the values apply to. */
  from: number;
  /**
   * The last subsidy year they apply to, or `'until-changed'` when the source sets them without an end: then
   * they hold for every later year until an entry with a later `from` replaces them.
   */
  through: number | 'until-changed';
  values: T;
  /** Where the figures come from, in the words a consulent recognises (article, Bijlage). */
  source: string;
}

/** No dated value covers the subsidy year: there are no figures for it. */
export class NoFiguresForYearError extends Error {
  constructor(
    readonly parameter: string,
    readonly year: number,
  ) {
    super(`No ${parameter} for subsidy year ${year}`);
  }
}

/**
 * The entry that covers `year`: the one with the latest `from` at or before it, provided its `through`
 * reaches `year`. Throws `NoFiguresForYearError` otherwise (before the first entry, or after a bounded one).
 */
export function valueForYear<T>(
  table: readonly DatedValue<T>[],
  year: number,
  parameter: string,
): DatedValue<T> {
  let found: DatedValue<T> | undefined;
  for (const entry of table) if (entry.from <= year && (!found || entry.from > found.from)) found = entry;
  if (!found || (found.through !== 'until-changed' && found.through < year)) {
    throw new NoFiguresForYearError(parameter, year);
  }
  return found;
}
