/**
 * Runs a catch-up in worker threads (`catch-up-worker.ts`) with their own SQLite connections, so
 * that the large synchronous transactions of a catch-up never block the main thread's event loop.
 * With several workers (`CATCHUP_WORKERS`, by default one per core), each takes a share of the log's streams for the stream-local projections (of the
 * documents for those shared by document), and the first one also the others (`stream-share.ts`);
 * their commits take turns.
 */
import { cpus } from 'node:os';
import { extname, join } from 'node:path';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { Logger } from '../logging';
import type {
  CatchUpFigures,
  CatchUpResult,
  CatchUpRunner,
  CatchUpScope,
  ProjectionStatus,
} from './projector';
import { MAX_SHARES } from '../readstore/generations';
import { projectionOfShare, type StreamShare } from './stream-share';
import type { ThreadFigures } from './worker-thread';

/** How long a worker asked to stop may take to commit its batch and exit. */
const STOP_GRACE_MS = 15_000;

export interface CatchUpWorkerData {
  eventstorePath: string;
  readstorePath: string;
  /** The read store's `builtBy`, as the main thread opened it. */
  builtBy?: string;
  catchUpBatchSize?: number;
  /** The projections to catch up (by name; all when absent). */
  projections?: string[];
  /** This worker's share of the streams (absent: all of them). */
  share?: StreamShare;
  /** The fencing tokens of the main thread's leases, by projection: its commits carry them. */
  fences?: Record<string, number>;
  /**
   * The generation of the read models to write (`npm run rebuild` builds the next one); absent,
   * the one in force when the worker starts.
   */
  generation?: number;
}

export interface CatchUpMessage {
  type: 'progress' | 'done';
  done: number;
  statuses: ProjectionStatus[];
  /** With `done`: what the thread cost. */
  thread?: ThreadFigures;
}

export interface WorkerCatchUpOptions extends Omit<
  CatchUpWorkerData,
  'projections' | 'share' | 'fences'
> {
  /** The projections (or their names), in the order they are declared. */
  projections: ReadonlyArray<string | { name: string }>;
  /**
   * Worker threads (default 1). `auto`: one per core. They run at a lower priority, so they give
   * way to other work rather than being fewer: on the national log, on this project's two cores
   * at load 4.6-7.5, two workers caught up in 53.7 s against 63.6 s with one. Counting the cores
   * other processes left idle over a fifth of a second instead chose one worker in two quiet
   * benchmark runs (the benchmark's own process was collecting its garbage), 26 s against ~15 s.
   */
  workers?: number | 'auto';
  /** Hears how many workers run. */
  logger?: Pick<Logger, 'info'>;
}

/**
 * The statuses the workers reported, by projection: a projection shared out between workers is
 * as far as its least advanced share, and parked if one share parked.
 */
function merged(byWorker: ReadonlyArray<readonly ProjectionStatus[]>): ProjectionStatus[] {
  const result = new Map<string, ProjectionStatus>();
  for (const statuses of byWorker) {
    for (const status of statuses) {
      const name = projectionOfShare(status.projection) ?? status.projection;
      const known = result.get(name);
      if (!known) {
        result.set(name, { ...status, projection: name });
        continue;
      }
      const lowest =
        known.checkpoint === null || status.checkpoint === null
          ? null
          : Math.min(known.checkpoint, status.checkpoint);
      const parked = known.state === 'parked' ? known : status.state === 'parked' ? status : null;
      result.set(name, {
        projection: name,
        checkpoint: lowest,
        state: parked ? 'parked' : known.state,
        error: parked ? parked.error : known.error,
        parked: parked ? parked.parked : null,
      });
    }
  }
  return [...result.values()];
}

export class WorkerCatchUp implements CatchUpRunner {
  private planned!: (workers: number) => void;
  /** How many workers the catch-up uses, once it starts (never, if none is needed). */
  readonly workers = new Promise<number>((resolve) => (this.planned = resolve));
  private lastRun: CatchUpFigures | null = null;

