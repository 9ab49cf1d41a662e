/**
 * PDFs are laid out in a worker thread: pdfmake's layout is synchronous CPU work of a few hundred
 * milliseconds that would otherwise block every other request, and its allocations would land in
 * the server's heap, where the in-memory read models make each major collection long. One worker,
 * started on the first PDF, reused, and replaced if it dies.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ReportModel } from './model';

type Pending = { resolve(pdf: Buffer): void; reject(error: Error): void };

let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function start(): Worker {
  // Compiled (dist/): the .js sibling. From source (tsx, jest): register tsx inside the worker.
  const created = __filename.endsWith('.js')
    ? new Worker(join(__dirname, 'pdf-worker.js'))
    : new Worker(
        `require('tsx/cjs/api').register(); require(${JSON.stringify(join(__dirname, 'pdf-worker.ts'))});`,
        { eval: true },
      );
  created.on('message', (reply: { id: number; pdf?: Uint8Array; error?: string }) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (pending.size === 0) created.unref();
    if (!waiting) return;
    if (reply.pdf)
      waiting.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    else waiting.reject(new Error(`No se pudo generar el PDF: ${reply.error}`));
  });
  const fail = (error: Error) => {
    if (worker === created) worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  created.on('error', fail);
  created.on('exit', (code) => fail(new Error(`El proceso de PDF terminó (código ${code}).`)));
  return created;
}

export function renderPdf(model: ReportModel): Promise<Buffer> {
  worker ??= start();
  const id = nextId++;
  const promise = new Promise<Buffer>((resolve, reject) => pending.set(id, { resolve, reject }));
  // Keeps the process alive while a PDF is pending, and only then (an idle worker must not).
  worker.ref();
  worker.postMessage({ id, model });
  return promise;
}
