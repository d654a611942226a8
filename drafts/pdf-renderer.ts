import { Worker } from 'node:worker_threads';
import type { DraftApplication } from './draft.js';

type Pending = {
  resolve: (pdf: Buffer) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  worker: Worker;
};

/**
 * Renders PDFs on a thread of their own: a long transcript takes a few hundred milliseconds of CPU, which
 * on the main thread would hold every other conversation's turn for as long. One worker, started on first
 * use; a worker that dies is replaced, and what it was rendering fails with an error (never hangs).
 */
export class PdfRenderer {
  private worker?: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private closed = false;

  constructor(private readonly timeoutMs = 15_000) {}

  render(
    draft: DraftApplication,
    lang: 'nl' | 'en',
    reader: 'resident' | 'consulent' = 'resident',
  ): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('the PDF renderer is closed'));
    const worker = this.ensureWorker();
    const id = this.next++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('rendering the PDF took too long'));
        // A render that never ends would hold every later one: start afresh.
        void this.restart();
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer, worker });
      worker.postMessage({ id, draft, lang, reader });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.restart();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./pdf-worker.mjs', import.meta.url));
    // The server may exit while the worker idles.
    worker.unref();
    worker.on('message', (message: { id?: number; pdf?: Uint8Array; error?: string }) => {
      if (message.id === undefined) return;
      const waiting = this.pending.get(message.id);
      if (!waiting) return;
      this.pending.delete(message.id);
      clearTimeout(waiting.timer);
      if (message.pdf)
        waiting.resolve(Buffer.from(message.pdf.buffer, message.pdf.byteOffset, message.pdf.byteLength));
      else waiting.reject(new Error(message.error ?? 'the PDF could not be rendered'));
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = undefined;
      for (const [id, waiting] of this.pending) {
        if (waiting.worker !== worker) continue;
        clearTimeout(waiting.timer);
        waiting.reject(error);
        this.pending.delete(id);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the PDF worker stopped (${code})`)));
    this.worker = worker;
    return worker;
  }

  private async restart(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }
}
