import { SingleBar, Presets } from 'cli-progress';
import type { Logger } from '../logging';

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/**
 * A progress bar (done / total, events/s, ETA) on a terminal; plain log lines, at most one every
 * few seconds, otherwise (CI, files, containers).
 */
export function progress(
  total: number,
  unit: string,
  logger: Logger,
  stream = process.stderr,
): Progress {
  const started = Date.now();
  const rate = (done: number) => Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
  if (stream.isTTY) {
    const bar = new SingleBar(
      {
        format: `{bar} {percentage}% | {value}/{total} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
        stream,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0, { rate: 0 });
    return { update: (done) => bar.update(done, { rate: rate(done) }), stop: () => bar.stop() };
  }
  let lastLog = 0;
  return {
    update: (done) => {
      if (Date.now() - lastLog < 2_000 && done < total) return;
      lastLog = Date.now();
      const perSecond = rate(done);
      const eta = perSecond > 0 ? Math.round((total - done) / perSecond) : null;
      logger.info({ done, total, perSecond, etaSeconds: eta }, `${done}/${total} ${unit}`);
    },
    stop: () => logger.info({ total, seconds: (Date.now() - started) / 1000 }, 'terminado'),
  };
}
