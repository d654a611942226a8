import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations, launchChromium } from '../browser/harness.js';
import { sampleCallback, seedCallbacks, XSS_QUESTION } from './callback-fixtures.js';
import type { TestServer } from './helpers.js';
import { PASSWORD, startServer, USER, XSS_DESCRIPTION } from './helpers.js';

const TIMEOUT = 60_000;

/** The few browser globals the page functions read: the project compiles without the DOM library. */
interface BrowserGlobals {
  document: {
    documentElement: { scrollWidth: number; clientWidth: number };
    activeElement: { id: string; textContent: string | null; tagName: string } | null;
  };
  getComputedStyle(element: unknown): { outlineStyle: string };
}

let server: TestServer;
let browser: Browser;
let base = '';
beforeAll(async () => {
  server = await startServer();
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(server.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, TIMEOUT);
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close();
});

let context: BrowserContext;
let page: Page;
let dialogs: string[];
beforeEach(async () => {
  // CSP is bypassed only so axe can be injected: the pages themselves run no script at all.
  context = await browser.newContext({
    baseURL: base,
    viewport: { width: 1280, height: 900 },
    bypassCSP: true,
  });
  page = await context.newPage();
  dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});
afterEach(async () => {
  await context?.close();
});

async function logIn(p: Page) {
  await p.goto('/consulent');
  await p.getByLabel('Gebruikersnaam').fill(USER);
  await p.getByLabel('Wachtwoord').fill(PASSWORD);
  await p.getByRole('button', { name: 'Inloggen' }).click();
  await p.waitForURL(`${base}/consulent`);
}

/** True when the page itself scrolls sideways (a table's own container may). */
const pageScrollsSideways = (p: Page) =>
  p.evaluate(() => {
    const { documentElement } = (globalThis as unknown as BrowserGlobals).document;
    return documentElement.scrollWidth > documentElement.clientWidth;
  });

