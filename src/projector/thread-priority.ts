import { setPriority } from 'node:os';

/**
 * Nice values of background threads. The read models' catch-up is below the serving thread;
 * the integrity monitor's catch-up below both, since readiness waits for the read models only
 * and its verification can take whatever core they leave.
 */
export const CATCH_UP_NICE = 3;
export const VERIFY_NICE = 10;

/**
 * Serving comes first: on Linux a thread has its own nice value, and a background thread yields a
 * core to the main thread when both want it. Best effort.
 */
export function yieldToServing(nice = CATCH_UP_NICE): void {
  try {
    setPriority(nice);
  } catch {
    // Not permitted here: the thread runs at the process's priority.
  }
}
