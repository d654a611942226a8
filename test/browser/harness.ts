import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { buildApp } from '../../bot/app.js';
import { loadConfig } from '../../bot/config.js';
import { backendEnv } from '../helpers/backends.js';

/**
 * The few browser globals the callbacks run in the page use. The project compiles without the DOM library
 * (server code must not reach for `window`), so page-side code reads them through this type.
 */
interface BrowserElement {
  id: string;
  tagName: string;
  textContent: string | null;
  parentElement: BrowserElement | null;
  getAttribute(name: string): string | null;
}
interface BrowserStyle {
  outlineStyle: string;
  outlineWidth: string;
  outlineColor: string;
  boxShadow: string;
}
interface BrowserGlobals {
  document: {
    activeElement: BrowserElement | null;
    body: BrowserElement;
    documentElement: { scrollWidth: number };
  };
  localStorage: { getItem(key: string): string | null };
  getComputedStyle(element: BrowserElement): BrowserStyle;
  axe?: { run(context: unknown, options: unknown): Promise<{ passes: unknown[]; violations: AxeResult[] }> };
}
interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary?: string }[];
}

/**
 * The whole server on a random local port with its own SQLite file, and one headless Chromium (Debian's,
 * never a downloaded one). One per test file: `beforeAll(start)`, `afterAll(close)`.
 */
