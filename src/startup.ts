/**
 * The first connection to a server store, retried with exponential backoff: in a compose or
 * cluster start, MongoDB may still be electing its primary and EventStoreDB its leader when the
 * API starts. Giving up at the first refusal (and exiting) would leave the API down; retrying
 * too fast would flood a recovering server.
 */
import { backOff } from 'exponential-backoff';
import type { Logger } from './logging';

export interface StartupRetryOptions {
  /** Attempts in all (default 12: about two minutes with the default delays). */
  attempts?: number;
  /** First pause (default 500 ms), doubled each time up to `maxDelayMs` (default 15 s). */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

export function connectWithRetry<T>(
  store: string,
  connect: () => Promise<T>,
  logger: Pick<Logger, 'warn'>,
  options: StartupRetryOptions = {},
): Promise<T> {
  return backOff(connect, {
    numOfAttempts: options.attempts ?? 12,
    startingDelay: options.firstDelayMs ?? 500,
    maxDelay: options.maxDelayMs ?? 15_000,
    timeMultiple: 2,
    // Full jitter: replicas restarted together do not retry in step.
    jitter: 'full',
    retry: (error: unknown, attempt: number) => {
      logger.warn(
        { store, attempt, err: error },
        `${store} aún no responde; se reintenta la conexión (intento ${attempt})`,
      );
      return true;
    },
  });
}
