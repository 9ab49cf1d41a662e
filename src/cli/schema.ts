/** `npm run schema`: writes the emitted SDL to schema/schema.graphql. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { printBitacoraSchema } from '../graphql/schema';

const path = join(__dirname, '..', '..', 'schema', 'schema.graphql');
writeFileSync(path, printBitacoraSchema());
console.log(`esquema escrito en ${path}`);
