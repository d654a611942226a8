import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDraftPdf } from '../../drafts/document-pdf.js';
import type { DraftApplication } from '../../drafts/draft.js';
import { PdfRenderer } from '../../drafts/pdf-renderer.js';
import { openDatabase } from '../../storage/sqlite/database.js';
import { SqliteDraftStore } from '../../storage/sqlite/draft-store.js';
import { newDraft } from './fixtures.js';
import { readPdf } from './pdf-text.js';

/** A draft with the longest transcript a conversation keeps: the most expensive PDF there is. */
async function longDraft(): Promise<DraftApplication> {
  const base = newDraft({ lang: 'nl' });
  const transcript = Array.from({ length: 600 }, (_, i) => ({
    from: i % 2 === 0 ? ('assistant' as const) : ('resident' as const),
    text: `Regel ${i}: ${'een vrij lange zin over het initiatief in de straat, '.repeat(4)}`,
    at: '2026-11-23T10:00:00.000Z',
  }));
  const store = new SqliteDraftStore(openDatabase(':memory:'));
  return (await store.create({ ...base, transcript }, 'long', 2026)).draft;
}

const renderer = new PdfRenderer();
afterAll(() => renderer.close());

describe('PdfRenderer', () => {
  it('renders the same document as on the main thread', async () => {
    const draft = await longDraft();
    const [inWorker, inline] = await Promise.all([renderer.render(draft, 'nl'), renderDraftPdf(draft, 'nl')]);
    expect((await readPdf(inWorker)).text).toBe((await readPdf(inline)).text);
  });

  it('keeps the event loop free while it renders: the longest stall is far below one render on the main thread', async () => {
    const draft = await longDraft();
    await renderer.render(draft, 'nl'); // the worker is started and warm
    const inline = monitorEventLoopDelay({ resolution: 5 });
    inline.enable();
    const started = performance.now();
    await renderDraftPdf(draft, 'nl');
    const oneRender = performance.now() - started;
    inline.disable();

    const inWorker = monitorEventLoopDelay({ resolution: 5 });
    inWorker.enable();
    await Promise.all(Array.from({ length: 4 }, () => renderer.render(draft, 'nl')));
    inWorker.disable();
    const stall = inWorker.max / 1e6;
    console.log(
      `[pdf] one render on the main thread ${oneRender.toFixed(0)} ms; longest stall while 4 render in the worker ${stall.toFixed(0)} ms`,
    );
    expect(oneRender).toBeGreaterThan(40);
    expect(stall).toBeLessThan(oneRender / 2);
  });

  it('a draft that cannot be rendered fails with an error (never hangs); the next render works', async () => {
    const draft = await longDraft();
    const broken = { ...draft, sections: undefined, form: null } as unknown as DraftApplication;
    await expect(renderer.render(broken, 'nl')).rejects.toThrow();
    expect((await renderer.render(draft, 'nl')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
