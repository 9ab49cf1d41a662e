import type { EventEmitter } from 'node:events';
import pino, { type Logger } from 'pino';

/** Structured JSON logs; `LOG_LEVEL=silent` in tests. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'bitacora' } });
}

/**
 * Writes what the logger still holds and closes its stream, before a process ends with
 * `process.exit`: pino writes asynchronously, and its last lines were lost (a stop's "cerrado").
 * Messages logged after this are dropped, not thrown at the closed stream.
 */
export function closeLogs(logger: Logger): Promise<void> {
  const stream = Reflect.get(logger, pino.symbols.streamSym) as
    (EventEmitter & { end?: () => void; destroyed?: boolean }) | undefined;
  logger.level = 'silent';
  if (!stream || typeof stream.end !== 'function' || stream.destroyed) return Promise.resolve();
  const end = stream.end.bind(stream);
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
    end();
  });
}

export type { Logger };
