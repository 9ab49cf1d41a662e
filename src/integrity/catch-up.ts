/**
 * The integrity monitor's catch-up in a worker thread (`catch-up-worker.ts`), for the embedded
 * stores: from an empty read store the whole log is read and hashed, which must not hold the
 * serving thread's event loop; it runs beside the projections' catch-up, on the other core.
 */
import { extname, join } from 'node:path';
import { runCatchUpWorker } from '../projector/worker-runner';
import type { IntegrityCatchUpRunner, IntegrityProgress, VerifiedHashes } from './monitor';
import type { CheckedLog } from './startup-check';

export interface IntegrityCatchUpData {
  eventstorePath: string;
  readstorePath: string;
  /** The read store's `builtBy`, as the main thread opened it. */
  builtBy: string;
  /** What the start-up check verified (see `VerifiedHashes`). */
  verified?: VerifiedHashes;
  /** What it collected for a first catch-up (see `CheckedLog`). */
  checked?: CheckedLog;
}

export class WorkerIntegrityCatchUp implements IntegrityCatchUpRunner {
  constructor(private readonly data: IntegrityCatchUpData) {}

  run(
    onProgress: (progress: IntegrityProgress) => void,
    signal: AbortSignal,
    verified?: VerifiedHashes,
    checked?: CheckedLog,
  ): Promise<void> {
    return runCatchUpWorker(
      join(__dirname, `catch-up-worker${extname(__filename)}`),
      { ...this.data, ...(verified ? { verified } : {}), ...(checked ? { checked } : {}) },
      onProgress,
      signal,
    );
  }
}
