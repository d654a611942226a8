/**
 * Money is whole cents inside the rules, so € 500,00 / € 500,01 and € 10.000,00 / € 10.000,01 compare exactly.
 * Euros appear only at the edges: the API's input and output.
 */
export type Cents = number;

/** Largest amount anyone can ask: far above any MAG budget, low enough that cents stay exact integers. */
export const MAX_EUROS = 100_000_000;

/** True when `euros` has at most two decimals (1.005 is refused, 500.01 accepted despite binary floats). */
export function hasAtMostTwoDecimals(euros: number): boolean {
  if (!Number.isFinite(euros)) return false;
  const scaled = euros * 100;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
}

export function toCents(euros: number): Cents {
  return Math.round(euros * 100);
}

export function toEuros(cents: Cents): number {
  return cents / 100;
}

export const euros = (amount: number): Cents => toCents(amount);

/**
 * `€ 1.250,50` in Dutch, `€1,250.50` in English; whole amounts drop the cents (`€ 500`) unless
 * `alwaysCents` (tables, where amounts line up). `space` is what separates `€` from a Dutch number.
 */
export function formatEuros(
  cents: Cents,
  lang: 'nl' | 'en',
  { alwaysCents = false, space = ' ' }: { alwaysCents?: boolean; space?: string } = {},
): string {
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100);
  const rest = abs % 100;
  const group = lang === 'nl' ? '.' : ',';
  const decimal = lang === 'nl' ? ',' : '.';
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const body = rest === 0 && !alwaysCents ? grouped : `${grouped}${decimal}${String(rest).padStart(2, '0')}`;
  const sign = negative ? '-' : '';
  return lang === 'nl' ? `${sign}€${space}${body}` : `${sign}€${body}`;
}
