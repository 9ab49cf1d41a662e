/** `npm run export:plan`: a plan's workbook (Tablas 1-11 of Res. 449) as of a semester, to a file. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseSemester, semesterEnd } from '../domain/time';
import { exportPlanWorkbook } from '../exchange/plan-export';
import { workbookBytes } from '../exchange/plan-workbook';
import { parseCommandLine, runCommand } from './command-line';
import { endedSemester, openCaughtUp, planOptions } from './read-models';

const USAGE = `Uso: npm run export:plan -- --dane CÓDIGO --first-year AÑO [--semester AAAA-S] [--out ARCHIVO.xlsx]

Escribe el libro de Excel del plan sectorial (una hoja por tabla de la Resolución 449 de 2013:
Tablas 1, 3, 4, 5, 6, 8, 9, 10 y 11, más los avances) tal como estaba al cierre del semestre
(o hoy, sin --semester), con una portada que nombra los instantes, la fuente y el sello del
semestre. Es el mismo libro de GET /planes/{códigoDANE}/{añoInicial}.xlsx?semestre=AAAA-S y el que
importa npm run import:plan.

Opciones:
  --dane CÓDIGO        código DANE del municipio, p. ej. 73001
  --first-year AÑO     primer año del cuatrienio, p. ej. 2024
  --semester AAAA-S    semestre de corte ya terminado, p. ej. 2025-1 (por omisión: hoy)
  --out ARCHIVO        archivo a escribir (por omisión plan-{dane}-{año}[-{semestre}].xlsx)
  --help               muestra esta ayuda`;

async function main(): Promise<void> {
  const { values } = parseCommandLine({
    usage: USAGE,
    options: {
      dane: { type: 'string' },
      'first-year': { type: 'string' },
      semester: { type: 'string' },
      out: { type: 'string' },
    },
  });
  const { dane, firstYear } = planOptions(values);
  const semester =
    values.semester === undefined
      ? null
      : endedSemester(values.semester, (s) => semesterEnd(parseSemester(s)));
  const { stores, logger, services } = await openCaughtUp();
  try {
    const exported = await exportPlanWorkbook(services, dane, firstYear, semester);
    if (!exported)
      throw new Error(
        `no hay plan sectorial ${firstYear}-${firstYear + 3} registrado para ${dane}${semester ? ` al cierre de ${semester}` : ''}.`,
      );
    const out = values.out ?? exported.fileName;
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, await workbookBytes(exported.workbook));
    logger.info({ file: out, semester }, 'libro del plan escrito');
    console.log(out);
  } finally {
    await stores.close();
  }
}

runCommand(main);