  constructor(private readonly options: WorkerCatchUpOptions) {}

  async run(
    onProgress: (statuses: readonly ProjectionStatus[], eventsRead?: number) => void,
    signal: AbortSignal,
    scope?: CatchUpScope,
  ): Promise<CatchUpResult> {
    const { projections, workers: _count, logger, ...shared } = this.options;
    const names = (scope?.projections ?? projections).map((p) =>
      typeof p === 'string' ? p : p.name,
    );
    // At most MAX_SHARES: a dropped generation is cleared of that many shares' checkpoints.
    const workers = Math.min(
      MAX_SHARES,
      Math.max(1, this.options.workers === 'auto' ? cpus().length : (this.options.workers ?? 1)),
    );
    logger?.info({ workers }, `puesta al día de los modelos de lectura en ${workers} hilo(s)`);
    this.planned(workers);
    const reported: ProjectionStatus[][] = Array.from({ length: workers }, () => []);
    const read: number[] = reported.map(() => 0);
    const run: CatchUpFigures = { workers, threads: reported.map(() => null) };
    this.lastRun = run;
    const results = await Promise.allSettled(
      reported.map((_, index) =>
        this.runWorker(
          {
            ...shared,
            projections: names,
            ...(scope ? { fences: scope.fences } : {}),
            ...(workers > 1 ? { share: { index, count: workers } } : {}),
          },
          (message) => {
            reported[index] = [...message.statuses];
            if (message.type === 'progress') read[index] = message.done;
            if (message.thread) run.threads[index] = message.thread;
            onProgress(
              merged(reported),
              read.reduce((sum, each) => sum + each, 0),
            );
          },
          signal,
        ),
      ),
    );
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return { shares: workers };
  }

  /** The workers of the last run and what each cost, once it started. */
  figures(): CatchUpFigures | null {
    return this.lastRun;
  }

  private runWorker(
    data: CatchUpWorkerData,
    onMessage: (message: CatchUpMessage) => void,
    signal: AbortSignal,
  ): Promise<void> {
    return runCatchUpWorker(
      join(__dirname, `catch-up-worker${extname(__filename)}`),
      data,
      onMessage,
      signal,
    );
  }
}

/**
 * A worker thread running a module beside the caller: from TypeScript sources (npm start, tests)
 * it registers tsx's CommonJS loader first; built code is plain JS. It inherits none of the
 * process's Node options (`execArgv: []`): V8's flags are the process's anyway, and with
 * `--import tsx` (npm start) every worker started tsx's ESM loader too, before its first line ran:
 * 0.45 s per thread on the national catch-up, on two cores shared with the serving thread.
 */
export function moduleWorker(file: string, options: WorkerOptions = {}): Worker {
  const source =
    extname(file) === '.ts'
      ? `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`
      : `require(${JSON.stringify(file)});`;
  return new Worker(source, { ...options, eval: true, execArgv: [] });
}

/**
 * Runs a catch-up worker thread (a module beside the caller, `.ts` from the sources or `.js` when
 * built) until it exits, passing on its messages. Asked to stop (`signal`), it is sent
 * `{ type: 'stop' }` to commit its batch and exit; if it does not within a grace period, it is ended
 * (its uncommitted batch is lost, the committed checkpoints are not).
 */
export function runCatchUpWorker<M>(
  file: string,
  workerData: unknown,
  onMessage: (message: M) => void,
  signal: AbortSignal,
): Promise<void> {
  const worker = moduleWorker(file, {
    workerData,
    // A larger young generation: a catch-up allocates many short-lived objects.
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
  });
  let deadline: NodeJS.Timeout | undefined;
  const stop = () => {
    worker.postMessage({ type: 'stop' });
    deadline = setTimeout(() => void worker.terminate(), STOP_GRACE_MS).unref();
  };
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  return new Promise<void>((resolve, reject) => {
    worker.on('message', onMessage);
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