export interface Harness {
  app: FastifyInstance;
  browser: Browser;
  baseUrl: string;
  databasePath: string;
  /** A fresh browser profile (its own localStorage); CSP is bypassed only so axe can be injected. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  close(): Promise<void>;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium, never a downloaded one, with the flags that keep it quiet and offline here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** Browser tests wait on a real server and a real browser: generous, but still bounded. */
export const BROWSER_TEST_TIMEOUT = 60_000;

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'mag-browser-'));
  const databasePath = join(dir, 'mag.sqlite');
  let app: FastifyInstance | undefined;
  let browser: Browser;
  try {
    app = await buildApp(
      loadConfig({
        DATABASE_PATH: databasePath,
        ...backendEnv(databasePath),
        MAG_TODAY: '2026-11-23',
        LOG_LEVEL: 'silent',
      }),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  } catch (error) {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const { port } = app.server.address() as AddressInfo;
  const launched = browser;
  const server = app;
  return {
    app: server,
    browser: launched,
    baseUrl: `http://127.0.0.1:${port}`,
    databasePath,
    newContext: (options = {}) =>
      launched.newContext({
        baseURL: `http://127.0.0.1:${port}`,
        viewport: { width: 1280, height: 900 },
        bypassCSP: true,
        ...options,
      }),
    async close() {
      await launched.close().catch(() => undefined);
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Bot activities (everything not sent by the user) in the transcript, counted in the page. */
const BOT_ACTIVITIES = `.webchat__basic-transcript__activity:not(:has(.webchat__stacked-layout--from-user))`;

/** An activity as Direct Line delivers it to the page, reduced to what the tests read. */
export interface ReceivedActivity {
  id: string;
  type: string;
  text?: string;
  from: { role?: string };
  conversation: { id: string };
  suggestedActions?: { actions: { title: string; value: unknown }[] };
  attachments?: unknown[];
  channelData?: {
    ask?: string;
    slots?: string[];
    assessment?: {
      verdict?: string;
      checklist?: { id: string; label: string; required: boolean }[];
    };
  };
}

/**
 * What a resident sees and does in the chat. The test finds controls by role and visible name; it knows
 * which question is asked from `channelData.ask` (the slot, the contract in channels.md) of the activities
 * the page receives over its WebSocket, so a reworded question does not break the walk.
 */
export class Chat {
  /** Every activity the page received, in order, each once (a reload replays them). */
  readonly received: ReceivedActivity[] = [];
  private readonly seen = new Set<string>();

  constructor(readonly page: Page) {
    page.on('websocket', (socket) => {
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string' || payload === '') return;
        const { activities = [] } = JSON.parse(payload) as { activities?: ReceivedActivity[] };
        for (const activity of activities) {
          if (this.seen.has(activity.id)) continue;
          this.seen.add(activity.id);
          this.received.push(activity);
        }
      });
    });
  }

  get sendBox(): Locator {
    return this.page.getByRole('textbox', { name: /berichtinvoer|message input/i });
  }

  get suggestedActions(): Locator {
    return this.page.getByRole('toolbar', { name: /voorgestelde acties|suggested actions/i });
  }

  /** The Adaptive Card of the last question with one. */
  get card(): Locator {
    return this.page.locator('.ac-adaptiveCard').last();
  }

  get restartButton(): Locator {
    return this.page.locator('#restart');
  }

  botMessages(): Locator {
    return this.page.locator(BOT_ACTIVITIES);
  }

  /** The bot's messages of the conversation the page shows now. */
  botActivities(): ReceivedActivity[] {
    const current = this.received.at(-1)?.conversation.id;
    return this.received.filter(
      (a) => a.conversation.id === current && a.type === 'message' && a.from.role !== 'user',
    );
  }

  /** The slot of the question the bot asked last. */
  lastAsk(): string | undefined {
    return this.botActivities().findLast((a) => a.channelData?.ask)?.channelData?.ask;
  }

  /** Opens the page and waits for the first question (or `ask`) to be shown. */
  async open(path = '/', ask = 'applicant.kind'): Promise<void> {
    await this.page.goto(path);
    await this.waitForAsk(ask);
  }

  /**
   * Waits until the bot has asked a question (`ask`, or any) in a message after the first `after` of this
   * conversation's bot messages, and the transcript shows all of them (so the buttons and card on screen
   * belong to that question).
   */
  async waitForAsk(ask?: string, after = 0): Promise<void> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const bot = this.botActivities();
      const last = bot.at(-1);
      const asked =
        bot.length > after && !!last?.channelData?.ask && (ask === undefined || last.channelData.ask === ask);
      if (asked && (await this.botMessages().count()) >= bot.length) return;
      if (Date.now() > deadline) {
        throw new Error(
          `The bot did not ask ${ask ?? 'a question'}; it last said (${last?.channelData?.ask}): ${last?.text}`,
        );
      }
      await this.page.waitForTimeout(50);
    }
  }

  /** Does something, then waits for the bot's next question (`next`, or any). */
  async step(act: () => Promise<unknown>, next?: string): Promise<void> {
    const before = this.botActivities().length;
    await act();
    await this.waitForAsk(next, before);
  }

  /** Types an answer in the send box and presses Enter. */
  type(text: string, next?: string): Promise<void> {
    return this.step(async () => {
      await this.sendBox.fill(text);
      await this.sendBox.press('Enter');
    }, next);
  }

  /** Clicks one of the suggested actions under the last question. */
  choose(title: string, next?: string): Promise<void> {
    return this.step(
      () => this.suggestedActions.getByRole('button', { name: title, exact: true }).click(),
      next,
    );
  }

  /** Presses one of the buttons of the last card (without ticking anything). */
  press(title: string, next?: string): Promise<void> {
    return this.step(() => this.card.getByRole('button', { name: title, exact: true }).click(), next);
  }

  /**
   * The checkbox of the last card labelled `label`. By its label, not its accessible name: Adaptive Cards
   * names the first box of a set after the set's label too ("Kies een antwoord <title>").
   */
  checkbox(label: string): Locator {
    return this.card.getByRole('checkbox').and(this.card.getByLabel(label, { exact: true }));
  }

  /** Ticks checkboxes on the last card, then presses its submit button. */
  tick(labels: string[], submit: string, next?: string): Promise<void> {
    return this.step(async () => {
      for (const label of labels) await this.checkbox(label).check();
      await this.card.getByRole('button', { name: submit, exact: true }).click();
    }, next);
  }

  /** The conversation this browser keeps (page.js stores it in localStorage). */
  saved(): Promise<{ conversationId: string; resume: string; lang: string } | null> {
    return this.page.evaluate(() => {
      const { localStorage } = globalThis as unknown as BrowserGlobals;
      return JSON.parse(localStorage.getItem('mag-webchat') ?? 'null');
    });
  }

  /** Waits until the page keeps another conversation than `oldId` (after "start again"). */
  async waitForNewConversation(oldId: string | undefined): Promise<void> {
    await this.page.waitForFunction((oldId) => {
      const { localStorage } = globalThis as unknown as BrowserGlobals;
      return JSON.parse(localStorage.getItem('mag-webchat') ?? 'null')?.conversationId !== oldId;
    }, oldId);
  }

  /** The visible texts of all bubbles (messages and cards) in the transcript, in order. */
  transcript(): Promise<string[]> {
    return this.page
      .locator('.webchat__basic-transcript__activity .webchat__bubble__content')
      .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));
  }

  /** What the resident's own messages show, in order. */
  userMessages(): Promise<string[]> {
    return this.page
      .locator('.webchat__stacked-layout--from-user .webchat__bubble__content')
      .evaluateAll((nodes) => nodes.map((n) => (n.textContent ?? '').replace(/\s+/g, ' ').trim()));
  }
}

