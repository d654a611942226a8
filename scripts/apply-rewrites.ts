/**
 * `npx tsx scripts/apply-rewrites.ts [overlay.json] [--dry-run]`: merges a text overlay into the locale
 * files (default overlay: `test/locales/rewrites.json`).
 *
 * The overlay names texts by language, catalogue and dotted key:
 *
 *   { "nl": { "dialog": { "questions.money.requested_intake": "Hoeveel subsidie vraagt de bewoner?" } },
 *     "en": { "rules": { "deadlines.submit-by": "Apply by" } } }
 *
 * A key that exists gets its new text in place, so the order of the file stays as it is; a new key is
 * added to its parent object: a text's `_intake` variant right after the text, an `_intake_organisation`
 * variant after the `_intake` one, anything else at the end. Missing parents are created. Refused, before
 * anything is written: a key whose parent is not an object (a text or a list), a key that would replace a
 * whole object or list, a value that is not a text, an unknown language or catalogue, and a new key that
 * only one language gets (the catalogue test wants the same keys in every language).
 *
 * Files are written as 2-space JSON with a final newline, short lists on one line as Biome formats them
 * (so an empty overlay rewrites every file byte for byte).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Tree = { [key: string]: Json };
type Overlay = Record<string, Record<string, Record<string, unknown>>>;

const LINE_WIDTH = 110;
const LOCALES = 'locales';

const isObject = (v: unknown): v is Tree => typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON as Biome writes it: 2 spaces, objects open, a list of plain values on one line when it fits. */
export function formatJson(value: Json, indent = 0, lineStart = 0, trailing = 0): string {
  const pad = ' '.repeat(indent);
  const inner = ' '.repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      const inline = `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
      if (lineStart + inline.length + trailing <= LINE_WIDTH) return inline;
    }
    const items = value.map(
      (v, i) => inner + formatJson(v, indent + 2, indent + 2, i < value.length - 1 ? 1 : 0),
    );
    return `[\n${items.join(',\n')}\n${pad}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    const entries = keys.map((k, i) => {
      const head = `${inner}${JSON.stringify(k)}: `;
      return head + formatJson(value[k]!, indent + 2, head.length, i < keys.length - 1 ? 1 : 0);
    });
    return `{\n${entries.join(',\n')}\n${pad}}`;
  }
  return JSON.stringify(value);
}

/** Where a new key goes in its parent: a variant after the text it varies, anything else last. */
function anchorOf(parent: Tree, key: string): string | undefined {
  const variant = /^(.+?)(_intake_organisation|_intake)$/.exec(key);
  if (!variant) return undefined;
  const [, base, suffix] = variant;
  if (suffix === '_intake_organisation' && `${base}_intake` in parent) return `${base}_intake`;
  return base! in parent ? base : undefined;
}

/** The parent object with `key` added after `anchor` (or last), keeping every other key where it was. */
function withKey(parent: Tree, key: string, value: Json, anchor: string | undefined): Tree {
  if (anchor === undefined) return { ...parent, [key]: value };
  const out: Tree = {};
  for (const [k, v] of Object.entries(parent)) {
    out[k] = v;
    if (k === anchor) out[key] = value;
  }
  return out;
}

export interface Change {
  key: string;
  kind: 'replaced' | 'added' | 'unchanged';
}

/**
 * Sets one dotted key in a catalogue, in place. Throws (with the reason) for a key whose parent is not an
 * object, or one that would replace an object or a list by a text.
 */
export function setKey(tree: Tree, dotted: string, text: string): Change['kind'] {
  const parts = dotted.split('.');
  if (parts.some((p) => p === '')) throw new Error(`${dotted}: an empty part in the key`);
  let parent = tree;
  for (const [i, part] of parts.slice(0, -1).entries()) {
    const next = parent[part];
    if (next === undefined) {
      // A new parent object; it takes its place like any new key.
      const created: Tree = {};
      const replaced = withKey(parent, part, created, anchorOf(parent, part));
      reassign(parent, replaced);
      parent = created;
      continue;
    }
    if (!isObject(next)) {
      const where = parts.slice(0, i + 1).join('.');
      throw new Error(
        `${dotted}: its parent ${where} is ${Array.isArray(next) ? 'a list' : 'a text'}, not an object`,
      );
    }
    parent = next;
  }
  const leaf = parts.at(-1)!;
  const old = parent[leaf];
  if (old !== undefined && typeof old !== 'string') {
    throw new Error(`${dotted}: would replace ${Array.isArray(old) ? 'a list' : 'an object'} by a text`);
  }
  if (old === text) return 'unchanged';
  if (old !== undefined) {
    parent[leaf] = text;
    return 'replaced';
  }
  reassign(parent, withKey(parent, leaf, text, anchorOf(parent, leaf)));
  return 'added';
}

