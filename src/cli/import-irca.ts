/** `npm run import:irca -- <file.csv>`: INS yearly IRCA into the sector plans (see src/application/import-irca.ts). */
import { readFileSync } from 'node:fs';
import { importIrca } from '../application/import-irca';
import { loadConfig } from '../config';
import { createLogger } from '../logging';
import { loadDivipola } from '../reference/divipola';
import { openStores } from '../runtime';
import { progress } from './progress';

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error('Uso: npm run import:irca -- <archivo.csv>');
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const stores = await openStores(config, logger);
  try {
    const csv = readFileSync(file, 'utf8');
    let bar: ReturnType<typeof progress> | undefined;
    const report = await importIrca(stores.events, loadDivipola(), csv, (done, total) => {
      bar ??= progress(total, 'filas', logger);
      bar.update(done);
    });
    bar?.stop();
    for (const problem of report.malformed)
      logger.warn(problem, `línea ${problem.line} omitida: ${problem.message}`);
    logger.info(
      { ...report, malformed: report.malformed.length },
      'importación del IRCA terminada',
    );
  } finally {
    await stores.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
