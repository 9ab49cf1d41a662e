import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { find } from 'mingo';
import type { RecordedEvent } from '../../src/eventstore/port';
import type { ReadDocument } from '../../src/readstore/port';
import { SqliteReadStore, type DerivedDocuments } from '../../src/readstore/sqlite';

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

  it('keeps only the index of a derived collection and computes documents from their events', async () => {
    const events = new Map<number, RecordedEvent>(
      [1, 2, 3].map((position) => [
        position,
        {
          id: `e${position}`,
          position,
          stream: `plan-${position % 2}`,
          data: { n: position },
        } as never,
      ]),
    );
    const eventsAt = jest.fn((positions: readonly number[]) =>
      positions.map((p) => events.get(p)!).filter(Boolean),
    );
    const derived: DerivedDocuments = {
      collections: new Map([
        [
          'audit',
          (event: RecordedEvent) => ({
            _id: event.id,
            _position: event.position,
            planId: event.stream,
            n: event.data.n,
          }),
        ],
      ]),
      eventsAt,
      positionsOf: (ids) =>
        new Map(
          [...events.values()].filter((e) => ids.includes(e.id)).map((e) => [e.id, e.position]),
        ),
    };
    const store = new SqliteReadStore({ path, derived });
    const audit = store.collection<Doc>('audit');
    await audit.createIndex({ keys: { planId: 1 } });
    await audit.write(
      [...events.values()].map((event) => ({
        kind: 'put',
        document: derived.collections.get('audit')!(event) as Doc,
      })),
    );
    expect(
      (await audit.find({ planId: 'plan-1' }, { sort: { _id: -1 } })).map((d) => d._id),
    ).toEqual(['e3', 'e1']);
    expect(eventsAt).toHaveBeenCalledTimes(1);
    // The rows hold no document.
    const columns = store.db.prepare("SELECT name FROM pragma_table_info('c:audit')").pluck().all();
    expect(columns).not.toContain('doc');
    expect((await audit.findByIds(['e2', 'e9'])).map((d) => d?._id ?? null)).toEqual(['e2', null]);
    await store.close();
    // Opened without the log, the file's layout differs: it is emptied, to be rebuilt.
    const plain = new SqliteReadStore({ path });
    expect(await plain.collection('audit').count()).toBe(0);
    await plain.close();
  });
});
