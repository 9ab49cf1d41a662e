/**
 * `npm run verify [-- --json] [--seal FILE ...] [--jwks FILE] [--proof FILE]`
 *
 * Reads the whole configured log (embedded SQLite or EventStoreDB) and recomputes every event's
 * hash, every stream's chain, the order of positions and the Merkle tree, and checks every seal
 * recorded in the log and every seal file given. `--proof FILE` instead checks a proof returned by
 * the API (`eventProof` or `consistencyProof`) against its seal. Exit 0 when intact; 1 when not
 * (or when the log could not be read: not proven intact); 2 for a bad command line.
 */
import { basename } from 'node:path';
import { loadConfig } from '../config';
import { parseCommandLine, readArgumentFile, runCommand } from './command-line';
import { checkLog } from '../integrity/check-log';
import { openLog } from '../integrity/open-log';
import { checkProofFile } from '../integrity/proof-file';
import { trustedKeys, type SealFile } from '../integrity/seals';
import type { Fault } from '../integrity/verifier';
import { createLogger } from '../logging';
import { progress } from './progress';

function describe(fault: Fault): string {
  const differs =
    fault.expected !== undefined || fault.found !== undefined
      ? `\n    esperado: ${String(fault.expected)}\n    hallado:  ${String(fault.found)}`
      : '';
  return `  ✗ [${fault.kind}] ${fault.message}${differs}`;
}

async function main(): Promise<number> {
  const { values } = parseCommandLine({
    usage: `Uso: npm run verify -- [--json] [--seal ARCHIVO ...] [--jwks ARCHIVO] [--proof ARCHIVO]

Lee toda la bitácora configurada (SQLite embebida o EventStoreDB) y recalcula el hash de cada
evento, la cadena de cada flujo, el orden de las posiciones y el árbol de Merkle; comprueba cada
sello registrado y cada archivo de sello dado. Sale con 0 si está íntegra; 1 si no lo está (o si
no se pudo leer: no queda probada); 2 si la línea de comandos está mal (opción o archivo).

Opciones:
  --json             salida JSON para máquinas
  --seal ARCHIVO     un sello descargado antes (/sellos/AAAA-S.json); se puede repetir
  --jwks ARCHIVO     la clave pública del sello (/.well-known/jwks.json)
  --proof ARCHIVO    comprueba una prueba (eventProof o consistencyProof) contra su sello
  --workers N        hilos para recalcular hashes (por omisión 2)
  --help             muestra esta ayuda`,
    options: {
      json: { type: 'boolean', default: false },
      seal: { type: 'string', multiple: true },
      jwks: { type: 'string' },
      proof: { type: 'string' },
      workers: { type: 'string' },
    },
  });
  const config = loadConfig();
  const keyConfig = {
    sealPrivateKey: config.sealPrivateKey,
    sealPrivateKeyFile: config.sealPrivateKeyFile,
    developmentKeyPath: config.sealDevelopmentKeyPath,
    production: config.production,
  };
  const keyring = await trustedKeys(
    keyConfig,
    values.jwks ? JSON.parse(readArgumentFile(values.jwks).toString('utf8')) : undefined,
  );

  if (values.proof) {
    const verdict = await checkProofFile(
      JSON.parse(readArgumentFile(values.proof).toString('utf8')),
      keyring,
    );
    if (values.json) console.log(JSON.stringify(verdict, null, 2));
    else console.log(`${verdict.ok ? '✓' : '✗'} ${verdict.message}`);
    return verdict.ok ? 0 : 1;
  }

  const external = (values.seal ?? []).map((file) => ({
    origin: basename(file),
    seal: JSON.parse(readArgumentFile(file).toString('utf8')) as SealFile,
  }));
  const log = await openLog(config);
  try {
    const total = await log.count();
    const bar =
      !values.json && process.stderr.isTTY
        ? progress(total, 'eventos', createLogger('silent'))
        : null;
    const report = await checkLog(log.input, log.events, {
      keyring,
      external,
      contiguousPositions: log.contiguousPositions,
      ...(values.workers ? { workers: Number(values.workers) } : {}),
      onProgress: (done) => bar?.update(done),
    });
    bar?.stop();
    const { recordedSeals, ...rest } = report;
    if (values.json) {
      console.log(
        JSON.stringify(
          { log: log.description, ...rest, recordedSeals: recordedSeals.length },
          null,
          2,
        ),
      );
    } else {
      console.log(
        `${report.ok ? '✓ Bitácora íntegra' : '✗ Bitácora ALTERADA'}: ${report.events} eventos en ${report.streams} flujos (${log.description}), ${report.seconds.toFixed(1)} s.`,
      );
      console.log(`  Raíz de Merkle (${report.treeSize} hojas): ${report.rootHash}`);
      for (const seal of report.seals) {
        console.log(
          `  ${seal.ok ? '✓' : '✗'} sello ${seal.semester} (${seal.origin}): ${seal.treeSize} eventos`,
        );
      }
      for (const fault of report.faults) console.log(describe(fault));
      if (report.faultCount > report.faults.length) {
        console.log(`  … y ${report.faultCount - report.faults.length} fallas más (use --json).`);
      }
      if (report.ok && external.length === 0 && recordedSeals.length === 0) {
        console.log(
          '  Nota: sin sellos, la cadena por flujo no detecta a quien reescribe un evento y recalcula todos los hashes siguientes; verifique contra un sello guardado fuera (--seal).',
        );
      }
    }
    return report.ok ? 0 : 1;
  } finally {
    await log.close();
  }
}

runCommand(main);
