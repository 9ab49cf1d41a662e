/**
 * What the catch-up threads share: a background priority, and the frame of their work (stopped by
 * the main thread's `{ type: 'stop' }`, closing what they opened).
 */
import { readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parentPort, type MessagePort } from 'node:worker_threads';

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

/**
 * Runs a catch-up thread's work at a background priority until done or asked to stop (then it
 * commits its batch and returns), and closes what it opened and the port (whose listener would
 * keep the thread alive). A failure reaches the main thread as the worker's 'error' event.
 */
export function runCatchUpThread(
  nice: number,
  work: (signal: AbortSignal, port: MessagePort) => Promise<void>,
  close: () => Promise<void>,
): void {
  yieldToServing(nice);
  const port = parentPort!;
  const controller = new AbortController();
  port.on('message', (message: { type: string }) => {
    if (message.type === 'stop') controller.abort();
  });
  work(controller.signal, port)
    .finally(async () => {
      await close();
      port.close();
    })
    .catch((error: unknown) => {
      throw error;
    });
}

/** What a catch-up thread cost: its own CPU, and how long its event loop was busy. */
export interface ThreadFigures {
  /** CPU time of this thread alone (Linux; null elsewhere), garbage collector helpers apart. */
  cpuSeconds: number | null;
  /** Time its event loop was busy (CPU, and waits for the disk or for a core). */
  activeSeconds: number;
  /** From the thread's start. */
  seconds: number;
}

/** Clock ticks per second of `/proc` (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** This thread's figures so far. */
export function threadFigures(): ThreadFigures {
  const utilization = performance.eventLoopUtilization();
  return {
    cpuSeconds: ownCpuSeconds(),
    activeSeconds: Math.round(utilization.active) / 1000,
    seconds: Math.round(performance.now()) / 1000,
  };
}

/**
 * CPU seconds (user and system) of a process or thread from its `/proc` stat file: fields 14 and
 * 15 (utime, stime), after the command's parenthesis.
 */
export function cpuSecondsOfStat(path: string): number {
  const stat = readFileSync(path, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function ownCpuSeconds(): number | null {
  try {
    return cpuSecondsOfStat('/proc/thread-self/stat');
  } catch {
    return null;
  }
}
