import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { MongoReadStore } from '../../src/readstore/mongo';
import { SqliteReadStore } from '../../src/readstore/sqlite';
import { describeReadStoreContract } from './readstore.contract';

describeReadStoreContract('embedded in memory (mingo)', async () => new EmbeddedReadStore());

const dir = mkdtempSync(join(tmpdir(), 'bitacora-readstore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describeReadStoreContract(
  'embedded persisted (SQLite + mingo)',
  async () => new SqliteReadStore({ path: join(dir, 'read.db') }),
);
// A cache smaller than any document keeps none: every query reads its documents' blobs from the file.
describeReadStoreContract(
  'embedded persisted (SQLite + mingo), without a document cache',
  async () => new SqliteReadStore({ path: join(dir, 'uncached.db'), cacheBytes: 1 }),
);

const mongoUrl = process.env.MONGODB_URL;
if (mongoUrl) {
  describeReadStoreContract(`MongoDB (${mongoUrl})`, () =>
    MongoReadStore.connect({ url: mongoUrl, database: `bitacora_test_${process.pid}` }),
  );
} else {
  console.info('ReadStore contract: MongoDB skipped (set MONGODB_URL to run it).');
}
