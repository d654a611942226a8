import type { FastifyInstance } from 'fastify';
import type { Audience, Lang, RemainingBudgetOption } from '../../rules/index.js';
import {
  AUDIENCES,
  assess,
  LANGUAGES,
  message,
  NoRulesetError,
  RULESETS,
  validateAssessInput,
} from '../../rules/index.js';
import { invalidInput } from '../http-errors.js';

export interface AssessRouteOptions {
  today: () => string;
  /** What is left of each budget line, read again for every request: a consulent may just have changed it. */
  remainingBudget: () => Promise<RemainingBudgetOption>;
}

const isLang = (v: unknown): v is Lang =>
  typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
const isAudience = (v: unknown): v is Audience =>
  typeof v === 'string' && (AUDIENCES as readonly string[]).includes(v);

/** `POST /api/assess`: the rules module over HTTP, exactly as `mag-rules.md` specifies. */
export async function assessRoutes(app: FastifyInstance, opts: AssessRouteOptions): Promise<void> {
  app.post('/api/assess', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const requested = query.lang ?? 'nl';
    if (!isLang(requested)) {
      return invalidInput(reply, [{ path: 'lang', message: message('nl', 'validation.lang') }]);
    }
    const lang = requested;
    // `?audience=intake`: the texts a buurtwerker reads during an intake ("de aanvrager"); codes are the same.
    const audience = query.audience ?? 'resident';
    if (!isAudience(audience)) {
      return invalidInput(reply, [{ path: 'audience', message: message(lang, 'validation.audience') }]);
    }
    const validation = validateAssessInput(request.body, lang);
    if (!validation.ok) return invalidInput(reply, validation.issues);
    const remainingBudget = await opts.remainingBudget();
    try {
      return assess(validation.input, { today: opts.today(), lang, audience, remainingBudget });
    } catch (error) {
      if (!(error instanceof NoRulesetError)) throw error;
      const from = RULESETS[0]!.effectiveFrom;
      return invalidInput(reply, [
        { path: 'today', message: message(lang, 'validation.noRuleset', { date: error.date, from }) },
      ]);
    }
  });
}
