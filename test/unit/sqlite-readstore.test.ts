import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { find } from 'mingo';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import type { LogViewSource } from '../../src/readstore/log-view';
import type { ReadDocument } from '../../src/readstore/port';
import { SqliteReadStore, type DerivedDocuments } from '../../src/readstore/sqlite';
import { newEvent } from '../support/events';
import { allEvents } from '../support/history';

interface Doc extends ReadDocument {
  _position?: number;
  planId?: unknown;
  tags?: unknown;
  value?: unknown;
  shape?: Record<string, unknown>;
}

describe('embedded read store persisted in SQLite', () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-read-'));
    path = join(dir, 'read.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps documents and checkpoints across a restart, committed together', async () => {
    const store = new SqliteReadStore({ path });
    await store.collection<Doc>('goals').createIndex({ keys: { planId: 1 } });
    await store.commit(
      'goals',
      new Map([['goals', [{ kind: 'put', document: { _id: 'g1', _position: 7, planId: 'p1' } }]]]),
      7,
    );
    await store.close();
    const reopened = new SqliteReadStore({ path });
    expect(await reopened.getCheckpoint('goals')).toBe(7);
    expect(await reopened.collection<Doc>('goals').find({ planId: 'p1' })).toEqual([
      { _id: 'g1', _position: 7, planId: 'p1' },
    ]);
    // A checkpoint never moves backwards.
    await reopened.commit('goals', new Map(), 5);
    expect(await reopened.getCheckpoint('goals')).toBe(7);
    await reopened.close();
  });

  it("sees another connection's commits: its cache empties when the file changes", async () => {
    const reader = new SqliteReadStore({ path });
    const writer = new SqliteReadStore({ path });
    const put = (value: number, position: number) =>
      writer.commit(
        'x',
        new Map([
          [
            'docs',
            [
              {
                kind: 'put',
                document: { _id: 'a', _position: position, value, shape: { [`k${value}`]: value } },
              },
            ],
          ],
        ]),
        position,
      );
    await put(1, 1);
    expect((await reader.collection<Doc>('docs').findByIds(['a']))[0]!.value).toBe(1);
    // A new document shape: its record structure is saved by the writer, read by the reader.
    await put(2, 2);
    const [again] = await reader.collection<Doc>('docs').findByIds(['a']);
    expect(again).toEqual({ _id: 'a', _position: 2, value: 2, shape: { k2: 2 } });
    await reader.close();
    await writer.close();
  });

  it("two connections declaring the same index on a new file: the second finds the first one's columns", async () => {
    const first = new SqliteReadStore({ path });
    const second = new SqliteReadStore({ path });
    const firstDocs = first.collection<Doc>('docs');
    const secondDocs = second.collection<Doc>('docs');
    // The first one's columns land after the second last looked at the file (two catch-up
    // workers preparing the same new read store at once): its look is held back here.
    (second as unknown as { touch(): void }).touch = () => undefined;
    await firstDocs.createIndex({ keys: { planId: 1 } });
    await expect(secondDocs.createIndex({ keys: { planId: 1 } })).resolves.toBeUndefined();
    await first.commit(
      'x',
      new Map([['docs', [{ kind: 'put', document: { _id: 'a', _position: 1, planId: 'p1' } }]]]),
      1,
    );
    expect(await secondDocs.find({ planId: 'p1' })).toEqual([
      { _id: 'a', _position: 1, planId: 'p1' },
    ]);
    await first.close();
    await second.close();
  });

  it('answers like mingo whatever the values of an indexed field (arrays, dates, mixed types)', async () => {
    const store = new SqliteReadStore({ path });
    const collection = store.collection<Doc>('mixed');
    await collection.createIndex({ keys: { value: 1 } });
    await collection.createIndex({ keys: { tags: 1 } });
    const documents: Doc[] = [
      { _id: 'a', value: 3, tags: ['x', 'y'] },
      { _id: 'b', value: 'c', tags: 'y' },
      { _id: 'c', value: new Date('2025-01-01T00:00:00Z'), tags: [] },
      { _id: 'd', value: null, tags: 'z' },
      { _id: 'e', value: true },
      { _id: 'f', value: 1.5, tags: ['y'] },
      { _id: 'g', value: new Date('2024-01-01T00:00:00Z') },
      { _id: 'h', value: 'a' },
    ];
    await collection.write(documents.map((document) => ({ kind: 'put', document })));
    const filters = [
      { value: { $gte: 2 } },
      { value: { $lt: 'b' } },
      { value: { $gte: new Date('2024-06-01T00:00:00Z') } },
      { value: null },
      { value: { $in: [3, 'c', true] } },
      { tags: 'y' },
      {},
    ];
    for (const filter of filters) {
      const sorts: Array<Record<string, 1 | -1>> = [{ value: 1 }, { value: -1 }, { _id: 1 }];
      for (const sort of sorts) {
        const expected = find(documents, filter)
          .sort(sort)
          .all()
          .map((d) => d._id);
        expect((await collection.find(filter, { sort })).map((d) => d._id)).toEqual(expected);
      }
      expect(await collection.count(filter)).toBe(find(documents, filter).all().length);
    }
    await store.close();
  });

  it('keeps nothing of a derived collection: a view of the log up to its checkpoint', async () => {
    const log = new SqliteEventStore({ path: join(dir, 'log.db') });
    // Notes in streams "a" and "b" (every event makes a document), and one in "other" (none).
    for (const [stream, n] of [
      ['a', 1],
      ['b', 2],
      ['a', 3],
      ['other', 4],
      ['b', 5],
      ['a', 6],
    ] as const) {
      await log.append(stream, [{ ...newEvent('NoteTaken'), data: { n } }], {
        expectedRevision: 'any',
      });
    }
    const source: LogViewSource = {
      projection: 'notes',
      documentOf: (event) =>
        event.stream === 'other'
          ? null
          : { _id: event.id, _position: event.position, stream: event.stream, n: event.data.n },
      // A filter on `stream` names its streams; every event of "a" and "b" makes a document.
      logQuery: (filter) =>
        typeof filter.stream === 'string'
          ? { streams: { names: [filter.stream] }, exact: Object.keys(filter).length === 1 }
          : { streams: { names: ['a', 'b'] }, exact: Object.keys(filter).length === 0 },
      positionFields: [],
    };
    const eventsAt = jest.spyOn(log, 'eventsAt');
    const derived: DerivedDocuments = {
      collections: new Map([['notes', source]]),
      log,
    };
    const store = new SqliteReadStore({ path, derived });
    const notes = store.collection<Doc & { n?: number }>('notes');
    await notes.createIndex({ keys: { stream: 1 } });
    expect(store.derives('notes')).toBe(true);
    // Before its projection's checkpoint reaches them, the events' documents are not there.
    expect(await notes.count()).toBe(0);
    await store.commit('notes', new Map(), 5);
    const n = (docs: ReadonlyArray<{ n?: number } | null>) => docs.map((d) => d?.n ?? null);
    expect(n(await notes.find({ stream: 'a' }, { sort: { _position: -1 } }))).toEqual([3, 1]);
    expect(n(await notes.find({}, { sort: { n: -1 }, limit: 2 }))).toEqual([5, 3]);
    expect(n(await notes.find({ n: { $gte: 2 } }, { skip: 1 }))).toEqual([3, 5]);
    expect(await notes.count({})).toBe(4);
    expect(await notes.count({ stream: 'b', n: { $gt: 2 } })).toBe(1);
    const [first, , , , , sixth] = [...(await allEvents(log))];
    expect(n(await notes.findByIds([sixth!.id, first!.id, 'nope']))).toEqual([null, 1, null]);
    // Documents are computed from the events, a page of positions at a time, and cached.
    eventsAt.mockClear();
    await notes.find({ stream: 'a' });
    expect(eventsAt).not.toHaveBeenCalled();
    // Nothing is written, and no table is made for it.
    await store.commit('notes', new Map([['notes', [{ kind: 'put', document: { _id: 'x' } }]]]), 6);
    expect(n(await notes.find({ stream: 'a' }))).toEqual([1, 3, 6]);
    const tables = store.db
      .prepare("SELECT name FROM sqlite_master WHERE name LIKE '%notes%'")
      .pluck()
      .all();
    expect(tables).toEqual([]);
    await store.close();
    // Opened without the log, the file's layout differs: a rebuilding opener empties it.
    const plain = new SqliteReadStore({ path, onIncompatible: 'rebuild' });
    expect(plain.emptiedOnOpen?.found?.derived).toEqual(['notes']);
    expect(await plain.getCheckpoint('notes')).toBeNull();
    await plain.close();
    await log.close();
  });
});
