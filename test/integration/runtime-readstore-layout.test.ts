/**
 * `openStores` on a read-model file another version built: the server and `npm run rebuild`
 * (incompatibleReadStore: 'rebuild') empty it and say so at warn level; every other opener
 * refuses it and leaves it as it is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logging';
import { IncompatibleReadStoreError, SqliteReadStore } from '../../src/readstore/sqlite';
import { openStores } from '../../src/runtime';

describe('openStores on a read-model file built by another version', () => {
  let dir: string;
  let readstorePath: string;
  const config = () =>
    loadConfig({
      NODE_ENV: 'test',
      EVENTSTORE_PATH: join(dir, 'bitacora.db'),
      READSTORE_PATH: readstorePath,
      SEED_DEMO: 'false',
    });
  const OLD_VERSION = 'goals@1';

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-runtime-layout-'));
    readstorePath = join(dir, 'bitacora.read.db');
    // Given: a file an older version built, with a document and its checkpoint.
    const old = new SqliteReadStore({ path: readstorePath, builtBy: OLD_VERSION });
    await old.commit(
      'goals',
      new Map([['goals', [{ kind: 'put', document: { _id: 'g1', _position: 4 } }]]]),
      4,
    );
    await old.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is refused by default (a CLI that only reads) and keeps its documents and checkpoint', async () => {
    await expect(openStores(config(), createLogger('silent'))).rejects.toThrow(
      IncompatibleReadStoreError,
    );

    const old = new SqliteReadStore({ path: readstorePath, builtBy: OLD_VERSION });
    expect(await old.getCheckpoint('goals')).toBe(4);
    expect(await old.collection('goals').count()).toBe(1);
    await old.close();
  });

  it("is emptied by the server's opening (rebuild), logged at warn level with what it was built by", async () => {
    const lines: Array<{ level: number; msg: string; found?: { builtBy: string } }> = [];
    const logger = pino(
      { level: 'warn' },
      { write: (line: string) => void lines.push(JSON.parse(line)) },
    );

    const stores = await openStores(config(), logger, { incompatibleReadStore: 'rebuild' });

    expect(await stores.readStore.getCheckpoint('goals')).toBeNull();
    await stores.close();
    const file = new Database(readstorePath, { readonly: true });
    expect(file.prepare("SELECT name FROM sqlite_master WHERE name = 'c:goals'").all()).toEqual([]);
    file.close();
    const warning = lines.find((line) => line.msg.startsWith('modelos de lectura vaciados'));
    expect(warning?.level).toBe(40);
    expect(warning?.found?.builtBy).toBe(OLD_VERSION);
    expect(warning?.msg).toContain(`el archivo tiene ${OLD_VERSION}`);
  });
});

describe('openStores: the catch-up in worker threads', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-runtime-workers-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const open = (readstorePath: string) =>
    openStores(
      loadConfig({
        NODE_ENV: 'test',
        EVENTSTORE_PATH: join(dir, 'bitacora.db'),
        READSTORE_PATH: readstorePath,
        SEED_DEMO: 'false',
        CATCHUP_WORKERS: '2',
      }),
      createLogger('silent'),
    );

  it('runs on read models in a file, for the generation in force or the one a rebuild builds', async () => {
    const stores = await open(join(dir, 'bitacora.read.db'));
    try {
      expect(stores.embedded?.catchUp).toBeDefined();
      const next = stores.embedded!.catchUpAt(1);
      expect(next).not.toBe(stores.embedded!.catchUp);
    } finally {
      await stores.close();
    }
  });

  it('does not run on read models in memory, which no worker could open', async () => {
    const stores = await open(':memory:');
    try {
      expect(stores.embedded).toBeUndefined();
    } finally {
      await stores.close();
    }
  });
});