/** Gives `target` exactly the keys of `source`, in its order (so references to `target` stay valid). */
function reassign(target: Tree, source: Tree): void {
  for (const k of Object.keys(target)) delete target[k];
  Object.assign(target, source);
}

const hasKey = (tree: Tree, dotted: string): boolean => {
  let node: Json | undefined = tree;
  for (const part of dotted.split('.')) {
    if (!isObject(node)) return false;
    node = node[part];
  }
  return node !== undefined;
};

export interface Result {
  /** New contents by file path; only files that change. */
  files: Map<string, string>;
  changes: Map<string, Change[]>;
  errors: string[];
}

/** Merges the overlay into the catalogues under `root`; writes nothing (see `main`). */
export function mergeOverlay(overlay: unknown, root = '.'): Result {
  const files = new Map<string, string>();
  const changes = new Map<string, Change[]>();
  const errors: string[] = [];
  if (!isObject(overlay)) return { files, changes, errors: ['the overlay is not a JSON object'] };
  const langs = readdirSync(join(root, LOCALES), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name);
  const catalogues = new Map<string, Tree>();
  const load = (lang: string, ns: string): Tree | undefined => {
    const path = join(root, LOCALES, lang, `${ns}.json`);
    if (!catalogues.has(path)) {
      if (!existsSync(path)) return undefined;
      catalogues.set(path, JSON.parse(readFileSync(path, 'utf8')) as Tree);
    }
    return catalogues.get(path);
  };

  for (const [lang, namespaces] of Object.entries(overlay as Overlay)) {
    if (!langs.includes(lang)) {
      errors.push(`${lang}: no such language in ${LOCALES}/`);
      continue;
    }
    if (!isObject(namespaces)) {
      errors.push(`${lang}: not an object of catalogues`);
      continue;
    }
    for (const [ns, texts] of Object.entries(namespaces)) {
      const path = join(root, LOCALES, lang, `${ns}.json`);
      const tree = load(lang, ns);
      if (!tree) {
        errors.push(`${lang}.${ns}: no such catalogue (${path})`);
        continue;
      }
      if (!isObject(texts)) {
        errors.push(`${lang}.${ns}: not an object of dotted keys`);
        continue;
      }
      const original = structuredClone(tree);
      const done: Change[] = [];
      for (const [key, text] of Object.entries(texts)) {
        if (typeof text !== 'string') {
          errors.push(`${lang}.${ns} ${key}: the new value is not a text`);
          continue;
        }
        try {
          // A new key needs the same key in every other language (in the file or in the overlay).
          if (!hasKey(original, key)) {
            for (const other of langs.filter((l) => l !== lang)) {
              const otherTree = load(other, ns);
              const inOverlay = typeof (overlay as Overlay)[other]?.[ns]?.[key] === 'string';
              if (otherTree && !hasKey(otherTree, key) && !inOverlay) {
                errors.push(`${lang}.${ns} ${key}: a new key without a ${other} text`);
              }
            }
          }
          done.push({ key, kind: setKey(tree, key, text) });
        } catch (e) {
          errors.push(`${lang}.${ns} ${(e as Error).message}`);
        }
      }
      changes.set(path, done);
      if (done.some((c) => c.kind !== 'unchanged')) files.set(path, `${formatJson(tree)}\n`);
    }
  }
  return { files, changes, errors };
}

function main(): void {
  const args = process.argv.slice(2);
  const dryRun = args.includes('--dry-run');
  const overlayPath = args.find((a) => !a.startsWith('--')) ?? join('test', 'locales', 'rewrites.json');
  const overlay: unknown = JSON.parse(readFileSync(overlayPath, 'utf8'));
  const { files, changes, errors } = mergeOverlay(overlay);
  if (errors.length > 0) {
    process.stderr.write(`Nothing written: ${errors.length} problem(s) in ${overlayPath}\n`);
    for (const e of errors) process.stderr.write(`  ${e}\n`);
    process.exit(1);
  }
  for (const [path, list] of changes) {
    const count = (kind: Change['kind']) => list.filter((c) => c.kind === kind).length;
    process.stdout.write(
      `${path}: ${count('replaced')} replaced, ${count('added')} added, ${count('unchanged')} already so\n`,
    );
  }
  if (dryRun) {
    process.stdout.write('Dry run: nothing written.\n');
    return;
  }
  for (const [path, text] of files) writeFileSync(path, text);
}

// Run as a script, not when a test imports the functions.
if (process.argv[1] && /apply-rewrites\.ts$/.test(process.argv[1])) main();
