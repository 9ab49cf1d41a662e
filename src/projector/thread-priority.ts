import { setPriority } from 'node:os';

/** Nice value of a catch-up thread: background work, below the serving thread. */
const CATCH_UP_NICE = 3;

/**
 * Serving comes first: on Linux a thread has its own nice value, and a catch-up thread yields a
 * core to the main thread when both want it. Best effort.
 */
export function yieldToServing(): void {
  try {
    setPriority(CATCH_UP_NICE);
  } catch {
    // Not permitted here: the catch-up runs at the process's priority.
  }
}