export const AXE_PATH = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');

export type AxeViolation = AxeResult;

/** axe-core against WCAG 2.0/2.1 A and AA; returns the violations, readable in a failed assertion. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => (globalThis as unknown as BrowserGlobals).axe !== undefined);
  if (!loaded) await page.addScriptTag({ path: AXE_PATH });
  const { passes, violations } = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as BrowserGlobals;
    const result = await axe!.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return { passes: result.passes.length, violations: result.violations };
  });
  // axe really looked: a page it could not read would pass nothing and report no violation either.
  if (passes <= 5) throw new Error(`axe passed only ${passes} checks: the page was not really examined`);
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({
      target: n.target,
      html: String(n.html).slice(0, 300),
      failureSummary: n.failureSummary,
    })),
  }));
}

/** Whether `locator` has the keyboard focus. */
export function isFocused(locator: Locator): Promise<boolean> {
  return locator
    .evaluate((e) => e === (globalThis as unknown as BrowserGlobals).document.activeElement)
    .catch(() => false);
}

/** The id (or tag name) of the focused element. */
export function focusedId(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const { activeElement } = (globalThis as unknown as BrowserGlobals).document;
    return activeElement?.id || activeElement?.tagName;
  });
}

/** How wide the page is: more than the viewport means horizontal scrolling. */
export function pageScrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as BrowserGlobals).document.documentElement.scrollWidth);
}

/**
 * Whether the focused element shows focus: an outline (at least 2px) or a box-shadow on it, or an outline on
 * the control around it (the send box draws it on its frame, with `:focus-within`, up to three levels up).
 */
export function focusIndicator(page: Page): Promise<{ element: string; visible: boolean; how: string }> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
    const el = document.activeElement;
    if (!el || el === document.body) return { element: 'body', visible: false, how: 'nothing focused' };
    const label = el.getAttribute('aria-label');
    const text = (el.textContent ?? '').trim().slice(0, 40);
    const element = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${label ? `[${label}]` : ''} "${text}"`;
    const outlined = (style: BrowserStyle) =>
      style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) >= 2;
    const style = getComputedStyle(el);
    if (outlined(style)) {
      return { element, visible: true, how: `outline ${style.outlineWidth} ${style.outlineColor}` };
    }
    if (style.boxShadow && style.boxShadow !== 'none') {
      return { element, visible: true, how: `box-shadow ${style.boxShadow}` };
    }
    let around = el.parentElement;
    for (let level = 1; around && level <= 3; level++, around = around.parentElement) {
      const s = getComputedStyle(around);
      if (outlined(s))
        return { element, visible: true, how: `outline ${s.outlineWidth} on its ${around.tagName}` };
    }
    return {
      element,
      visible: false,
      how: `outline ${style.outlineStyle} ${style.outlineWidth}, no box-shadow`,
    };
  });
}
