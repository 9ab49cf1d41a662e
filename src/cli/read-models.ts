/**
 * What the export commands read: the configured stores, with the read models brought up to the
 * log's head first (a catch-up, logged with its counts, when they are behind or empty).
 */
import { loadConfig } from '../config';
import { createLogger, type Logger } from '../logging';
import { loadDivipola } from '../reference/divipola';
import { openStores, type Stores } from '../runtime';
import { UsageError } from './command-line';

export interface ReadingStores {
  stores: Stores;
  logger: Logger;
  services: Stores & { territory: ReturnType<typeof loadDivipola>; now(): Date };
}

export async function openCaughtUp(): Promise<ReadingStores> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const stores = await openStores(config, logger);
  const head = await stores.events.headPosition();
  const started = Date.now();
  await stores.projector.start();
  await stores.projector.waitFor(head, Number.POSITIVE_INFINITY);
  logger.info(
    { events: await stores.events.count(), seconds: (Date.now() - started) / 1000 },
    'modelos de lectura al día con la bitácora',
  );
  return {
    stores,
    logger,
    services: { ...stores, territory: loadDivipola(), now: () => new Date() },
  };
}

/** A semester given on the command line (AAAA-1 or AAAA-2) that has ended. */
export function endedSemester(value: string | undefined, end: (s: string) => Date): string {
  if (!value || !/^\d{4}-[12]$/.test(value))
    throw new UsageError(`semestre inválido "${value ?? ''}": use AAAA-1 o AAAA-2, p. ej. 2025-1.`);
  if (end(value).getTime() >= Date.now())
    throw new UsageError(`el semestre ${value} aún no termina.`);
  return value;
}

/** The plan a command names: `--dane` (5 digits) and `--first-year` (a cuatrienio's first year). */
export function planOptions(values: { dane?: string; 'first-year'?: string }): {
  dane: string;
  firstYear: number;
} {
  const dane = values.dane ?? '';
  if (!/^\d{5}$/.test(dane)) throw new UsageError(`--dane "${dane}": use 5 dígitos, p. ej. 73001.`);
  const firstYear = Number(values['first-year']);
  if (!Number.isInteger(firstYear) || firstYear % 4 !== 0)
    throw new UsageError(
      `--first-year "${values['first-year'] ?? ''}": el cuatrienio empieza en un año múltiplo de 4, p. ej. 2024.`,
    );
  return { dane, firstYear };
}
