// The PDF renderer's own thread (see pdf-renderer.ts). Plain JavaScript, so it starts the same under
// `tsx`, vitest and plain Node: the TypeScript renderer is loaded through tsx's API.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { renderDraftPdf } = await tsImport('./document-pdf.ts', import.meta.url);

parentPort.on('message', async ({ id, draft, lang, reader }) => {
  try {
    const pdf = await renderDraftPdf(draft, lang, reader);
    parentPort.postMessage({ id, pdf: new Uint8Array(pdf) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort.postMessage({ ready: true });
