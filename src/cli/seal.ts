/**
 * `npm run seal -- --semester 2025-1 [--out sello.json]` (or `--all`): seals ended semesters by
 * hand, as the server does at each semester's end. Verifies the whole log first (a damaged log is
 * never sealed), signs the tree head at the semester's end and appends it to the `seals` stream.
 * Idempotent: a semester already sealed is reported, not sealed again. `--out` writes the seal file
 * a control body keeps (with the sealed leaves, so a later check can name the first changed one).
 */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../config';
import { parseCommandLine, runCommand, UsageError } from './command-line';
import { parseSemester, semesterEnd } from '../domain/time';
import { checkLog } from '../integrity/check-log';
import { openLog } from '../integrity/open-log';
import {
  appendSeal,
  keyringOf,
  loadSealKey,
  readSeals,
  sealFileOf,
  sealedThroughOf,
  signSeal,
} from '../integrity/seals';

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    usage: `Uso: npm run seal -- --semester AAAA-S [--semester ...] [--out ARCHIVO] | --all

Sella a mano semestres ya terminados (hora de Bogotá), como lo hace el servidor al final de cada
semestre: verifica toda la bitácora (nunca sella una dañada), firma la cabeza del árbol de Merkle
al final del semestre y la añade al flujo "seals". Idempotente: un semestre ya sellado se informa.

Opciones:
  --semester AAAA-S  semestre a sellar, p. ej. 2025-1; se puede repetir
  --all              sella todos los semestres terminados que falten
  --out ARCHIVO      escribe el archivo de sello que guarda un órgano de control
  --help             muestra esta ayuda`,
    options: {
      semester: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  if (!values.all && !values.semester?.length)
    throw new UsageError('indique --semester AAAA-S (p. ej. 2025-1) o --all.');
  const now = new Date();
  for (const semester of values.semester ?? []) {
    if (!/^\d{4}-[12]$/.test(semester))
      throw new UsageError(`--semester "${semester}" no es un semestre: use AAAA-1 o AAAA-2.`);
    if (semesterEnd(parseSemester(semester)) >= now)
      throw new UsageError(`el semestre ${semester} no ha terminado: no se puede sellar todavía.`);
  }
  const config = loadConfig();
  const key = await loadSealKey({
    sealPrivateKey: config.sealPrivateKey,
    sealPrivateKeyFile: config.sealPrivateKeyFile,
    developmentKeyPath: config.sealDevelopmentKeyPath,
    production: config.production,
  });
  const log = await openLog(config);
  try {
    const already = new Map((await readSeals(log.events)).map((s) => [s.semester, s]));
    const wanted = values.semester ?? [];
    const pending = values.all || wanted.some((s) => !already.has(s));
    const report = pending
      ? await checkLog(log.input, log.events, {
          keyring: keyringOf(key),
          contiguousPositions: log.contiguousPositions,
          now,
        })
      : null;
    if (report && !report.ok) {
      console.error(
        `✗ No se sella un registro dañado: ${report.faultCount} fallas (ejecute npm run verify).`,
      );
      for (const fault of report.faults.slice(0, 10)) console.error(`  ${fault.message}`);
      return 1;
    }
    const semesters = values.all ? (report?.semesters ?? []).map((s) => s.semester) : wanted;
    let lastSeal = null;
    for (const semester of semesters) {
      const head = report?.semesters.find((s) => s.semester === semester);
      const result = await appendSeal(
        log.events,
        async () => {
          if (!head) throw new Error(`El registro no tiene eventos hasta ${semester}.`);
          return signSeal(key, {
            semester,
            treeSize: head.size,
            rootHash: head.rootHash,
            lastPosition: head.lastPosition,
            sealedThrough: sealedThroughOf(semester).toISOString(),
            sealedAt: new Date().toISOString(),
          });
        },
        semester,
      );
      lastSeal = result.seal;
      console.log(
        `${result.appended ? '✓ sellado' : '= ya estaba sellado'} ${semester}: ${result.seal.treeSize} eventos, raíz ${result.seal.rootHash} (seals@${result.seal.revision}, clave ${result.seal.kid})`,
      );
    }
    if (values.out && lastSeal) {
      const leaves = await log.leaves(lastSeal.treeSize);
      writeFileSync(values.out, `${JSON.stringify(sealFileOf(lastSeal, leaves), null, 2)}\n`);
      console.log(`  archivo del sello: ${values.out}`);
    }
    return 0;
  } finally {
    await log.close();
  }
}

runCommand(main);
