import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InProcessLeases } from '../../src/readstore/lease';
import { MongoReadStore } from '../../src/readstore/mongo';
import { SqliteLeases } from '../../src/readstore/lease-sqlite';
import { describeLeaseContract } from './lease.contract';

describeLeaseContract('in-process', async () => {
  const leases = new InProcessLeases();
  return { a: leases, b: leases, close: () => leases.close() };
});

const dir = mkdtempSync(join(tmpdir(), 'bitacora-leases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
describeLeaseContract('SQLite file shared by two connections (two processes)', async () => {
  const path = join(dir, 'leases.db');
  const a = new SqliteLeases(path);
  const b = new SqliteLeases(path);
  return {
    a,
    b,
    close: async () => {
      await a.close();
      await b.close();
    },
  };
});

const mongoUrl = process.env.MONGODB_URL;
if (mongoUrl) {
  describeLeaseContract(`MongoDB (${mongoUrl})`, async () => {
    const database = `bitacora_test_${process.pid}`;
    const [one, two] = await Promise.all([
      MongoReadStore.connect({ url: mongoUrl, database }),
      MongoReadStore.connect({ url: mongoUrl, database }),
    ]);
    return {
      a: one.leases(),
      b: two.leases(),
      close: async () => {
        await one.close();
        await two.close();
      },
    };
  });
} else {
  console.info('Lease contract: MongoDB skipped (set MONGODB_URL to run it).');
}
