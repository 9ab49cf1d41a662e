/**
 * Loaded into the benchmarked server (`node --import`, `bench/national.ts`): the main thread's event
 * loop delay over a window the benchmark chooses. On SIGUSR2 it writes the delay since the previous
 * signal (maximum, p99, in ms) to EVENT_LOOP_PROBE_FILE and starts a new window. The server's own
 * /readyz reports the maximum since start only, which the catch-up dominates.
 */
import { writeFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

const file = process.env.EVENT_LOOP_PROBE_FILE;
if (file && isMainThread) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  process.on('SIGUSR2', () => {
    const window = {
      maxMs: Math.round(histogram.max / 1e4) / 100,
      p99Ms: Math.round(histogram.percentile(99) / 1e4) / 100,
    };
    histogram.reset();
    writeFileSync(file, JSON.stringify(window));
  });
}
