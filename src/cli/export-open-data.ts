/** `npm run export:open-data -- --semester 2025-1`: the semester's open data, to a folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSemester, semesterEnd } from '../domain/time';
import { buildOpenData, renderOpenData } from '../exchange/open-data';
import { parseCommandLine, runCommand } from './command-line';
import { progress, type Progress } from './progress';
import { endedSemester, openCaughtUp } from './read-models';

const USAGE = `Uso: npm run export:open-data -- --semester AAAA-S [--out CARPETA]

Escribe los datos abiertos del semestre (convenciones de datos.gov.co: UTF-8, CSV separado por
comas, fechas ISO 8601, columnas en minúsculas sin tildes): metas y avance de cada plan, puntajes
de riesgo SGP-APSB de la vigencia y ejecución de los Planes de Gestión Social, en CSV y JSON, con
su diccionario (columna, tipo, unidad, significado) y metadatos.json con el sello del semestre y el
SHA-256 de cada archivo. Sin datos personales. Son los mismos archivos de
GET /datos-abiertos/{semestre}/{archivo}.

Opciones:
  --semester AAAA-S   semestre ya terminado, p. ej. 2025-1
  --out CARPETA       carpeta de salida (por omisión datos-abiertos/{semestre})
  --help              muestra esta ayuda`;

async function main(): Promise<void> {
  const { values } = parseCommandLine({
    usage: USAGE,
    options: { semester: { type: 'string' }, out: { type: 'string' } },
  });
  const semester = endedSemester(values.semester, (s) => semesterEnd(parseSemester(s)));
  const out = values.out ?? join('datos-abiertos', semester);
  const { stores, logger, services } = await openCaughtUp();
  try {
    let bar: Progress | undefined;
    const started = Date.now();
    const release = await buildOpenData(services, semester, (done, total) => {
      bar ??= progress(total, 'planes', logger);
      bar.update(done);
    });
    bar?.stop();
    const files = await renderOpenData(release);
    mkdirSync(out, { recursive: true });
    for (const [name, content] of files) writeFileSync(join(out, name), content);
    const rows = Object.fromEntries(release.datasets.map((d) => [d.name, d.rows.length]));
    logger.info(
      {
        semester,
        folder: out,
        rows,
        sealed: release.seal !== null,
        seconds: (Date.now() - started) / 1000,
      },
      'datos abiertos escritos',
    );
    console.log(
      JSON.stringify({
        semester,
        folder: out,
        files: [...files.keys()],
        rows,
        sealed: release.seal !== null,
      }),
    );
  } finally {
    await stores.close();
  }
}

runCommand(main);
