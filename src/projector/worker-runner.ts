/**
 * Runs a catch-up in worker threads (`catch-up-worker.ts`) with their own SQLite connections, so
 * that the large synchronous transactions of a catch-up never block the main thread's event loop.
 * The projections may be shared out between several workers, each reading the log once for its
 * own (their commits take turns). One is the default: on this project's two-core machine two
 * workers were slower (12.4 s against 16.5 s for 200,000 events) and left the main thread's event
 * loop waiting for a core (worst delay 45 ms against 133 ms).
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CatchUpRunner, ProjectionStatus } from './projector';

/** How long a worker asked to stop may take to commit its batch and exit. */
const STOP_GRACE_MS = 15_000;

export interface CatchUpWorkerData {
  eventstorePath: string;
  readstorePath: string;
  /** The read store's `builtBy`, as the main thread opened it. */
  builtBy?: string;
  catchUpBatchSize?: number;
  /** The projections this worker catches up (by name; all when absent). */
  projections?: string[];
}

export interface CatchUpMessage {
  type: 'progress' | 'done';
  done: number;
  statuses: ProjectionStatus[];
}

export interface WorkerCatchUpOptions extends Omit<CatchUpWorkerData, 'projections'> {
  /** The projections, by name, in the order they are declared. */
  projections: readonly string[];
  /** Worker threads (default 1). */
  workers?: number;
}

export class WorkerCatchUp implements CatchUpRunner {
  constructor(private readonly options: WorkerCatchUpOptions) {}

  /** Projections dealt out in turn: each worker gets every n-th one. */
  private groups(): string[][] {
    const count = Math.max(1, Math.min(this.options.workers ?? 1, this.options.projections.length));
    const groups: string[][] = Array.from({ length: count }, () => []);
    this.options.projections.forEach((name, index) => groups[index % count]!.push(name));
    return groups;
  }

  async run(
    onProgress: (statuses: readonly ProjectionStatus[]) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const { projections: _all, workers: _count, ...shared } = this.options;
    const results = await Promise.allSettled(
      this.groups().map((projections) =>
        this.runWorker({ ...shared, projections }, onProgress, signal),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private runWorker(
    data: CatchUpWorkerData,
    onProgress: (statuses: readonly ProjectionStatus[]) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const file = join(__dirname, `catch-up-worker${extname(__filename)}`);
    // From TypeScript sources (npm start, tests), the worker registers tsx's loader first.
    const source =
      extname(file) === '.ts'
        ? `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`
        : `require(${JSON.stringify(file)});`;
    const worker = new Worker(source, {
      eval: true,
      workerData: data,
      // A larger young generation: a catch-up allocates many short-lived objects.
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    // Asked to stop, it commits its current batch and exits; if it does not, it is ended (its
    // uncommitted batch is lost, the committed checkpoints are not).
    let deadline: NodeJS.Timeout | undefined;
    const stop = () => {
      worker.postMessage({ type: 'stop' });
      deadline = setTimeout(() => void worker.terminate(), STOP_GRACE_MS).unref();
    };
    signal.addEventListener('abort', stop, { once: true });
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: CatchUpMessage) => onProgress(message.statuses));
      worker.on('error', reject);
      worker.on('exit', (code) => {
        clearTimeout(deadline);
        signal.removeEventListener('abort', stop);
        if (signal.aborted) return resolve();
        if (code === 0) resolve();
        else reject(new Error(`el hilo de puesta al día terminó con código ${code}`));
      });
    });
  }
}
