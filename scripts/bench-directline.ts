/**
 * `npm run bench`: load on the real server, over Direct Line 3.0 on loopback.
 *
 * The server (`bot/server.ts`) runs in a child process, so its CPU time and memory are its own and are read
 * from outside (`/proc/<pid>`). `BENCH_CONVERSATIONS` residents (default 200), `BENCH_CONCURRENCY` at a time
 * (default 50), each go from a token to a verdict: post an answer, poll the activities with the watermark until
 * the bot's reply to it is there, answer whatever `channelData.ask` asks. Then a bare Fastify `GET /ping`, in a
 * second child process, takes as many requests at the same concurrency, to show what the framework alone costs
 * on this machine. Exits non-zero when a conversation does not reach its verdict.
 */

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { loadConfig } from '../bot/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const positive = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number`);
  return n;
};
const CONVERSATIONS = positive('BENCH_CONVERSATIONS', 200);
const CONCURRENCY = positive('BENCH_CONCURRENCY', 50);
const WARMUP = Math.min(10, CONVERSATIONS);
const TODAY = '2026-11-23';
/** Bounds: no loop in this file runs unbounded, and the whole run gives up after this long. */
const MAX_TURNS_PER_CONVERSATION = 80;
const MAX_POLLS_PER_TURN = 200;
const REQUEST_TIMEOUT_MS = 30_000;
const RUN_DEADLINE_MS = positive('BENCH_DEADLINE_SECONDS', 600) * 1000;

