import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import en from '../../locales/en/page.json' with { type: 'json' };
import nl from '../../locales/nl/page.json' with { type: 'json' };
import { escapeHtml } from '../escape-html.js';

const here = dirname(fileURLToPath(import.meta.url));
const webchatDist = join(
  dirname(createRequire(import.meta.url).resolve('botframework-webchat')),
  '..',
  'dist',
);
const TEXTS = { nl, en } as const;

interface Asset {
  body: Buffer;
  gzip: Buffer;
  type: string;
}

/** Files are read and compressed once at start-up: a phone on a slow line gets ~1 MB of Web Chat, not 4. */
function asset(body: Buffer, type: string): Asset {
  return { body, gzip: gzipSync(body), type };
}

function send(request: FastifyRequest, reply: FastifyReply, a: Asset, cache: string) {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  reply.header('content-type', a.type).header('cache-control', cache).header('vary', 'accept-encoding');
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? a.gzip : a.body);
}

/** `GET /`: a demo page of the municipal website with the chat, in Dutch or (`?lang=en`) English. */
export async function webPage(app: FastifyInstance): Promise<void> {
  const template = readFileSync(join(here, 'public', 'index.html'), 'utf8');
  const pages = Object.fromEntries(
    (['nl', 'en'] as const).map((lang) => {
      const texts: Record<string, string> = { ...TEXTS[lang], lang, otherLang: lang === 'nl' ? 'en' : 'nl' };
      const config = JSON.stringify({ lang, error: texts.error, switchCommand: texts.switchCommand }).replace(
        /</g,
        '\\u003c',
      );
      const html = template.replace(/\{\{(\w+)\}\}/g, (_, key: string) =>
        key === 'config' ? config : escapeHtml(texts[key] ?? ''),
      );
      return [lang, asset(Buffer.from(html), 'text/html; charset=utf-8')];
    }),
  );
  const files: Record<string, Asset> = {
    '/static/page.js': asset(readFileSync(join(here, 'public', 'page.js')), 'text/javascript; charset=utf-8'),
    '/static/page.css': asset(readFileSync(join(here, 'public', 'page.css')), 'text/css; charset=utf-8'),
    '/vendor/webchat.js': asset(
      readFileSync(join(webchatDist, 'webchat.js')),
      'text/javascript; charset=utf-8',
    ),
  };

  app.addHook('onSend', async (_request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
  });

  app.get<{ Querystring: { lang?: string } }>('/', async (request, reply) => {
    const lang = request.query.lang === 'en' ? 'en' : 'nl';
    reply.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self' ws: wss:; frame-ancestors 'self'",
    );
    return send(request, reply, pages[lang]!, 'no-cache');
  });
  for (const [url, file] of Object.entries(files)) {
    app.get(url, async (request, reply) => send(request, reply, file, 'public, max-age=3600'));
  }
}
