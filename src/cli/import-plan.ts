/** `npm run import:plan -- ARCHIVO.xlsx --dane CÓDIGO --first-year AÑO`: see src/application/import-plan.ts. */
import { basename } from 'node:path';
import { importPlanWorkbook } from '../application/import-plan';
import { loadConfig } from '../config';
import { describeProblem } from '../exchange/plan-import';
import { createLogger } from '../logging';
import { loadDivipola } from '../reference/divipola';
import { openStores } from '../runtime';
import { parseCommandLine, readArgumentFile, runCommand } from './command-line';
import { progress, type Progress } from './progress';
import { planOptions } from './read-models';

const USAGE = `Uso: npm run import:plan -- ARCHIVO.xlsx --dane CÓDIGO --first-year AÑO [--reason TEXTO] [--legal-basis ACTO]

Importa el libro de Excel del plan (el que escribe npm run export:plan o GET /planes/...xlsx) en la
bitácora configurada (EVENTSTORE_PATH o EVENTSTORE_URL): cada fila es el mismo comando que enviaría
un planificador, con el importador como actor y el archivo, la hoja y la fila como fuente.

Todo o nada: si alguna celda tiene un problema no se registra nada y se listan todos los problemas
(hoja, fila, columna y motivo), con salida 1. Reimportar un libro sin cambios no añade nada. Las
filas iguales a lo registrado no generan eventos; las filas que faltan no borran nada. Cambiar una
meta del plan adoptado es una modificación: exige justificación y acto administrativo, en las
columnas de la Tabla 11 o con --reason y --legal-basis.

Opciones:
  --dane CÓDIGO          código DANE del municipio del plan, p. ej. 73001
  --first-year AÑO       primer año del cuatrienio, p. ej. 2024
  --reason TEXTO         justificación para las filas que la necesitan y no la traen
  --legal-basis ACTO     acto administrativo para las modificaciones, p. ej. "Acuerdo 020 de 2025"
  --help                 muestra esta ayuda`;

async function main(): Promise<number | void> {
  const { values, positionals } = parseCommandLine({
    usage: USAGE,
    positionals: { min: 1, max: 1, names: 'el archivo .xlsx' },
    options: {
      dane: { type: 'string' },
      'first-year': { type: 'string' },
      reason: { type: 'string' },
      'legal-basis': { type: 'string' },
    },
  });
  const file = positionals[0]!;
  const { dane, firstYear } = planOptions(values);
  const content = readArgumentFile(file);
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const stores = await openStores(config, logger);
  try {
    let bar: Progress | undefined;
    const result = await importPlanWorkbook(stores.events, loadDivipola(), {
      daneCode: dane,
      firstYear,
      fileName: basename(file),
      content,
      principal: null,
      ...(values.reason ? { reason: values.reason } : {}),
      ...(values['legal-basis'] ? { legalBasis: values['legal-basis'] } : {}),
      onProgress: (done, total) => {
        bar ??= progress(total, 'filas', logger);
        bar.update(done);
      },
    });
    bar?.stop();
    const counts = {
      plan: result.stream,
      rows: result.rows,
      unchanged: result.unchanged,
      events: result.events.length,
      problems: result.problems.length,
      revision: result.revision,
    };
    if (result.problems.length > 0) {
      for (const problem of result.problems) console.error(describeProblem(problem));
      logger.warn(counts, 'libro rechazado: no se registró nada');
      console.log(JSON.stringify(counts));
      return 1;
    }
    logger.info(
      counts,
      result.events.length ? 'libro importado' : 'libro sin cambios: no se añadió nada',
    );
    console.log(JSON.stringify(counts));
  } finally {
    await stores.close();
  }
}

runCommand(main);