describe('the consulent in a real browser', () => {
  it(
    'is refused without logging in',
    async () => {
      await page.goto(`/consulent/drafts/${server.drafts[0]!.id}`);
      expect(page.url()).toMatch(/\/consulent\/login\?next=/);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Inloggen op de MAG-inbox');
      expect(await page.content()).not.toContain('Marieke de Vries');
      const api = await page.request.get('/api/drafts');
      expect(api.status()).toBe(401);
      const csv = await page.request.get('/consulent/export.csv', { maxRedirects: 0 });
      expect(csv.status()).toBe(303);
    },
    TIMEOUT,
  );

  it(
    'says a wrong password in one generic message',
    async () => {
      await page.goto('/consulent/login');
      await page.getByLabel('Gebruikersnaam').fill(USER);
      await page.getByLabel('Wachtwoord').fill('niet het wachtwoord');
      await page.getByRole('button', { name: 'Inloggen' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        'De gebruikersnaam of het wachtwoord klopt niet.',
      );
      expect(await axeViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'logs in, finds the draft, opens it, changes its status and exports the list',
    async () => {
      await page.goto('/consulent/login');
      expect(await axeViolations(page)).toEqual([]);
      await logIn(page);
      expect(await axeViolations(page)).toEqual([]);

      // Find the sports club among the drafts: filter on type, then open it by its reference.
      await page.getByLabel('Soort subsidie').selectOption('sport');
      await page.getByRole('button', { name: 'Filter toepassen' }).click();
      await page.waitForURL(/type=sport/);
      const table = page.getByRole('table', { name: 'Aanvragen, nieuwste eerst' });
      expect(await table.getByRole('row').count()).toBe(2);
      const row = table.getByRole('row').nth(1);
      expect(await row.textContent()).toMatch(/Sportvereniging HGV.*€\s1\.250,50.*Komt in aanmerking/s);
      await row.getByRole('link', { name: 'MAG-2026-000003' }).click();
      await page.waitForURL(`${base}/consulent/drafts/${server.drafts[2]!.id}`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Aanvraag MAG-2026-000003');
      expect(await axeViolations(page)).toEqual([]);

      // Change the status: the history says who and when.
      await page.getByLabel('Nieuwe status').selectOption('in-behandeling');
      await page.getByRole('button', { name: 'Status opslaan' }).click();
      await page.waitForURL(/melding=status-gewijzigd/);
      expect(await page.getByRole('status').textContent()).toContain(
        'De status is gewijzigd in: In behandeling.',
      );
      const history = page.getByRole('table', { name: 'Wie de status wanneer veranderde' });
      const latest = await history.getByRole('row').nth(1).textContent();
      expect(latest).toMatch(new RegExp(`In behandeling\\s*${USER}\\s*\\d{1,2} \\w+ 2\\d{3}, \\d{2}:\\d{2}`));

      // Back to the inbox: export what it shows now.
      await page.getByRole('link', { name: 'Terug naar alle aanvragen' }).click();
      await page.getByLabel('Status', { exact: true }).selectOption('in-behandeling');
      await page.getByRole('button', { name: 'Filter toepassen' }).click();
      await page.waitForURL(/status=in-behandeling/);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Deze lijst downloaden (CSV)' }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^mag-aanvragen-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = readFileSync((await download.path())!, 'utf8');
      expect(csv.startsWith('\uFEFFReferentie;Ontvangen;Initiatief;Aanvrager;')).toBe(true);
      const lines = csv.split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toMatch(
        /^MAG-2026-000003;20-11-2026 12:00;[^;]+;Sportvereniging HGV \(Kees Smit\);.*;1250,50;.*;In behandeling;.*$/,
      );
    },
    TIMEOUT,
  );

  it(
    "shows a resident's <script> as text and runs nothing",
    async () => {
      await logIn(page);
      expect(await page.getByText('Piet <b>Puk</b>', { exact: false }).count()).toBeGreaterThan(0);
      await page.goto(`/consulent/drafts/${server.drafts[3]!.id}`);
      const description = page.getByText(XSS_DESCRIPTION, { exact: true }).first();
      expect(await description.isVisible()).toBe(true);
      expect(await page.getByText('<img src=x onerror=alert(2)>').first().isVisible()).toBe(true);
      expect(await page.locator('script, img').count()).toBe(0);
      // Give a would-be handler a moment to fire.
      await page.waitForTimeout(300);
      expect(dialogs).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'can be used with the keyboard, with a visible focus',
    async () => {
      await page.goto('/consulent/login');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Direct naar de inhoud' });
      expect(
        await skip.evaluate((el) => el === (globalThis as unknown as BrowserGlobals).document.activeElement),
      ).toBe(true);
      expect(await skip.isVisible()).toBe(true);
      // Every stop on the way to the name field shows the focus ring.
      const stops: string[] = [];
      for (let i = 0; i < 5; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const { document, getComputedStyle } = globalThis as unknown as BrowserGlobals;
          const el = document.activeElement!;
          return {
            name: el.id || el.textContent?.trim() || el.tagName,
            outline: getComputedStyle(el).outlineStyle,
          };
        });
        expect(focused.outline, focused.name).not.toBe('none');
        stops.push(focused.name);
        if (focused.name === 'name') break;
      }
      expect(stops).toEqual(['MAG-inbox', 'name']);
      await page.keyboard.type(USER);
      await page.keyboard.press('Tab');
      await page.keyboard.type(PASSWORD);
      await page.keyboard.press('Enter');
      await page.waitForURL(`${base}/consulent`);
      // The table's scroll container takes focus, so it can be scrolled without a mouse.
      expect(
        await page.getByRole('region', { name: 'Aanvragen, nieuwste eerst' }).getAttribute('tabindex'),
      ).toBe('0');
    },
    TIMEOUT,
  );

  it(
    'fits 320 px: only the table scrolls sideways, inside its own container',
    async () => {
      await page.setViewportSize({ width: 320, height: 800 });
      await page.goto('/consulent/login');
      expect(await pageScrollsSideways(page)).toBe(false);
      await logIn(page);
      expect(await pageScrollsSideways(page)).toBe(false);
      const scroller = page.locator('.table-scroll').first();
      expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
      for (const draft of server.drafts) {
        await page.goto(`/consulent/drafts/${draft.id}`);
        expect(await pageScrollsSideways(page), draft.reference).toBe(false);
      }
      expect(await axeViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'the budget page: reached from the navigation, without axe violations, saves a change, fits 320 px',
    async () => {
      await logIn(page);
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Budget per jaar' })
        .click();
      await page.waitForURL(`${base}/consulent/budget`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Budget per jaar');
      expect(await page.getByRole('table', { name: 'Budget 2027 per begrotingspost' }).count()).toBe(1);
      expect(await axeViolations(page)).toEqual([]);

      // A figure that is no amount: announced, and tied to its field.
      const sport2027 = page.getByRole('group', { name: 'Sport en bewegen, 2027' });
      await sport2027.getByLabel('Resteert in euro').fill('duizend');
      await sport2027.getByRole('button', { name: 'Sport en bewegen 2027 opslaan' }).click();
      await expect(page.getByRole('alert').textContent()).resolves.toContain(
        'De cijfers zijn niet opgeslagen',
      );
      const field = page
        .getByRole('group', { name: 'Sport en bewegen, 2027' })
        .getByLabel('Resteert in euro');
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await axeViolations(page)).toEqual([]);

      await field.fill('1.000');
      await page
        .getByRole('group', { name: 'Sport en bewegen, 2027' })
        .getByRole('button', { name: 'Sport en bewegen 2027 opslaan' })
        .click();
      await page.waitForURL(/melding=opgeslagen/);
      expect(await page.getByRole('status').textContent()).toContain(
        'De cijfers van sport en bewegen voor 2027 zijn opgeslagen.',
      );
      const history = page.getByRole('table', {
        name: 'Wie de budgetcijfers wanneer veranderde, nieuwste eerst',
      });
      expect(await history.getByRole('row').nth(1).textContent()).toMatch(
        new RegExp(`2027\\s*Sport en bewegen\\s*Resteert: standaard → €\\s1\\.000,00\\s*${USER}`),
      );
      expect(await axeViolations(page)).toEqual([]);

      await page.setViewportSize({ width: 320, height: 800 });
      await page.reload();
      expect(await pageScrollsSideways(page)).toBe(false);
      expect(await axeViolations(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'asks before deleting, then deletes',
    async () => {
      await logIn(page);
      await page.goto(`/consulent/drafts/${server.drafts[5]!.id}`);
      await page.getByRole('link', { name: 'Aanvraag verwijderen' }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        'Aanvraag MAG-2026-000006 verwijderen?',
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Ja, definitief verwijderen' }).click();
      await page.waitForURL(/verwijderd=MAG-2026-000006/);
      expect(await page.getByRole('status').textContent()).toContain(
        'Aanvraag MAG-2026-000006 is verwijderd.',
      );
      expect(await page.getByRole('link', { name: 'MAG-2026-000006' }).count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'the callback requests: reached from the navigation, list, request, status and delete without axe violations, 320 px',
    async () => {
      const [phone, mail] = await seedCallbacks(server.databasePath, [
        sampleCallback(),
        sampleCallback({
          caller: 'buurtwerk',
          contact: { kind: 'email', value: 'emma@example.com' },
          question: XSS_QUESTION,
          lang: 'en',
          channel: 'teams',
          questionCut: true,
        }),
      ]);
      await logIn(page);
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Terugbelverzoeken' })
        .click();
      await page.waitForURL(`${base}/consulent/terugbelverzoeken`);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Terugbelverzoeken');
      expect(dialogs).toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      // Filter on who calls, then open the request by its reference.
      await page.getByLabel('Wie neemt contact op').selectOption('buurtwerk');
      await page.getByRole('button', { name: 'Filter toepassen' }).click();
      await page.waitForURL(/caller=buurtwerk/);
      const table = page.getByRole('table', { name: 'Terugbelverzoeken, nieuwste eerst' });
      expect(await table.getByRole('row').count()).toBe(2);
      await table.getByRole('link', { name: mail!.reference }).click();
      await page.waitForURL(`${base}/consulent/terugbelverzoeken/${mail!.id}`);
      expect(await page.getByRole('link', { name: 'emma@example.com' }).getAttribute('href')).toBe(
        'mailto:emma@example.com',
      );
      expect(dialogs, 'the typed <script> never runs').toEqual([]);
      expect(await axeViolations(page)).toEqual([]);

      await page.getByLabel('Nieuwe status').selectOption('gebeld');
      await page.getByRole('button', { name: 'Status opslaan' }).click();
      await page.waitForURL(/melding=status-gewijzigd/);
      expect(await page.getByRole('status').textContent()).toContain('De status is gewijzigd in: Gebeld.');
      expect(await axeViolations(page)).toEqual([]);

      await page.getByRole('link', { name: 'Terugbelverzoek verwijderen' }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
        `Terugbelverzoek ${mail!.reference} verwijderen?`,
      );
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Ja, definitief verwijderen' }).click();
      await page.waitForURL(/verwijderd=TB-/);
      expect(await page.getByRole('status').textContent()).toContain(
        `Terugbelverzoek ${mail!.reference} is verwijderd.`,
      );
      expect(await axeViolations(page)).toEqual([]);

      await page.setViewportSize({ width: 320, height: 800 });
      for (const path of ['/consulent/terugbelverzoeken', `/consulent/terugbelverzoeken/${phone!.id}`]) {
        await page.goto(path);
        expect(await pageScrollsSideways(page), path).toBe(false);
        expect(await axeViolations(page)).toEqual([]);
      }
    },
    TIMEOUT,
  );
});
