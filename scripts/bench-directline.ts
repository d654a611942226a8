/**
 * `npm run bench`: load on the real server, over Direct Line 3.0 on loopback.
 *
 * The server runs in a child process (`scripts/bench-server.ts`: `buildApp(loadConfig(env))` as
 * `bot/server.ts` does, with the environment passed through, so `DATABASE_URL` reaches it too), so its CPU
 * time and memory are its own and are read from outside (`/proc/<pid>`). Started with `--expose-gc`, it
 * collects its garbage when the benchmark sends SIGUSR2 and says so on standard output; asked on standard
 * input, it says how much of its time went into the dialog and into SQLite's turn transaction.
 *
 * One run, in this order:
 *  1. throughput: after `BENCH_WARMUP` conversations not counted (default 300), `BENCH_CONVERSATIONS`
 *     residents (default 1,000), `BENCH_CONCURRENCY` at a time (default 50),
 *     each from a token to a verdict: post an answer, poll the activities with the watermark until the bot's
 *     reply to it is there, answer whatever `channelData.ask` asks. Server CPU per turn, turns/s, latency.
 *  2. open conversations: `BENCH_OPEN` (default 1,000) opened (token, start, greeting) and left open;
 *     resident memory after a forced GC, before and after, per conversation (after as many as the server
 *     keeps sessions of were opened first, so that bounded amount is the same at both readings).
 *  3. finished conversations: `BENCH_FINISHED` (default 10,000) more from token to verdict; resident memory
 *     after a forced GC when a tenth of them is done and when all are: the two must be within 5 %.
 *  4. a bare Fastify `GET /ping`, in a second child process, at the same concurrency, to show what the
 *     framework alone costs on this machine; the ratio of turns/s to its req/s is the figure to compare.
 * Each figure is printed next to its target. Exits non-zero when a conversation does not reach its verdict
 * (and, with `BENCH_STRICT=1`, when a target is missed). `BENCH_CPU_PROF=<dir>` writes the server's CPU
 * profile (`node --cpu-prof`) there.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadConfig } from '../bot/config.js';
import { LIVE_SESSIONS } from '../bot/intake-bot.js';
import type { TurnParts } from './bench-server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const positive = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number`);
  return n;
};
const CONVERSATIONS = positive('BENCH_CONVERSATIONS', 1000);
const CONCURRENCY = positive('BENCH_CONCURRENCY', 50);
const OPEN = positive('BENCH_OPEN', 1000);
const FINISHED = positive('BENCH_FINISHED', 10_000);
/** Where the flatness of memory is first read: after a tenth of the finished conversations. */
const FINISHED_FIRST = Math.max(1, Math.round(FINISHED / 10));
const STRICT = process.env.BENCH_STRICT === '1';
const CPU_PROF = process.env.BENCH_CPU_PROF;
/** The targets, each compared within this run. */
const TARGETS = {
  cpuPerTurnMs: 0.35,
  ratioToBare: 0.17,
  rssPerOpenKiB: 20,
  flatPercent: 5,
  p99Ms: 50,
} as const;
/**
 * Conversations run before the throughput is measured, not counted. A server runs for days: the figure is
 * a warm one. The JIT needs a few thousand turns; after 10 warm-up conversations the next 2,200 turns cost
 * about twice what they cost later in the same run.
 */
const WARMUP = positive('BENCH_WARMUP', 300);
const TODAY = '2026-11-23';
/** Bounds: no loop in this file runs unbounded, and the whole run gives up after this long. */
const MAX_TURNS_PER_CONVERSATION = 80;
const MAX_POLLS_PER_TURN = 200;
const REQUEST_TIMEOUT_MS = 30_000;
const RUN_DEADLINE_MS = positive('BENCH_DEADLINE_SECONDS', 1800) * 1000;

