/**
 * Runs a catch-up in worker threads (`catch-up-worker.ts`) with their own SQLite connections, so
 * that the large synchronous transactions of a catch-up never block the main thread's event loop.
 * The projections may be shared out between several workers (`CATCHUP_WORKERS`), each reading the
 * log once for its own (their commits take turns), balanced by each projection's
 * `catchUpWeight`. Whether two beat one depends on free cores: see the README's national log.
 */
import { cpus } from 'node:os';
import { extname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../logging';
import type { Projection } from './projection';
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
  /** The projections (or their names), in the order they are declared. */
  projections: ReadonlyArray<string | Pick<Projection, 'name' | 'catchUpWeight'>>;
  /**
   * Worker threads (default 1). `auto`: one per core idle when the catch-up starts (measured on
   * the national log: two on a free two-core machine, catch-up 11.5-12.9 s against 14.0-14.5 s
   * with one; with one core busy elsewhere, one: 18.9 s against 20.9 s with two).
   */
  workers?: number | 'auto';
  /** Hears how many workers run. */
  logger?: Pick<Logger, 'info'>;
}

export class WorkerCatchUp implements CatchUpRunner {
  private planned!: (workers: number) => void;
  /** How many workers the catch-up uses, once it starts (never, if none is needed). */
  readonly workers = new Promise<number>((resolve) => (this.planned = resolve));

  constructor(private readonly options: WorkerCatchUpOptions) {}

  /** Projections shared out, heaviest first, each to the worker with the least weight so far. */
  private groups(workers: number): string[][] {
    const projections = this.options.projections.map((p) =>
      typeof p === 'string'
        ? { name: p, weight: 1 }
        : { name: p.name, weight: p.catchUpWeight ?? 1 },
    );
    const count = Math.max(1, Math.min(workers, projections.length));
    const groups = Array.from({ length: count }, () => ({ names: [] as string[], weight: 0 }));
    const heaviestFirst = projections
      .map((p, index) => ({ ...p, index }))
      .sort((a, b) => b.weight - a.weight || a.index - b.index);
    for (const { name, weight } of heaviestFirst) {
      const lightest = groups.reduce((a, b) => (b.weight < a.weight ? b : a));
      lightest.names.push(name);
      lightest.weight += weight;
    }
    return groups.map((g) => g.names);
  }

  async run(
    onProgress: (statuses: readonly ProjectionStatus[]) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const { projections: _all, workers: _count, logger, ...shared } = this.options;
    const workers =
      this.options.workers === 'auto' ? await idleCores() : (this.options.workers ?? 1);
    logger?.info({ workers }, `puesta al día de los modelos de lectura en ${workers} hilo(s)`);
    this.planned(workers);
    const results = await Promise.allSettled(
      this.groups(workers).map((projections) =>
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
    return runCatchUpWorker(
      join(__dirname, `catch-up-worker${extname(__filename)}`),
      data,
      (message: CatchUpMessage) => onProgress(message.statuses),
      signal,
    );
  }
}

/**
 * Cores that other processes leave free now (measured over a fifth of a second), at least one:
 * this process's own threads (the integrity monitor's catch-up may already run) count as free.
 */
async function idleCores(): Promise<number> {
  const sample = () => {
    let idle = 0;
    let total = 0;
    for (const { times } of cpus()) {
      idle += times.idle;
      total += times.user + times.nice + times.sys + times.idle + times.irq;
    }
    const own = process.cpuUsage();
    return { idle, total, own: (own.user + own.system) / 1000 };
  };
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = sample();
  const total = Math.max(1, after.total - before.total);
  const free = after.idle - before.idle + (after.own - before.own);
  const cores = cpus().length;
  return Math.max(1, Math.min(cores, Math.round((free / total) * cores)));
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
  // From TypeScript sources (npm start, tests), the worker registers tsx's loader first.
  const source =
    extname(file) === '.ts'
      ? `require('tsx/cjs/api').register(); require(${JSON.stringify(file)});`
      : `require(${JSON.stringify(file)});`;
  const worker = new Worker(source, {
    eval: true,
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
