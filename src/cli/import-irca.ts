/** `npm run import:irca -- <file.csv>`: INS yearly IRCA into the sector plans (see src/application/import-irca.ts). */
import { importIrca } from '../application/import-irca';
import { loadConfig } from '../config';
import { createLogger } from '../logging';
import { loadDivipola } from '../reference/divipola';
import { openStores } from '../runtime';
import { parseCommandLine, readArgumentFile, runCommand } from './command-line';
import { progress } from './progress';

const USAGE = `Uso: npm run import:irca -- ARCHIVO.csv

Importa el archivo anual del IRCA del INS (columnas dane_code, year, irca, risk_level, irca_urban,
risk_level_urban, irca_rural, risk_level_rural, como test/fixtures/irca_yearly_2007_2023.csv) como
avance de los indicadores de IRCA de cada plan sectorial abierto, en la bitácora configurada
(EVENTSTORE_PATH o EVENTSTORE_URL). Reimportar no añade nada. Cada línea mal formada se informa
con su número y el motivo, y se omite; al final se imprimen los conteos.

Opciones:
  --help   muestra esta ayuda`;

async function main(): Promise<void> {
  const { positionals } = parseCommandLine({
    usage: USAGE,
    positionals: { min: 1, max: 1, names: 'el archivo CSV' },
  });
  const file = positionals[0]!;
  const content = readArgumentFile(file);
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const stores = await openStores(config, logger);
  try {
    let bar: ReturnType<typeof progress> | undefined;
    const report = await importIrca(stores.events, loadDivipola(), content, (done, total) => {
      bar ??= progress(total, 'filas', logger);
      bar.update(done);
    });
    bar?.stop();
    for (const problem of report.malformed)
      logger.warn(problem, `línea ${problem.line} omitida: ${problem.message}`);
    const counts = { ...report, malformed: report.malformed.length };
    logger.info(counts, 'importación del IRCA terminada');
    console.log(JSON.stringify(counts));
  } finally {
    await stores.close();
  }
}

runCommand(main);
