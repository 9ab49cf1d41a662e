/**
 * A write to the read-model file while another connection holds its write lock waits for it, as
 * long as the connection's busy timeout, then fails with SQLITE_BUSY: 10 s by default, five minutes
 * for a catch-up thread (the other threads' large commits are work being done). It waits in
 * timers: the event loop goes on meanwhile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ALL_PROJECTIONS } from '../../projections';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { derivedDocuments } from '../../src/projector/derived';
import { openWorkerReadStore } from '../../src/projector/worker-read-store';
import { SqliteReadStore } from '../../src/readstore/sqlite';

describe('a write while another connection holds the read store', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-busy-'));
    path = join(dir, 'read.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const goal = { kind: 'put' as const, document: { _id: 'g1', _position: 1, planId: 'p1' } };

  /**
   * g1 moved to plan p2, written while another connection holds the lock: prepared, then waiting.
   * The lock is released once it waits; its next try is in a later turn.
   */
  async function writeHeldBack(store: SqliteReadStore) {
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    const moved = {
      kind: 'put' as const,
      document: { ...goal.document, _position: 2, planId: 'p2' },
    };
    const waiting = store.collection('goals').write([moved]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    holder.exec('ROLLBACK');
    holder.close();
    return { moved, waiting };
  }

  it('waits the busy timeout it was given, then fails with SQLITE_BUSY', async () => {
    const store = new SqliteReadStore({ path, busyTimeoutMs: 200 });
    await store.collection('goals').write([goal]);
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      await expect(store.collection('goals').write([goal])).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(150);
      expect(waited).toBeLessThan(5_000);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      await store.close();
    }
  });

  it('waits with the event loop turning, and writes once the lock is free', async () => {
    const store = new SqliteReadStore({ path, busyTimeoutMs: 5_000 });
    await store.collection('goals').write([goal]);
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 5);
    // Released by a timer: a write waiting in SQLite's busy handler would keep it from firing.
    setTimeout(() => holder.exec('COMMIT'), 150);
    try {
      const changed = {
        kind: 'put' as const,
        document: { ...goal.document, _position: 2, planId: 'p2' },
      };
      await store.collection('goals').write([changed]);
      expect(turns).toBeGreaterThanOrEqual(5);
      expect(await store.collection('goals').findOne({ _id: 'g1' })).toMatchObject({
        planId: 'p2',
      });
      const later = { kind: 'put' as const, document: { ...goal.document, _position: 3 } };
      await store.commit('goals', new Map([['goals', [later]]]), 7);
      expect(await store.collection('goals').findOne({ _id: 'g1' })).toMatchObject({
        planId: 'p1',
      });
      expect(await store.getCheckpoint('goals')).toBe(7);
    } finally {
      clearInterval(ticking);
      holder.close();
      await store.close();
    }
  });

  it('a commit refused for want of the lock lands nothing, and the next one lands', async () => {
    const store = new SqliteReadStore({ path, busyTimeoutMs: 200 });
    // The document's shape is known to the file before: encoding it saves nothing under the lock.
    await store.collection('goals').write([{ ...goal, document: { ...goal.document, _id: 'g0' } }]);
    const holder = new Database(path);
    holder.exec('BEGIN IMMEDIATE');
    let turns = 0;
    const ticking = setInterval(() => (turns += 1), 5);
    try {
      await expect(store.commit('goals', new Map([['goals', [goal]]]), 3)).rejects.toMatchObject({
        code: 'SQLITE_BUSY',
      });
      // It waited in timers for the busy timeout, not on the event loop.
      expect(turns).toBeGreaterThanOrEqual(10);
    } finally {
      clearInterval(ticking);
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(await store.getCheckpoint('goals')).toBeNull();
    expect(await store.collection('goals').findOne({ _id: 'g1' })).toBeNull();
    await store.commit('goals', new Map([['goals', [goal]]]), 3);
    expect(await store.getCheckpoint('goals')).toBe(3);
    await store.close();
  });

  it('a write prepared before the lock, whose columns changed meanwhile, is prepared again', async () => {
    const store = new SqliteReadStore({ path });
    const other = new SqliteReadStore({ path });
    await store.collection('goals').write([goal]);
    // Prepared with the columns of now (none), then waiting for the lock.
    const { waiting } = await writeHeldBack(store);
    // Another connection indexes planId first (its first try is in this very turn).
    const indexing = other.collection('goals').createIndex({ keys: { planId: 1 } });
    await Promise.all([waiting, indexing]);
    // The write carries the column's value: the index finds the document by its new planId.
    expect(
      store.db.prepare('SELECT "k:planId" FROM "c:goals" WHERE id = ?').pluck().get('g1'),
    ).toBe('p2');
    expect(await other.collection('goals').find({ planId: 'p2' })).toEqual([
      expect.objectContaining({ _id: 'g1', _position: 2 }),
    ]);
    await other.close();
    await store.close();
  });

  it('a write encoded before the lock, whose structures the store forgot meanwhile, is encoded again', async () => {
    const store = new SqliteReadStore({ path });
    // The goal's shape is in the file's structures before: the waiting write saves none.
    await store.collection('goals').write([goal]);
    const { moved, waiting } = await writeHeldBack(store);
    // In this very turn, before the waiting write tries again: the store emptied (its structures
    // forgotten), and a document of another shape saves its structure first, in the slot the
    // goal's shape had.
    const emptied = store.dropAll();
    const note = {
      kind: 'put' as const,
      document: { _id: 'n1', _position: 1, texto: 'x', autor: 'y' },
    };
    const other = store.collection('notes').write([note]);
    await Promise.all([waiting, emptied, other]);
    await store.close();
    // Read back by another connection (no cache): each document with its own fields.
    const reader = new SqliteReadStore({ path });
    expect(await reader.collection('goals').findOne({ _id: 'g1' })).toEqual(moved.document);
    expect(await reader.collection('notes').findOne({ _id: 'n1' })).toEqual(note.document);
    await reader.close();
  });

  it('a failed transaction leaves no column behind in memory', async () => {
    const store = new SqliteReadStore({ path });
    await store.collection('goals').write([goal]);
    // A column added in a transaction that then fails: the file forgets it, and so does the
    // connection (its own rollback does not change the data version it watches).
    expect(() =>
      store.transaction(() => {
        void store.collection('goals').createIndex({ keys: { planId: 1 } });
        throw new Error('falla después del índice');
      }),
    ).toThrow('falla después del índice');
    const moved = {
      kind: 'put' as const,
      document: { ...goal.document, _position: 2, planId: 'p2' },
    };
    await store.collection('goals').write([moved]);
    expect(await store.collection('goals').find({ planId: 'p2' })).toEqual([moved.document]);
    await store.close();
  });

  it('gives a catch-up thread five minutes, and others 10 s', async () => {
    const events = new SqliteEventStore({ path: join(dir, 'log.db') });
    const worker = openWorkerReadStore(path, events, '', {});
    const opened = new SqliteReadStore({
      path,
      derived: derivedDocuments(ALL_PROJECTIONS, events),
    });
    const timeout = (store: SqliteReadStore) => store.db.pragma('busy_timeout', { simple: true });
    try {
      expect(timeout(worker)).toBe(300_000);
      expect(timeout(opened)).toBe(10_000);
    } finally {
      await worker.close();
      await opened.close();
      await events.close();
    }
  });
});
