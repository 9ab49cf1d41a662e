/** `npm run schema`: writes the emitted SDL to schema/schema.graphql. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printBitacoraSchema } from '../graphql/schema';
import { parseCommandLine } from './command-line';

parseCommandLine({
  usage: `Uso: npm run schema

Escribe el esquema GraphQL emitido por el código en schema/schema.graphql (un test falla cuando
difieren). Opciones:
  --help   muestra esta ayuda (sin escribir nada)`,
});
const path = join(__dirname, '..', '..', 'schema', 'schema.graphql');
writeFileSync(path, printBitacoraSchema());
console.log(`esquema escrito en ${path}`);
