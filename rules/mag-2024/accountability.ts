import type { AccountabilityDocument, AccountabilityLevel } from '../codes.js';
import type { Facts } from '../facts.js';
import type { Cents } from '../money.js';
import { PARAMETERS as P, SOURCES as S } from './parameters.js';

export interface Accountability {
  level: AccountabilityLevel;
  documents: AccountabilityDocument[];
  /** This request plus earlier MAG grants this calendar year: the level follows this total. */
  totalThisYear: Cents;
  source: string;
}

/** Art. 11–13: the level follows the total granted to one party in the calendar year (Bijlage 1). */
export function accountabilityOf(f: Facts): Accountability | undefined {
  const { requested } = f.money;
  const earlier = f.history.amountGrantedThisYear;
  if (requested === undefined || earlier === undefined) return undefined;
  const total = requested + earlier;
  if (total <= P.accountability.directMax) {
    return {
      level: 'direct',
      documents: [],
      totalThisYear: total,
      source: `${S.art11}; ${S.bijlage1Verantwoording}`,
    };
  }
  if (total <= P.accountability.reportMax) {
    return {
      level: 'report',
      documents: ['inhoudelijk-verslag'],
      totalThisYear: total,
      source: `${S.art12}; ${S.bijlage1Verantwoording}`,
    };
  }
  return {
    level: 'audit',
    documents: ['inhoudelijk-verslag', 'financieel-verslag', 'balans-met-toelichting', 'controleverklaring'],
    totalThisYear: total,
    source: `${S.art13}; ${S.bijlage1Verantwoording}`,
  };
}
