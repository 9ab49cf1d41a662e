import pino, { type Logger } from 'pino';

/** Structured JSON logs; `LOG_LEVEL=silent` in tests. */
export function createLogger(level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { service: 'bitacora' } });
}

export type { Logger };
