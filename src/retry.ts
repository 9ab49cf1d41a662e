/**
 * Retrying a long-running job (a projector, the integrity monitor) after infrastructure errors,
 * with exponential backoff and full jitter, until it is stopped. `exponential-backoff` (used for
 * the first connection, `startup.ts`) cannot cut a pause short: a server asked to shut down
 * would wait out the longest pause first. This one ends a pause at once when stopped.
 */
export interface RetryOptions {
  /** First pause (ms), doubled after each failure in a row up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  signal: AbortSignal;
  /** Hears each failure (the count in a row) before the pause. */
  onError(error: unknown, failures: number): void;
}

/** An abortable pause. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Runs `job` until `signal` aborts: when it throws, pauses (random up to the backoff, so that
 * replicas that lost the same server do not come back in step) and runs it again; when it returns
 * without being stopped, runs it again at once. `job` calls its `progressed` argument when it got
 * somewhere, which makes the next failure's pause short again.
 */
export async function retryUntilStopped(
  job: (progressed: () => void) => Promise<void>,
  options: RetryOptions,
): Promise<void> {
  let failures = 0;
  const progressed = () => {
    failures = 0;
  };
  while (!options.signal.aborted) {
    try {
      await job(progressed);
    } catch (error) {
      if (options.signal.aborted) return;
      failures += 1;
      options.onError(error, failures);
      const ceiling = Math.min(options.maxDelayMs, options.firstDelayMs * 2 ** (failures - 1));
      await pause(Math.random() * ceiling, options.signal);
    }
  }
}
