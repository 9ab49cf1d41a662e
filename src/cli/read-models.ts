/**
 * What the export commands read: the configured stores, with the read models brought up to the
 * log's head first (a catch-up, logged with its counts, when they are behind or empty).
 */
import { readFileSync } from 'node:fs';
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

/** Main of a command: usage errors exit 2 with a pointer to --help, other failures 1. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const usage = error instanceof UsageError;
    console.error(
      `Error: ${error instanceof Error ? error.message : String(error)}${usage ? '\nUse --help para ver el uso.' : ''}`,
    );
    process.exitCode = usage ? 2 : 1;
  });
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

/** The file a command reads, or a usage error that says why it cannot be read. */
export function readInputFile(file: string, kind: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `no existe el archivo ${file}.`
        : code === 'EISDIR'
          ? `${file} es una carpeta, no un archivo ${kind}.`
          : `no se pudo leer ${file} (${code ?? String(error)}).`,
    );
  }
}