/** The answers of an organisation whose initiative is eligible (`applicant.kind` … `history.*`). */
const ANSWERS: Record<string, string> = {
  'applicant.kind': 'organisatie',
  'help.idea': 'Buurtfeest voor jong en oud',
  'initiative.inMunicipality': 'ja',
  'initiative.startDate': '1-6-2027',
  'initiative.alreadyStarted': 'nee',
  'initiative.themes': 'verbinding',
  'initiative.kaders': 'dichtbij',
  'initiative.type': 'eenmalig',
  'initiative.isActivity': 'ja',
  'money.requested': '1250',
  'initiative.endDate': '1-6-2027',
  'money.totalCosts': '2000',
  'money.thirdPartyContributions': '0',
  'initiative.expectedParticipants': '80',
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

function start(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => {
    if (stderr.length < 4000) stderr += c.toString();
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

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

const commandLine = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
};

/**
 * `tsx` runs the script in a node child of its own: the server is the deepest descendant of what we spawned
 * that runs `bot/server.ts` (not esbuild's service process, say).
 */
function serverPid(spawned: number): number {
  let pid = spawned;
  for (let depth = 0; depth < 5; depth++) {
    const next = readdirSync('/proc')
      .filter((e) => /^\d+$/.test(e))
      .map(Number)
      .find((p) => parentOf(p) === pid && commandLine(p).includes('bot/server.ts'));
    if (next === undefined) break;
    pid = next;
  }
  return pid;
}

/** Resident memory in bytes (`VmRSS`). */
function rss(pid: number): number {
  const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) * 1024;
}

/** User + system CPU time in ms (`/proc/<pid>/stat` fields 14 and 15, in clock ticks of 1/100 s). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
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

async function main(): Promise<number> {
  const runStart = performance.now();
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'mag-bench-'));
  const databasePath = path.join(tempDir, 'bench.sqlite');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_PATH: databasePath,
    MAG_TODAY: TODAY,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000',
    DIRECTLINE_SECRET: '',
    MicrosoftAppId: '',
    MicrosoftAppPassword: '',
  };
  loadConfig(env); // a wrong value stops here, with the config's own message

  // 1. The server, warmed up with a few whole conversations (not counted).
  const server = start(path.join(ROOT, 'node_modules/.bin/tsx'), ['bot/server.ts'], env);
  await waitUntilUp(server, port, '/healthz');
  const pid = serverPid(server.pid!);
  const warm = newStats();
  await pool(WARMUP, CONCURRENCY, warm.errors, async () => finish(port, await open(port, warm), warm));
  if (warm.errors.length > 0) throw new Error(`warm-up failed: ${warm.errors[0]}`);
  await sleep(300);
  const rssBefore = rss(pid);
  const dbBefore = databaseBytes(databasePath);

  // 2. Open N conversations (token, start, greeting) and keep them open.
  const stats = newStats();
  const open_: Conversation[] = [];
  const openStart = performance.now();
  await pool(CONVERSATIONS, CONCURRENCY, stats.errors, async (i) => {
    open_[i] = await open(port, stats);
  });
  const openSeconds = (performance.now() - openStart) / 1000;
  await sleep(300);
  const rssOpen = rss(pid);
  const dbOpen = databaseBytes(databasePath);

  // 3. Drive every open conversation to its verdict.
  const cpuStart = cpuMs(pid);
  const clientCpu = process.cpuUsage();
  const driveStart = performance.now();
  await pool(CONVERSATIONS, CONCURRENCY, stats.errors, async (i) => {
    const c = open_[i];
    if (!c) throw new Error('was never opened');
    await finish(port, c, stats);
  });
  const driveSeconds = (performance.now() - driveStart) / 1000;
  const serverCpu = cpuMs(pid) - cpuStart;
  const clientCpuMs = (() => {
    const u = process.cpuUsage(clientCpu);
    return (u.user + u.system) / 1000;
  })();
  const rssEnd = rss(pid);
  const dbEnd = databaseBytes(databasePath);
  await stop(server);
  const dbFileAfterClose = statSync(databasePath).size;

  // 4. A bare Fastify route, same concurrency, as many requests as there were turns.
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
  const pingRequests = Math.max(stats.turns, 1);
  const pingMs: number[] = [];
  const pingErrors: string[] = [];
  await pool(Math.min(1000, pingRequests), CONCURRENCY, pingErrors, async () => {
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
  pingMs.sort((a, b) => a - b);
  const reached = [...stats.verdicts.values()].reduce((a, b) => a + b, 0);
  const verdicts = [...stats.verdicts].map(([v, n]) => `${v} ${n}`).join(', ') || 'none';
  console.log(
    `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? '?'}, ${mib(os.totalmem())} RAM, node ${process.version}, ${os.platform()} ${os.release()}`,
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
  const row = (label: string, dl: string, bare: string) => [label, dl, bare];
  console.log(
    table([
      row('', 'Direct Line turn', 'bare GET /ping'),
      row('requests', String(stats.turns), String(pingRequests)),
      row('wall time', `${driveSeconds.toFixed(2)} s`, `${pingSeconds.toFixed(2)} s`),
      row(
        'throughput',
        `${(stats.turns / driveSeconds).toFixed(0)} turns/s`,
        `${(pingRequests / pingSeconds).toFixed(0)} req/s`,
      ),
      row('latency p50', ms(percentile(turnMs, 0.5)), ms(percentile(pingMs, 0.5))),
      row('latency p95', ms(percentile(turnMs, 0.95)), ms(percentile(pingMs, 0.95))),
      row('latency p99', ms(percentile(turnMs, 0.99)), ms(percentile(pingMs, 0.99))),
      row('latency max', ms(turnMs.at(-1) ?? Number.NaN), ms(pingMs.at(-1) ?? Number.NaN)),
      row('errors', String(stats.errors.length), String(pingErrors.length)),
      row(
        'server CPU per turn | request',
        ms(serverCpu / Math.max(stats.turns, 1)),
        ms(pingServerCpu / pingRequests),
      ),
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
  console.log(
    `\nserver memory (VmRSS, no forced GC): ${mib(rssBefore)} after warm-up, ${mib(rssOpen)} with ${CONVERSATIONS} conversations open, ${mib(rssEnd)} after their verdicts (bare Fastify: ${mib(pingRssBefore)})`,
  );
  console.log(
    `per open conversation: ${kib((rssOpen - rssBefore) / CONVERSATIONS)} RSS; after the verdict ${kib((rssEnd - rssBefore) / CONVERSATIONS)} RSS`,
  );
  console.log(
    `database (pages in use): ${kib((dbOpen - dbBefore) / CONVERSATIONS)} per open conversation, ${kib((dbEnd - dbBefore) / CONVERSATIONS)} per conversation at its verdict; file after shutdown ${mib(dbFileAfterClose)} for ${CONVERSATIONS + WARMUP} conversations`,
  );
  console.log(`run took ${((performance.now() - runStart) / 1000).toFixed(1)} s`);

  const failures = [...stats.errors, ...pingErrors];
  if (failures.length > 0 || reached !== CONVERSATIONS) {
    console.error(
      `\nFAILED: ${CONVERSATIONS - reached} conversation(s) without a verdict, ${failures.length} error(s)`,
    );
    for (const e of failures.slice(0, 10)) console.error(`  ${e}`);
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
