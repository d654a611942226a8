import type { z } from 'zod';
import type { Lang } from './codes.js';
import type { AssessInput } from './input-schema.js';
import { assessInputSchema, REQUIRED_PATHS } from './input-schema.js';
import { message } from './messages.js';
import { RULESETS } from './rulesets.js';

export interface InputIssue {
  /** Dotted JSON path of the wrong field, e.g. `money.requested`; empty for the body itself. */
  path: string;
  message: string;
}

export type Validation = { ok: true; input: AssessInput } | { ok: false; issues: InputIssue[] };

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function expectedName(expected: string, lang: Lang): string {
  const key = `validation.types.${expected}`;
  try {
    return message(lang, key);
  } catch {
    return expected;
  }
}

function describe(issue: z.core.$ZodIssue, lang: Lang): InputIssue[] {
  const path = issue.path.join('.');
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        message: message(lang, 'validation.unknownField'),
      }));
    case 'invalid_type':
      return [
        { path, message: message(lang, 'validation.type', { expected: expectedName(issue.expected, lang) }) },
      ];
    case 'invalid_value':
      return [
        { path, message: message(lang, 'validation.code', { values: issue.values.map(String).join(', ') }) },
      ];
    case 'too_small':
      return [{ path, message: message(lang, 'validation.min', { min: String(issue.minimum) }) }];
    case 'too_big':
      return [
        {
          path,
          message: message(lang, issue.origin === 'array' ? 'validation.tooMany' : 'validation.max', {
            max: String(issue.maximum),
          }),
        },
      ];
    case 'custom':
      return [{ path, message: message(lang, `validation.${issue.message}`) }];
    default:
      if (issue.code === 'invalid_format' || issue.code === 'not_multiple_of') {
        return [{ path, message: message(lang, 'validation.invalid') }];
      }
      return [{ path, message: message(lang, 'validation.invalid') }];
  }
}

function integerIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.expected === 'int';
}

/** Validates a request body; names every wrong field at once, in the requested language. */
export function validateAssessInput(body: unknown, lang: Lang): Validation {
  if (!isRecord(body))
    return { ok: false, issues: [{ path: '', message: message(lang, 'validation.body') }] };
  const parsed = assessInputSchema.safeParse(body);
  const issues: InputIssue[] = parsed.success
    ? []
    : parsed.error.issues.flatMap((issue) =>
        integerIssue(issue)
          ? [{ path: issue.path.join('.'), message: message(lang, 'validation.integer') }]
          : describe(issue, lang),
      );
  if (body.partial !== true) {
    for (const path of REQUIRED_PATHS) {
      const [group, field] = path.split('.') as [string, string];
      const parent = body[group];
      const present = isRecord(parent) && parent[field] !== undefined;
      const alreadyNamed = issues.some((i) => i.path === path || i.path === group);
      if (!present && !alreadyNamed) issues.push({ path, message: message(lang, 'validation.required') });
    }
  }
  const today = parsed.success ? parsed.data.today : undefined;
  const from = RULESETS[0]!.effectiveFrom;
  if (today !== undefined && today < from) {
    issues.push({ path: 'today', message: message(lang, 'validation.noRuleset', { date: today, from }) });
  }
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, input: parsed.data };
}
