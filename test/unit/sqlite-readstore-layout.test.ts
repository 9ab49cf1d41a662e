/**
 * A read-model file built with one layout (projections and versions, derived collections, table
 * format) and opened with another: refused by default, nothing touched; emptied only by an opener
 * that rebuilds the read models from the log.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { derivedDocuments, projectionsSignature } from '../../src/projector/derived';
import { openWorkerReadStore } from '../../src/projector/worker-read-store';
import {
  IncompatibleReadStoreError,
  SqliteReadStore,
  type SqliteReadStoreOptions,
} from '../../src/readstore/sqlite';

describe('a read-model file opened with another layout', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-layout-'));
    path = join(dir, 'read.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Given: a file built by `builtBy` holding one goal and the goals checkpoint at 7. */
  async function builtBy(options: Omit<SqliteReadStoreOptions, 'path'>): Promise<void> {
    const store = new SqliteReadStore({ path, ...options });
    await store.commit(
      'goals',
      new Map([['goals', [{ kind: 'put', document: { _id: 'g1', _position: 7, planId: 'p1' } }]]]),
      7,
    );
    await store.close();
  }

  /** Then: opened as it was built, the goal and its checkpoint are still there. */
  async function expectIntact(options: Omit<SqliteReadStoreOptions, 'path'>): Promise<void> {
    const store = new SqliteReadStore({ path, ...options });
    expect(store.emptiedOnOpen).toBeNull();
    expect(await store.getCheckpoint('goals')).toBe(7);
    expect(await store.collection('goals').find({})).toEqual([
      { _id: 'g1', _position: 7, planId: 'p1' },
    ]);
    await store.close();
  }

  it('is refused by default, naming the file, both sides and how to rebuild, and keeps every document and checkpoint', async () => {
    await builtBy({ builtBy: 'goals@1,plans@1' });

    let refusal: unknown;
    try {
      new SqliteReadStore({ path, builtBy: 'goals@2,plans@1' });
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(IncompatibleReadStoreError);
    const error = refusal as IncompatibleReadStoreError;
    expect(error.path).toBe(path);
    expect(error.found).toEqual({
      version: expect.any(Number),
      builtBy: 'goals@1,plans@1',
      derived: [],
    });
    expect(error.expected.builtBy).toBe('goals@2,plans@1');
    expect(error.message).toContain(`el almacén de lectura ${path}`);
    // Only what differs: the projection in the file and the one expected.
    expect(error.message).toContain(
      'proyecciones: el archivo tiene goals@1, este proceso espera goals@2',
    );
    expect(error.message).toContain('no se modificó nada');
    expect(error.message).toContain('npm start');
    expect(error.message).toContain('npm run rebuild');
    await expectIntact({ builtBy: 'goals@1,plans@1' });
  });

  it('is refused when the opener leaves out the derived collections (a script opening a national file)', async () => {
    const log = new SqliteEventStore({ path: join(dir, 'log.db') });
    const signature = projectionsSignature(ALL_PROJECTIONS);
    const server = { builtBy: signature, derived: derivedDocuments(ALL_PROJECTIONS, log) };
    await builtBy(server);

    expect(() => new SqliteReadStore({ path, builtBy: signature })).toThrow(
      /colecciones derivadas de la bitácora: el archivo tiene .*audit.*, este proceso espera ninguna/,
    );

    await expectIntact(server);
    await log.close();
  });

  it('is refused when its tables are of another format version', async () => {
    await builtBy({ builtBy: 'goals@1' });
    const raw = new Database(path);
    const layout = JSON.parse(
      raw.prepare("SELECT value FROM _meta WHERE key = 'layout'").pluck().get() as string,
    ) as { version: number };
    raw
      .prepare("UPDATE _meta SET value = ? WHERE key = 'layout'")
      .run(JSON.stringify({ ...layout, version: layout.version - 1 }));
    raw.close();

    expect(() => new SqliteReadStore({ path, builtBy: 'goals@1' })).toThrow(
      `formato de tablas: el archivo tiene ${layout.version - 1}, este proceso espera ${layout.version}`,
    );

    // The file still says what it was: the refusal wrote nothing.
    const after = new Database(path, { readonly: true });
    expect(after.prepare("SELECT value FROM _meta WHERE key = 'layout'").pluck().get()).toBe(
      JSON.stringify({ ...layout, version: layout.version - 1 }),
    );
    expect(after.prepare('SELECT count(*) FROM "c:goals"').pluck().get()).toBe(1);
    after.close();
  });

  it('is refused at once while a writer holds the file (the server in a long batch)', async () => {
    await builtBy({ builtBy: 'goals@1' });
    const writer = new Database(path);
    writer.exec('BEGIN IMMEDIATE');

    // Refusing takes no write lock: waiting for one would end in SQLITE_BUSY, not this error.
    expect(() => new SqliteReadStore({ path, builtBy: 'goals@2' })).toThrow(
      IncompatibleReadStoreError,
    );

    writer.exec('ROLLBACK');
    writer.close();
    await expectIntact({ builtBy: 'goals@1' });
  });

  it('is refused when it has tables but no layout saved (not a read-model file)', async () => {
    const other = new Database(path);
    other.exec("CREATE TABLE payments (id TEXT); INSERT INTO payments VALUES ('x')");
    other.close();

    expect(() => new SqliteReadStore({ path, onIncompatible: 'refuse' })).toThrow(
      'el archivo tiene tablas pero no dice con qué fue construido',
    );

    const after = new Database(path, { readonly: true });
    expect(after.prepare('SELECT id FROM payments').pluck().all()).toEqual(['x']);
    after.close();
  });

  it("is emptied with onIncompatible: 'rebuild', which says what it found", async () => {
    await builtBy({ builtBy: 'goals@1' });

    const store = new SqliteReadStore({ path, builtBy: 'goals@2', onIncompatible: 'rebuild' });

    expect(store.emptiedOnOpen).toEqual({
      found: { version: expect.any(Number), builtBy: 'goals@1', derived: [] },
      expected: { version: expect.any(Number), builtBy: 'goals@2', derived: [] },
    });
    expect(await store.getCheckpoint('goals')).toBeNull();
    expect(await store.collection('goals').count()).toBe(0);
    await store.close();
    // Now built by the opener: opened again by it, nothing more is emptied.
    const again = new SqliteReadStore({ path, builtBy: 'goals@2' });
    expect(again.emptiedOnOpen).toBeNull();
    await again.close();
  });

  it.each(['refuse', 'rebuild'] as const)(
    'a new or empty file is initialised (onIncompatible: %s)',
    async (onIncompatible) => {
      const empty = join(dir, 'empty.db');
      writeFileSync(empty, '');
      for (const file of [path, empty]) {
        const store = new SqliteReadStore({ path: file, builtBy: 'goals@1', onIncompatible });
        expect(store.emptiedOnOpen).toBeNull();
        await store.commit('goals', new Map(), 3);
        await store.close();
        const reopened = new SqliteReadStore({ path: file, builtBy: 'goals@1' });
        expect(await reopened.getCheckpoint('goals')).toBe(3);
        await reopened.close();
      }
    },
  );

  it("a catch-up worker thread refuses the main thread's file when it expects another layout", async () => {
    const log = new SqliteEventStore({ path: join(dir, 'log.db') });
    const signature = projectionsSignature(ALL_PROJECTIONS);
    const server = { builtBy: signature, derived: derivedDocuments(ALL_PROJECTIONS, log) };
    await builtBy(server);

    // A worker given the main thread's builtBy opens it as it is.
    const same = openWorkerReadStore(path, log, signature, { cacheBytes: 1024 });
    expect(await same.getCheckpoint('goals')).toBe(7);
    await same.close();
    // One given another (or none: options.builtBy missing) refuses instead of emptying it.
    expect(() => openWorkerReadStore(path, log, '', { cacheBytes: 1024 })).toThrow(
      IncompatibleReadStoreError,
    );
    expect(() =>
      openWorkerReadStore(
        path,
        log,
        signature.replace(/@(\d+)/, (_, v) => `@${Number(v) + 1}`),
        {
          cacheBytes: 1024,
        },
      ),
    ).toThrow(IncompatibleReadStoreError);

    await expectIntact(server);
    await log.close();
  });
});
