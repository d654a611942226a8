/** A locale catalogue as JSON: texts, lists of texts, and nested groups of them. */
export type Tree = { [key: string]: Tree | string | string[] };

/** Every text of a catalogue by its dotted key (`questions.money.requested`). */
export function leaves(tree: Tree, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of leaves(value, path)) out.set(k, v);
    } else out.set(path, value);
  }
  return out;
}
