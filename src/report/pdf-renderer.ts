/**
 * PDFs are laid out in a worker thread: pdfmake's layout is synchronous CPU work of a few hundred
 * milliseconds that would otherwise block every other request, and its allocations would land in
 * the server's heap, where the in-memory read models make each major collection long. One worker,
 * started on the first PDF, reused, and replaced if it dies.
 *
 * Each PDF's layout has a deadline (`PDF_TIMEOUT_MS`, 20 s by default, counted from when the worker
 * starts it): a layout that hangs would otherwise hold the worker, and every later PDF would queue
 * behind it for ever. At the deadline that PDF
 * fails with `PdfTimeoutError`, the worker is terminated and a new one takes the PDFs that were
 * waiting behind it.
 */
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { pdfTimeoutMsOf } from '../config';
import type { ReportModel } from './model';
import type { PdfReply } from './pdf-requests';

/** A PDF not laid out in time: the server's fault, not the request's; the client may retry. */
export class PdfTimeoutError extends Error {
  override readonly name = 'PdfTimeoutError';
  readonly code = 'SERVICE_UNAVAILABLE' as const;
  constructor(readonly timeoutMs: number) {
    super(
      `El PDF no se compuso en ${timeoutMs / 1000} s (PDF_TIMEOUT_MS): se detuvo y el proceso de PDF se reinició. Intente de nuevo en un momento o use el informe en HTML.`,
    );
  }
}

export interface PdfRendererOptions {
  timeoutMs: number;
  /** The worker's entry module (a test injects one whose layout hangs). */
  workerModule?: string;
}

export interface PdfRenderer {
  render(model: ReportModel): Promise<Buffer>;
  /** Workers started so far (1 + restarts). */
  readonly workersStarted: number;
  close(): Promise<void>;
}

interface Job {
  model: ReportModel;
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
  timer?: NodeJS.Timeout;
}

const DEFAULT_WORKER = join(__dirname, 'pdf-worker');

function spawn(module: string): Worker {
  // Compiled (dist/): the .js file. From source (tsx, jest): register tsx inside the worker.
  return __filename.endsWith('.js')
    ? new Worker(`${module}.js`)
    : new Worker(`require('tsx/cjs/api').register(); require(${JSON.stringify(`${module}.ts`)});`, {
        eval: true,
      });
}

export function createPdfRenderer(options: PdfRendererOptions): PdfRenderer {
  const module = (options.workerModule ?? DEFAULT_WORKER).replace(/\.[jt]s$/, '');
  let worker: Worker | null = null;
  let workersStarted = 0;
  const jobs = new Map<number, Job>();
  let nextId = 0;

  const settle = (id: number): Job | undefined => {
    const job = jobs.get(id);
    jobs.delete(id);
    if (job) clearTimeout(job.timer);
    if (jobs.size === 0) worker?.unref();
    return job;
  };

  function start(): Worker {
    const created = spawn(module);
    workersStarted += 1;
    created.on('message', (reply: PdfReply) => {
      if ('started' in reply) {
        // The deadline is the layout's: neither the worker's start-up nor the wait behind others.
        const job = jobs.get(reply.started);
        if (job) job.timer ??= setTimeout(() => timedOut(reply.started), options.timeoutMs);
        return;
      }
      const job = settle(reply.id);
      if (!job) return;
      if ('pdf' in reply)
        job.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else job.reject(new Error(`No se pudo generar el PDF: ${reply.error}`));
    });
    const fail = (error: Error) => {
      if (worker === created) worker = null;
      for (const id of [...jobs.keys()]) settle(id)?.reject(error);
    };
    created.on('error', fail);
    created.on('exit', (code) => fail(new Error(`El proceso de PDF terminó (código ${code}).`)));
    return created;
  }

  function post(id: number, job: Job): void {
    worker ??= start();
    // Keeps the process alive while a PDF is pending, and only then (an idle worker must not).
    worker.ref();
    clearTimeout(job.timer);
    job.timer = undefined;
    worker.postMessage({ id, model: job.model });
  }

  /** Fails the late PDF, replaces the stuck worker, and hands the waiting PDFs to the new one. */
  function timedOut(id: number): void {
    settle(id)?.reject(new PdfTimeoutError(options.timeoutMs));
    const stuck = worker;
    worker = null;
    if (stuck) {
      stuck.removeAllListeners();
      void stuck.terminate();
    }
    for (const [waiting, job] of jobs) post(waiting, job);
  }

  return {
    render(model) {
      const id = nextId++;
      return new Promise<Buffer>((resolve, reject) => {
        const job: Job = { model, resolve, reject };
        jobs.set(id, job);
        post(id, job);
      });
    },
    get workersStarted() {
      return workersStarted;
    },
    async close() {
      const current = worker;
      worker = null;
      for (const id of [...jobs.keys()])
        settle(id)?.reject(new Error('El proceso de PDF se cerró.'));
      if (current) {
        current.removeAllListeners();
        await current.terminate();
      }
    },
  };
}

let shared: PdfRenderer | null = null;

/** The server's renderer, with the deadline of `PDF_TIMEOUT_MS`. */
export function renderPdf(model: ReportModel): Promise<Buffer> {
  shared ??= createPdfRenderer({ timeoutMs: pdfTimeoutMsOf(process.env) });
  return shared.render(model);
}
