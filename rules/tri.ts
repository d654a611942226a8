/**
 * Three-valued (Kleene) logic for partial assessments: `undefined` means "not known yet".
 * A rule is reported only when its condition is `true` whatever the unknown inputs turn out to be;
 * `and`/`or` give exactly that without evaluating every combination.
 */
export type Tri = boolean | undefined;

export function and(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes(undefined) ? undefined : true;
}

export function or(...values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes(undefined) ? undefined : false;
}

export function not(value: Tri): Tri {
  return value === undefined ? undefined : !value;
}

/** `test(value)` when the value is known, else unknown. */
export function known<T>(value: T | undefined, test: (v: T) => boolean): Tri {
  return value === undefined ? undefined : test(value);
}