/** The answers of an organisation whose initiative is eligible (`applicant.kind` … `history.*`). */
const ANSWERS: Record<string, string> = {
  'applicant.kind': 'organisatie',
  'help.idea': 'Buurtfeest voor jong en oud',
  'initiative.inMunicipality': 'ja',
  'initiative.startDate': '1-6-2027',
  'initiative.alreadyStarted': 'nee',
  'help.location': 'ja',
  'help.fit': 'verbinding en dichtbij',
  'initiative.themes': 'verbinding',
  'initiative.kaders': 'dichtbij',
  'initiative.type': 'eenmalig',
  'initiative.isActivity': 'ja',
  'money.requested': '1250',
  'initiative.endDate': '1-6-2027',
  'money.totalCosts': '2000',
  'money.thirdPartyContributions': '0',
  'initiative.expectedParticipants': '80',
  'help.conditions': 'geen',
  'help.history': 'geen',
};

interface BotActivity {
  id?: string;
  type?: string;
  replyToId?: string;
  from?: { role?: string };
  channelData?: { ask?: string; assessment?: { verdict?: string } };
  suggestedActions?: { actions?: { value?: unknown; text?: string }[] };
}

/** What the bot asks for `ask`: the map, else `nee` to a yes/no question, else `0` for a `history.*` count. */
function answerFor(ask: string, question: BotActivity): string | undefined {
  const known = ANSWERS[ask];
  if (known !== undefined) return known;
  const codes = (question.suggestedActions?.actions ?? []).map((a) => a.text);
  if (codes.includes('no')) return 'nee';
  if (ask.startsWith('history.')) return '0';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// HTTP on loopback, with keep-alive and a timeout on every request.

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY, maxFreeSockets: CONCURRENCY });

interface Response {
  status: number;
  body: unknown;
}

