import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { verifyChain } from '../../src/eventstore/integrity';
import { QUERY_INDEXES, SqliteEventStore } from '../../src/eventstore/sqlite';
import { SequentialIds, TestClock } from '../support/clock';
import { newEvent, numbered } from '../support/events';

describe('embedded SQLite event store, on a file', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-'));
    path = join(dir, 'nested', 'bitacora.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the folder, uses WAL and synchronous=FULL, and survives a reopen', async () => {
    const store = new SqliteEventStore({ path });
    await store.append('plan-73001-2024', numbered(3), { expectedRevision: 'no_stream' });
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
    const reopened = new SqliteEventStore({ path });
    // synchronous is a setting of each connection, not of the file: asked of the store's own.
    expect(reopened.durabilitySettings()).toEqual({ journalMode: 'wal', synchronous: 2 });
    const throwAway = new SqliteEventStore({ path: ':memory:', durability: 'off' });
    expect(throwAway.durabilitySettings().synchronous).toBe(0);
    await throwAway.close();
    const events = await reopened.readStream('plan-73001-2024');
    expect(events.map((e) => e.data.n)).toEqual([0, 1, 2]);
    expect(verifyChain(events).ok).toBe(true);
    await reopened.close();
  });

  it('adds the query indexes (type, actor, keyed metadata) to a log that lacks them when it opens, keeping its events', async () => {
    const indexes = () => {
      const raw = new Database(path, { readonly: true });
      const names = raw
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE 'events_%'")
        .pluck()
        .all();
      raw.close();
      return names;
    };
    const old = new SqliteEventStore({ path, queryIndexes: false });
    await old.append('plan-73001-2024', numbered(3), { expectedRevision: 'no_stream' });
    await old.close();
    expect(indexes()).toEqual([]);
    const reopened = new SqliteEventStore({ path });
    expect(indexes()).toEqual(Object.keys(QUERY_INDEXES));
    expect(reopened.countIn({ types: ['Numbered'], actorIds: ['u-ibague-1'] })).toBe(3);
    expect(reopened.countIn({ types: ['Numbered'], actorIds: ['someone-else'] })).toBe(0);
    expect((await reopened.readStream('plan-73001-2024')).map((e) => e.data.n)).toEqual([0, 1, 2]);
    await reopened.close();
  });

  it('refuses to edit or delete an event, at the database level', async () => {
    const store = new SqliteEventStore({ path });
    await store.append('plan-73001-2024', numbered(1), { expectedRevision: 'no_stream' });
    await store.close();
    const raw = new Database(path);
    expect(() => raw.prepare("UPDATE events SET data = '{}'").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/append-only/);
    raw.close();
  });

  it('detects an event rewritten behind its back', async () => {
    const store = new SqliteEventStore({ path });
    await store.append(
      'plan-73001-2024',
      [newEvent('GoalSet', { total: 1000 }), newEvent('GoalAmended', { total: 900 })],
      { expectedRevision: 'no_stream' },
    );
    await store.close();
    const raw = new Database(path);
    raw.exec('DROP TRIGGER events_no_update');
    raw.prepare(`UPDATE events SET data = '{"total":1001}' WHERE revision = 0`).run();
    raw.close();
    const reopened = new SqliteEventStore({ path });
    const verdict = verifyChain(await reopened.readStream('plan-73001-2024'));
    expect(verdict).toEqual({ ok: false, checked: 0, revision: 0, reason: 'hash' });
    await reopened.close();
  });

  it('two connections on one file: one wins a race, the other gets a conflict', async () => {
    const clock = new TestClock();
    const first = new SqliteEventStore({ path, clock, ids: new SequentialIds('aaaaaaaa') });
    const second = new SqliteEventStore({ path, clock, ids: new SequentialIds('bbbbbbbb') });
    await first.append('s', [newEvent('A')], { expectedRevision: 'no_stream' });
    await second.append('s', [newEvent('B')], { expectedRevision: 0 });
    await expect(first.append('s', [newEvent('C')], { expectedRevision: 0 })).rejects.toMatchObject(
      { name: 'ConcurrencyError', actual: 1 },
    );
    // A subscription on one connection sees what the other appended (polling).
    const subscription = first.subscribeAll({ afterPosition: 2 });
    setTimeout(() => void second.append('s', [newEvent('D')], { expectedRevision: 1 }), 20);
    for await (const event of subscription) {
      expect(event.type).toBe('D');
      break;
    }
    await subscription.close();
    await first.close();
    await second.close();
  });

  it('never lets record time go backwards when the clock does', async () => {
    const clock = new TestClock('2025-03-01T12:00:00Z');
    const store = new SqliteEventStore({ path: ':memory:', clock });
    await store.append('s', [newEvent('A')], { expectedRevision: 'any' });
    clock.set('2025-02-01T12:00:00Z');
    const late = await store.append('s', [newEvent('B')], { expectedRevision: 'any' });
    expect(late.events[0]!.recordedAt.toISOString()).toBe('2025-03-01T12:00:00.000Z');
    expect(late.events[0]!.metadata.issuedAt).toBe('2025-02-01T12:00:00.000Z');
    await store.close();
  });
});
