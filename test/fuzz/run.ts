/**
 * `npm run fuzz -- [--runs 10000] [--seed N]`: the schema-driven fuzzer against a real server
 * on a fresh database; prints a JSON summary (requests, counts per HTTP status and error code,
 * events appended) and exits 1 when a property fails.
 */
import { parseCommandLine } from '../../src/cli/command-line';
import { runFuzz } from './harness';

async function main(): Promise<void> {
  const { values } = parseCommandLine({
    usage: `Uso: npm run fuzz -- [--runs N] [--seed N]

Envía peticiones malformadas, generadas desde schema/schema.graphql, a un servidor real sobre
una base nueva con los datos de demostración, y comprueba: ninguna respuesta 5xx, ningún
INTERNAL_SERVER_ERROR, solo códigos documentados y ningún evento añadido. Imprime un resumen JSON.

Opciones:
  --runs N   peticiones a enviar (por omisión 10000)
  --seed N   semilla de fast-check, para repetir una corrida
  --help     muestra esta ayuda`,
    options: { runs: { type: 'string', default: '10000' }, seed: { type: 'string' } },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs debe ser un entero positivo.');
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  const summary = await runFuzz({ runs, ...(seed === undefined ? {} : { seed }) });
  console.log(JSON.stringify(summary, null, 2));
  if (summary.eventsAppended !== 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  if (error instanceof Error && error.cause instanceof Error) console.error(error.cause.stack);
  process.exitCode = 1;
});
