/**
 * `npm run schema`: writes the emitted SDL to schema/schema.graphql, unless it breaks clients
 * without a CHANGELOG entry (`--check` only compares).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesFromReadme, printExamples } from '../graphql/examples';
import { bitacoraSchema, printBitacoraSchema } from '../graphql/schema';
import { compareSchemas, describeComparison } from '../graphql/schema-changes';
import { parseCommandLine } from './command-line';
import { runCommand } from './exit';

const { values } = parseCommandLine({
  usage: `Uso: npm run schema [-- --check]

Escribe el esquema GraphQL emitido por el código en schema/schema.graphql y las operaciones de
ejemplo del README en schema/examples.graphql (un test falla cuando difieren; después, \`npm run
codegen\` regenera el cliente tipado de schema/client/). Antes compara el esquema con el escrito
(GraphQL Inspector): lista los cambios incompatibles y peligrosos, y no escribe nada si un cambio
incompatible no está registrado en schema/CHANGELOG.md (una entrada que nombre su coordenada, p. ej.
\`Query.plan.asOf\`). Opciones:
  --check  solo compara y lista; termina con 1 si hay cambios incompatibles sin registrar
  --help   muestra esta ayuda (sin escribir nada)`,
  options: { check: { type: 'boolean' } },
});

const folder = join(__dirname, '..', '..', 'schema');
const path = join(folder, 'schema.graphql');

runCommand(async () => {
  const committed = readFileSync(path, 'utf8');
  const changelog = readFileSync(join(folder, 'CHANGELOG.md'), 'utf8');
  const comparison = await compareSchemas(committed, bitacoraSchema(), changelog).catch(
    (error: unknown) => {
      throw new Error(
        `schema/schema.graphql no es un esquema válido (¿un conflicto de fusión?): ${error instanceof Error ? error.message : String(error)}. Tome la versión publicada (p. ej. \`git checkout main -- schema/schema.graphql\`) y repita.`,
      );
    },
  );
  console.log(describeComparison(comparison));
  if (comparison.unrecorded.length > 0) {
    console.error('No se escribió schema/schema.graphql.');
    return 1;
  }
  if (values.check) return 0;
  writeFileSync(path, printBitacoraSchema());
  const readme = readFileSync(join(folder, '..', 'README.md'), 'utf8');
  writeFileSync(join(folder, 'examples.graphql'), printExamples(examplesFromReadme(readme)));
  console.log(`esquema escrito en ${path}; ejemplos del README en schema/examples.graphql`);
  return 0;
});