function request(
  port: number,
  method: 'GET' | 'POST',
  urlPath: string,
  options: { token?: string; body?: unknown } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
    const headers: Record<string, string> = {};
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const req = http.request(
      { host: '127.0.0.1', port, method, path: urlPath, agent, headers, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            // not JSON: keep the text for the error message
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

async function expectOk(response: Promise<Response>, what: string): Promise<unknown> {
  const { status, body } = await response;
  if (status < 200 || status >= 300) throw new Error(`${what}: HTTP ${status} ${JSON.stringify(body)}`);
  return body;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------------------
// Child processes: started in their own process group, always killed (on error, SIGINT and exit too).

const children = new Set<ChildProcess>();
let tempDir: string | undefined;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  // The tsx wrapper's own child is in the same group: make sure nothing of it is left.
  killGroup(child, 'SIGKILL');
  children.delete(child);
}

function cleanupNow(): void {
  for (const child of children) killGroup(child, 'SIGKILL');
  children.clear();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
}

process.on('exit', cleanupNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the server and leaving`);
    cleanupNow();
    process.exit(130);
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A child process; each line it writes to standard output that is JSON goes to `onLine`, and with `onLine`
 * its standard input is a pipe the benchmark can write to.
 */
function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine?: (message: Record<string, unknown>) => void,
): ChildProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    env,
    detached: true,
    stdio: [onLine ? 'pipe' : 'ignore', onLine ? 'pipe' : 'ignore', 'pipe'],
  });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    if (stderr.length < 4000) stderr += c.toString();
  });
  let pending = '';
  child.stdout?.on('data', (c: Buffer) => {
    pending += c.toString();
    for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
      const text = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      try {
        onLine?.(JSON.parse(text) as Record<string, unknown>);
      } catch {
        // not one of ours (a log line): ignored
      }
    }
  });
  child.once('exit', (code, signal) => {
    if (children.has(child) && code !== 0) {
      console.error(`server child exited early (code ${code}, signal ${signal}):\n${stderr}`);
    }
  });
  return child;
}

async function waitUntilUp(child: ChildProcess, port: number, urlPath: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the child process exited with code ${child.exitCode}`);
    try {
      if ((await request(port, 'GET', urlPath)).status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`nothing answered on ${urlPath} within 30 s`);
}

// ---------------------------------------------------------------------------------------------------------
// Reading the server from outside.

/** Resident memory in bytes (`VmRSS`). */
function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** User + system CPU time in ms (`/proc/<pid>/stat` fields 14 and 15, in clock ticks of 1/100 s). */
function cpuMs(pid: number): number {
  const { user, system } = cpuSplit(pid);
  return user + system;
}

/** User and system (kernel: sockets, file writes) CPU time in ms, apart. */
function cpuSplit(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

/** The database's content in bytes as another connection sees it (WAL included): pages in use × page size. */
function databaseBytes(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const pages = db.pragma('page_count', { simple: true }) as number;
    const free = db.pragma('freelist_count', { simple: true }) as number;
    const size = db.pragma('page_size', { simple: true }) as number;
    return (pages - free) * size;
  } finally {
    db.close();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The resident: token, conversation, answers until the verdict.

interface Stats {
  turns: number;
  turnMs: number[];
  polls: number;
  reasks: number;
  verdicts: Map<string, number>;
  errors: string[];
}

const newStats = (): Stats => ({
  turns: 0,
  turnMs: [],
  polls: 0,
  reasks: 0,
  verdicts: new Map(),
  errors: [],
});

interface Conversation {
  id: string;
  token: string;
  watermark: string;
  ask: BotActivity;
}

const activitiesPath = (id: string) => `/v3/directline/conversations/${encodeURIComponent(id)}/activities`;

/**
 * Polls the activities from the watermark until the bot's reply is there: for `replyTo`, an activity answering
 * it with a question or a verdict; for the greeting (`replyTo` undefined), the first question.
 */
async function awaitReply(port: number, c: Conversation, stats: Stats, replyTo?: string) {
  const replies: BotActivity[] = [];
  for (let poll = 0; poll < MAX_POLLS_PER_TURN; poll++) {
    if (poll > 0) await sleep(Math.min(50, 2 * poll));
    stats.polls++;
    const page = (await expectOk(
      request(port, 'GET', `${activitiesPath(c.id)}?watermark=${c.watermark}`, { token: c.token }),
      'GET activities',
    )) as { activities: BotActivity[]; watermark: string };
    c.watermark = page.watermark;
    for (const a of page.activities) {
      if (a.from?.role === 'bot' && a.type === 'message' && a.replyToId === replyTo) replies.push(a);
    }
    const verdict = replies.find((a) => a.channelData?.assessment);
    if (verdict) return { verdict: verdict.channelData!.assessment!, question: undefined };
    const question = replies.findLast((a) => a.channelData?.ask);
    if (question) return { verdict: undefined, question };
  }
  throw new Error(`no reply to ${replyTo ?? 'the greeting'} after ${MAX_POLLS_PER_TURN} polls`);
}

/** Token, `POST /conversations`, and the greeting's first question: an open conversation. */
async function open(port: number, stats: Stats): Promise<Conversation> {
  const { conversationId, token } = (await expectOk(
    request(port, 'POST', '/api/webchat/token'),
    'POST /api/webchat/token',
  )) as { conversationId: string; token: string };
  await expectOk(request(port, 'POST', '/v3/directline/conversations', { token }), 'POST conversations');
  const c: Conversation = { id: conversationId, token, watermark: '0', ask: {} };
  const { question } = await awaitReply(port, c, stats);
  if (!question) throw new Error('the greeting was a verdict');
  c.ask = question;
  return c;
}

/** Answers until the verdict; records every turn (post → reply received). */
async function finish(port: number, c: Conversation, stats: Stats): Promise<void> {
  let previous: string | undefined;
  let repeats = 0;
  for (let turn = 0; turn < MAX_TURNS_PER_CONVERSATION; turn++) {
    const slot = c.ask.channelData!.ask!;
    if (slot === previous) {
      stats.reasks++;
      if (++repeats > 2) throw new Error(`the bot keeps asking ${slot}`);
    } else repeats = 0;
    previous = slot;
    const text = answerFor(slot, c.ask);
    if (text === undefined) throw new Error(`no answer for ${slot}`);
    const t0 = performance.now();
    const posted = (await expectOk(
      request(port, 'POST', activitiesPath(c.id), { token: c.token, body: { type: 'message', text } }),
      'POST activity',
    )) as { id: string };
    const reply = await awaitReply(port, c, stats, posted.id);
    stats.turnMs.push(performance.now() - t0);
    stats.turns++;
    if (reply.verdict) {
      const v = reply.verdict.verdict ?? '?';
      stats.verdicts.set(v, (stats.verdicts.get(v) ?? 0) + 1);
      return;
    }
    c.ask = reply.question!;
  }
  throw new Error(`no verdict after ${MAX_TURNS_PER_CONVERSATION} turns`);
}

/** Runs `work(i)` for i in 0..count-1, `concurrency` at a time; a failure is recorded, the others go on. */
async function pool(
  count: number,
  concurrency: number,
  errors: string[],
  work: (i: number) => Promise<void>,
) {
  let next = 0;
  const deadline = Date.now() + RUN_DEADLINE_MS;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      if (Date.now() > deadline) {
        errors.push(`#${i}: run deadline passed`);
        continue;
      }
      try {
        await work(i);
      } catch (error) {
        errors.push(`#${i}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

// ---------------------------------------------------------------------------------------------------------
// Figures.

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
const ms = (n: number) => (Number.isNaN(n) ? '-' : n < 10 ? `${n.toFixed(2)} ms` : `${n.toFixed(1)} ms`);
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  return rows
    .map((r) =>
      r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('   '),
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------------

/** Memory after a forced GC in the server: what it reports (`process.memoryUsage()`) and its VmRSS. */
interface AfterGc {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** Judged against a target: the figure, the target, and whether it is met. */
interface Check {
  what: string;
  figure: string;
  target: string;
  met: boolean;
}

async function main(): Promise<number> {
  const runStart = performance.now();
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'mag-bench-'));
  const databasePath = path.join(tempDir, 'bench.sqlite');
  const onSqlite = !process.env.DATABASE_URL;
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    MAG_TODAY: TODAY,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    // Every resident comes from 127.0.0.1 here: the per-address bound on new conversations would stop the run.
    CONVERSATIONS_PER_HOUR: '1000000',
    DIRECTLINE_SECRET: '',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
  };
  loadConfig(env); // a wrong value stops here, with the config's own message

  // The server, warmed up with a few whole conversations (not counted).
  const gcWaiters: ((m: AfterGc) => void)[] = [];
  const partsWaiters: ((p: TurnParts) => void)[] = [];
  const nodeArgs = [
    '--expose-gc',
    ...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(CPU_PROF)}`] : []),
    '--import',
    'tsx',
    'scripts/bench-server.ts',
  ];
  const server = start(process.execPath, nodeArgs, env, (message) => {
    const m = message.gc as AfterGc | undefined;
    if (m) gcWaiters.shift()?.(m);
    const p = message.parts as TurnParts | undefined;
    if (p) partsWaiters.shift()?.(p);
  });
  /** Where the server's turns spent their time so far (`scripts/bench-server.ts`). */
  const turnParts = (): Promise<TurnParts> =>
    new Promise<TurnParts>((resolve, reject) => {
      partsWaiters.push(resolve);
      server.stdin!.write('parts\n');
      setTimeout(
        () => reject(new Error('the server did not say where the time went within 10 s')),
        10_000,
      ).unref();
    });
  const pid = server.pid!;
  /** Collects the server's garbage and reads its memory; VmRSS from /proc, the heap from the server. */
  const afterGc = async (): Promise<AfterGc> => {
    const reported = new Promise<AfterGc>((resolve, reject) => {
      gcWaiters.push(resolve);
      setTimeout(() => reject(new Error('the server did not answer SIGUSR2 within 10 s')), 10_000).unref();
    });
    process.kill(pid, 'SIGUSR2');
    await reported;
    // Again after a pause: V8 and malloc give pages back after a collection, not during it.
    await sleep(500);
    const again = new Promise<AfterGc>((resolve, reject) => {
      gcWaiters.push(resolve);
      setTimeout(() => reject(new Error('the server did not answer SIGUSR2 within 10 s')), 10_000).unref();
    });
    process.kill(pid, 'SIGUSR2');
    const m = await again;
    await sleep(50);
    return { rss: rss(pid), heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external };
  };
  await waitUntilUp(server, port, '/healthz');
  const warm = newStats();
  await pool(WARMUP, CONCURRENCY, warm.errors, async () => finish(port, await open(port, warm), warm));
  if (warm.errors.length > 0) throw new Error(`warm-up failed: ${warm.errors[0]}`);
  await sleep(300);
  const rssBefore = rss(pid);
  const dbBefore = onSqlite ? databaseBytes(databasePath) : 0;

  // 1. Throughput: open N conversations (token, start, greeting), then drive every one to its verdict.
  const stats = newStats();
  const open_: Conversation[] = [];
  const openStart = performance.now();
  await pool(CONVERSATIONS, CONCURRENCY, stats.errors, async (i) => {
    open_[i] = await open(port, stats);
  });
  const openSeconds = (performance.now() - openStart) / 1000;
  await sleep(300);
  const dbOpen = onSqlite ? databaseBytes(databasePath) : 0;
  const partsStart = await turnParts();
  const cpuStart = cpuMs(pid);
  const splitStart = cpuSplit(pid);
  const clientCpu = process.cpuUsage();
  const driveStart = performance.now();
  await pool(CONVERSATIONS, CONCURRENCY, stats.errors, async (i) => {
    const c = open_[i];
    if (!c) throw new Error('was never opened');
    await finish(port, c, stats);
  });
  const driveSeconds = (performance.now() - driveStart) / 1000;
  const serverCpu = cpuMs(pid) - cpuStart;
  const serverSystem = cpuSplit(pid).system - splitStart.system;
  const partsEnd = await turnParts();
  const clientCpuMs = (() => {
    const u = process.cpuUsage(clientCpu);
    return (u.user + u.system) / 1000;
  })();
  const rssEnd = rss(pid);
  const dbEnd = onSqlite ? databaseBytes(databasePath) : 0;

  // 2. Open conversations that stay open: memory after a forced GC, before and after. The server keeps the
  // sessions of the last LIVE_SESSIONS conversations between turns (a bounded, constant amount); the ones
  // opened first fill those with open conversations, so both readings hold as many and the difference is
  // what each more open conversation costs.
  const held = newStats();
  const heldOpen: Conversation[] = [];
  await pool(LIVE_SESSIONS, CONCURRENCY, held.errors, async () => void (await open(port, held)));
  const gcBeforeOpen = await afterGc();
  await pool(OPEN, CONCURRENCY, held.errors, async (i) => {
    heldOpen[i] = await open(port, held);
  });
  const gcOpen = await afterGc();
  stats.errors.push(...held.errors);

  // 3. Finished conversations: memory after a forced GC after the first tenth and after all of them.
  const done = newStats();
  const finishedStart = performance.now();
  const progressEvery = Math.max(1000, Math.round(FINISHED / 10));
  let finishedCount = 0;
  const finishSome = (count: number) =>
    pool(count, CONCURRENCY, done.errors, async () => {
      await finish(port, await open(port, done), done);
      if (++finishedCount % progressEvery === 0) {
        const seconds = (performance.now() - finishedStart) / 1000;
        process.stderr.write(
          `  … ${finishedCount}/${FINISHED} finished conversations, ${seconds.toFixed(0)} s\n`,
        );
      }
    });
  await finishSome(FINISHED_FIRST);
  const gcFirst = await afterGc();
  await finishSome(FINISHED - FINISHED_FIRST);
  const gcAll = await afterGc();
  const finishedSeconds = (performance.now() - finishedStart) / 1000;
  stats.errors.push(...done.errors);
  const finishedReached = [...done.verdicts.values()].reduce((a, b) => a + b, 0);
  await stop(server);
  const dbFileAfterClose = onSqlite ? statSync(databasePath).size : 0;

  // 4. A bare Fastify route, same concurrency, as many requests as there were turns (10,000 at least).
  const pingPort = await freePort();
  const pingCode = [
    "import Fastify from 'fastify';",
    'const app = Fastify({ logger: false });',
    "app.get('/ping', async () => ({ ok: true }));",
    "process.once('SIGTERM', () => app.close().then(() => process.exit(0)));",
    `await app.listen({ port: ${pingPort}, host: '127.0.0.1' });`,
  ].join('\n');
  const ping = start(process.execPath, ['--input-type=module', '-e', pingCode], { PATH: process.env.PATH });
  await waitUntilUp(ping, pingPort, '/ping');
  const pingRequests = Math.max(stats.turns, 10_000);
  const pingMs: number[] = [];
  const pingErrors: string[] = [];
  await pool(Math.min(2000, pingRequests), CONCURRENCY, pingErrors, async () => {
    await expectOk(request(pingPort, 'GET', '/ping'), 'warm-up GET /ping');
  });
  const pingRssBefore = rss(ping.pid!);
  const pingCpuStart = cpuMs(ping.pid!);
  const pingClientCpu = process.cpuUsage();
  const pingStart = performance.now();
  await pool(pingRequests, CONCURRENCY, pingErrors, async () => {
    const t0 = performance.now();
    const body = await expectOk(request(pingPort, 'GET', '/ping'), 'GET /ping');
    if ((body as { ok?: unknown })?.ok !== true) throw new Error('GET /ping did not say ok');
    pingMs.push(performance.now() - t0);
  });
  const pingSeconds = (performance.now() - pingStart) / 1000;
  const pingServerCpu = cpuMs(ping.pid!) - pingCpuStart;
  const pingClientCpuMs = (() => {
    const u = process.cpuUsage(pingClientCpu);
    return (u.user + u.system) / 1000;
  })();
  const pingRss = rss(ping.pid!);
  await stop(ping);
  agent.destroy();

  // 5. Report.
  const cpus = os.cpus();
  const turnMs = [...stats.turnMs].sort((a, b) => a - b);
  const finishedTurnMs = [...done.turnMs].sort((a, b) => a - b);
  pingMs.sort((a, b) => a - b);
  const reached = [...stats.verdicts.values()].reduce((a, b) => a + b, 0);
  const verdicts = [...stats.verdicts].map(([v, n]) => `${v} ${n}`).join(', ') || 'none';
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? '?'}, ${mib(os.totalmem())} RAM, node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(
    `storage: ${onSqlite ? 'SQLite (a file in a temporary folder)' : 'DATABASE_URL (passed to the server as set)'}`,
  );
  console.log(
    `load: ${CONVERSATIONS} conversations, ${CONCURRENCY} in flight, loopback HTTP/1.1 keep-alive; server in a child process (pid ${pid}); ${WARMUP} warm-up conversations not counted`,
  );
  console.log(
    `verdicts: ${reached}/${CONVERSATIONS} (${verdicts}); ${stats.turns} turns, ${(stats.turns / Math.max(reached, 1)).toFixed(1)} per conversation; ${stats.polls} activity polls; ${stats.reasks} questions asked again`,
  );
  console.log(
    `opening ${CONVERSATIONS} conversations (token + start + greeting): ${openSeconds.toFixed(2)} s\n`,
  );
  const turnsPerSecond = stats.turns / driveSeconds;
  const pingPerSecond = pingRequests / pingSeconds;
  const cpuPerTurn = serverCpu / Math.max(stats.turns, 1);
  const cpuPerPing = pingServerCpu / pingRequests;
  const row = (label: string, dl: string, bare: string, ratio = '') => [label, dl, bare, ratio];
  console.log(
    table([
      row('', 'Direct Line turn', 'bare GET /ping', 'ratio'),
      row('requests', String(stats.turns), String(pingRequests)),
      row('wall time', `${driveSeconds.toFixed(2)} s`, `${pingSeconds.toFixed(2)} s`),
      row(
        'throughput',
        `${turnsPerSecond.toFixed(0)} turns/s`,
        `${pingPerSecond.toFixed(0)} req/s`,
        (turnsPerSecond / pingPerSecond).toFixed(3),
      ),
      row('latency p50', ms(percentile(turnMs, 0.5)), ms(percentile(pingMs, 0.5))),
      row('latency p95', ms(percentile(turnMs, 0.95)), ms(percentile(pingMs, 0.95))),
      row('latency p99', ms(percentile(turnMs, 0.99)), ms(percentile(pingMs, 0.99))),
      row('latency max', ms(turnMs.at(-1) ?? Number.NaN), ms(pingMs.at(-1) ?? Number.NaN)),
      row('errors', String(stats.errors.length), String(pingErrors.length)),
      row(
        'server CPU per turn | request',
        ms(cpuPerTurn),
        ms(cpuPerPing),
        `${(cpuPerTurn / cpuPerPing).toFixed(1)} ×`,
      ),
      row('  of which kernel (system)', ms(serverSystem / Math.max(stats.turns, 1)), ''),
      row(
        'server CPU / wall',
        `${(serverCpu / 10 / driveSeconds).toFixed(0)} %`,
        `${(pingServerCpu / 10 / pingSeconds).toFixed(0)} %`,
      ),
      row(
        'load generator CPU / wall',
        `${(clientCpuMs / 10 / driveSeconds).toFixed(0)} %`,
        `${(pingClientCpuMs / 10 / pingSeconds).toFixed(0)} %`,
      ),
      row('server RSS at the end', mib(rssEnd), mib(pingRss)),
    ]),
  );
  console.log(
    '\n(a Direct Line turn is a POST of the answer, which returns when the bot has answered, plus a GET of the activities since the watermark: two requests)',
  );
  const perTurn = (msTotal: number) => ms(msTotal / Math.max(stats.turns, 1));
  const dialogMs = partsEnd.dialogMs - partsStart.dialogMs;
  const commitMs = partsEnd.sqliteCommitMs - partsStart.sqliteCommitMs;
  console.log(
    onSqlite
      ? `where a turn's server CPU goes: the dialog ${perTurn(dialogMs)}, the SQLite transaction ${perTurn(commitMs)}, everything else ${perTurn(serverCpu - dialogMs - commitMs)} (two requests through Fastify and Direct Line, the bot around the dialog, reads, GC); ${partsEnd.dialogs - partsStart.dialogs} dialog turns, committed in ${partsEnd.sqliteCommits - partsStart.sqliteCommits} SQLite transactions`
      : `where a turn's server CPU goes: the dialog ${perTurn(dialogMs)}, everything else ${perTurn(serverCpu - dialogMs)} (two requests through Fastify and Direct Line, the bot around the dialog, the PostgreSQL client, GC; the database's own CPU is not the server's)`,
  );
  console.log(
    `\nserver memory (VmRSS, no forced GC): ${mib(rssBefore)} after warm-up, ${mib(rssEnd)} after ${CONVERSATIONS} verdicts, ${kib((rssEnd - rssBefore) / CONVERSATIONS)} per conversation (bare Fastify: ${mib(pingRssBefore)})`,
  );
  const perOpen = (gcOpen.rss - gcBeforeOpen.rss) / OPEN;
  console.log(
    `open conversations (forced GC): ${mib(gcBeforeOpen.rss)} → ${mib(gcOpen.rss)} RSS with ${OPEN} more open, ${kib(perOpen)} RSS and ${kib((gcOpen.heapUsed - gcBeforeOpen.heapUsed) / OPEN)} heap per conversation`,
  );
  const flat = (gcAll.rss - gcFirst.rss) / gcFirst.rss;
  const heapFlat = (gcAll.heapUsed - gcFirst.heapUsed) / gcFirst.heapUsed;
  const later = Math.max(1, FINISHED - FINISHED_FIRST);
  console.log(
    `finished conversations (forced GC): after ${FINISHED_FIRST} ${mib(gcFirst.rss)} RSS, ${mib(gcFirst.heapUsed)} heap; after ${FINISHED} ${mib(gcAll.rss)} RSS, ${mib(gcAll.heapUsed)} heap; ${kib((gcAll.rss - gcFirst.rss) / later)} RSS, ${kib((gcAll.heapUsed - gcFirst.heapUsed) / later)} heap used, ${kib((gcAll.heapTotal - gcFirst.heapTotal) / later)} heap committed, ${kib((gcAll.external - gcFirst.external) / later)} external per conversation in between`,
  );
  console.log(
    `  ${FINISHED} conversations, ${done.turns} turns in ${finishedSeconds.toFixed(1)} s (${(done.turns / finishedSeconds).toFixed(0)} turns/s), latency p50 ${ms(percentile(finishedTurnMs, 0.5))}, p99 ${ms(percentile(finishedTurnMs, 0.99))}; verdicts ${finishedReached}/${FINISHED}`,
  );
  if (onSqlite) {
    console.log(
      `database (pages in use): ${kib((dbOpen - dbBefore) / CONVERSATIONS)} per open conversation, ${kib((dbEnd - dbBefore) / CONVERSATIONS)} per conversation at its verdict; file after shutdown ${mib(dbFileAfterClose)} for ${CONVERSATIONS + WARMUP + LIVE_SESSIONS + OPEN + FINISHED} conversations`,
    );
  }

  const checks: Check[] = [
    {
      what: `server CPU per turn${onSqlite ? ' (SQLite)' : ''}`,
      figure: ms(cpuPerTurn),
      target: `≤ ${TARGETS.cpuPerTurnMs} ms`,
      met: cpuPerTurn <= TARGETS.cpuPerTurnMs,
    },
    {
      what: 'turns/s ÷ bare Fastify req/s',
      figure: (turnsPerSecond / pingPerSecond).toFixed(3),
      target: `≥ ${TARGETS.ratioToBare}`,
      met: turnsPerSecond / pingPerSecond >= TARGETS.ratioToBare,
    },
    {
      what: `turn latency p99, ${CONCURRENCY} in flight`,
      figure: ms(percentile(turnMs, 0.99)),
      target: `≤ ${TARGETS.p99Ms} ms`,
      met: percentile(turnMs, 0.99) <= TARGETS.p99Ms,
    },
    {
      what: 'RSS per open conversation (forced GC)',
      figure: kib(perOpen),
      target: `≤ ${TARGETS.rssPerOpenKiB} KiB`,
      met: perOpen <= TARGETS.rssPerOpenKiB * 1024,
    },
    {
      // Growth is what would be held per conversation; less RSS later is what was not given back earlier.
      what: `RSS after ${FINISHED} vs ${FINISHED_FIRST} finished (forced GC)`,
      figure: `${flat >= 0 ? '+' : ''}${(flat * 100).toFixed(1)} %`,
      target: `≤ +${TARGETS.flatPercent} %`,
      met: flat * 100 <= TARGETS.flatPercent,
    },
    {
      what: `heap used after ${FINISHED} vs ${FINISHED_FIRST} finished (forced GC)`,
      figure: `${heapFlat >= 0 ? '+' : ''}${(heapFlat * 100).toFixed(1)} %`,
      target: `≤ +${TARGETS.flatPercent} %`,
      met: heapFlat * 100 <= TARGETS.flatPercent,
    },
  ];
  console.log(
    `\n${table([
      ['target', 'this run', 'target', ''],
      ...checks.map((c) => [c.what, c.figure, c.target, c.met ? 'pass' : 'FAIL']),
    ])}`,
  );
  console.log(`\nrun took ${((performance.now() - runStart) / 1000).toFixed(1)} s`);

  const failures = [...stats.errors, ...pingErrors];
  if (failures.length > 0 || reached !== CONVERSATIONS || finishedReached !== FINISHED) {
    console.error(
      `\nFAILED: ${CONVERSATIONS - reached + FINISHED - finishedReached} conversation(s) without a verdict, ${failures.length} error(s)`,
    );
    for (const e of failures.slice(0, 10)) console.error(`  ${e}`);
    return 1;
  }
  if (STRICT && checks.some((c) => !c.met)) {
    console.error('\nFAILED (BENCH_STRICT=1): a target was missed');
    return 1;
  }
  return 0;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  console.error(error);
} finally {
  for (const child of [...children]) await stop(child);
  cleanupNow();
}
process.exit(code);
