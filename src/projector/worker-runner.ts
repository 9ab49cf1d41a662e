/**
 * Runs a catch-up in a worker thread (`catch-up-worker.ts`) with its own SQLite connections, so
 * that the large synchronous transactions of a catch-up never block the main thread's event loop.
 */
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CatchUpRunner, ProjectionStatus } from './projector';

export interface CatchUpWorkerData {
  eventstorePath: string;
  readstorePath: string;
  /** The read store's `builtBy`, as the main thread opened it. */
  builtBy?: string;
  catchUpBatchSize?: number;
}

export interface CatchUpMessage {
  type: 'progress' | 'done';
  done: number;
  statuses: ProjectionStatus[];
}

export class WorkerCatchUp implements CatchUpRunner {
  constructor(private readonly options: CatchUpWorkerData) {}

  run(
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
      workerData: this.options,
      // A larger young generation: a catch-up allocates many short-lived objects.
      resourceLimits: { maxYoungGenerationSizeMb: 96 },
    });
    const stop = () => worker.postMessage({ type: 'stop' });
    signal.addEventListener('abort', stop, { once: true });
    return new Promise<void>((resolve, reject) => {
      worker.on('message', (message: CatchUpMessage) => onProgress(message.statuses));
      worker.on('error', reject);
      worker.on('exit', (code) => {
        signal.removeEventListener('abort', stop);
        if (code === 0) resolve();
        else reject(new Error(`el hilo de puesta al día terminó con código ${code}`));
      });
    });
  }
}
