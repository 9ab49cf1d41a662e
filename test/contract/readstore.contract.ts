import { randomUUID } from 'node:crypto';
import type { ReadStore } from '../../src/readstore/port';

interface Row {
  _id: string;
  _position?: number;
  planId: string;
  indicator: string;
  value: number;
  at: Date;
  tags: string[];
  nested: { year: number; month?: number };
}

export function describeReadStoreContract(adapter: string, open: () => Promise<ReadStore>): void {
  describe(`ReadStore contract: ${adapter}`, () => {
    let store: ReadStore;
    let name: string;
    const rows: Row[] = [
      {
        _id: 'a',
        planId: 'p1',
        indicator: 'ACU-COB-URB',
        value: 3,
        at: new Date('2025-01-10T00:00:00Z'),
        tags: ['x'],
        nested: { year: 2024 },
      },
      {
        _id: 'b',
        planId: 'p1',
        indicator: 'ALC-COB-URB',
        value: 1,
        at: new Date('2025-03-10T00:00:00Z'),
        tags: ['y'],
        nested: { year: 2025, month: 3 },
      },
      {
        _id: 'c',
        planId: 'p2',
        indicator: 'ACU-COB-URB',
        value: 2,
        at: new Date('2025-07-10T00:00:00Z'),
        tags: ['x', 'y'],
        nested: { year: 2025 },
      },
      {
        _id: 'd',
        planId: 'p2',
        indicator: 'GES-MUN',
        value: 5,
        at: new Date('2026-01-10T00:00:00Z'),
        tags: [],
        nested: { year: 2026 },
      },
    ];

    beforeEach(async () => {
      store = await open();
      name = `c_${randomUUID().slice(0, 8)}`;
      await store.collection<Row>(name).createIndex({ keys: { planId: 1 } });
      await store.collection<Row>(name).write(rows.map((document) => ({ kind: 'put', document })));
    });
    afterEach(async () => {
      await store.dropAll();
      await store.close();
    });

    it('finds with the same MongoDB filters, sort, skip and limit', async () => {
      const collection = store.collection<Row>(name);
      const ids = async (filter: Record<string, unknown>, options = {}) =>
        (await collection.find(filter, options)).map((r) => r._id);
      expect(await ids({ planId: 'p1' }, { sort: { value: 1 } })).toEqual(['b', 'a']);
      expect(
        await ids({ planId: { $in: ['p1', 'p2'] } }, { sort: { value: -1 }, skip: 1, limit: 2 }),
      ).toEqual(['a', 'c']);
      expect(
        await ids({ at: { $lte: new Date('2025-06-30T23:59:59Z') } }, { sort: { at: 1 } }),
      ).toEqual(['a', 'b']);
      expect(
        await ids(
          { $or: [{ value: { $gt: 4 } }, { indicator: 'ALC-COB-URB' }] },
          { sort: { _id: 1 } },
        ),
      ).toEqual(['b', 'd']);
      expect(await ids({ 'nested.year': 2025 }, { sort: { _id: 1 } })).toEqual(['b', 'c']);
      expect(await ids({ tags: 'y' }, { sort: { _id: 1 } })).toEqual(['b', 'c']);
      expect(await ids({ planId: 'p1', value: { $gte: 2 } })).toEqual(['a']);
      expect((await collection.findOne({ planId: 'p2' }, { sort: { value: -1 } }))?._id).toBe('d');
      expect(await collection.findOne({ planId: 'p9' })).toBeNull();
      expect(await collection.count({ indicator: 'ACU-COB-URB' })).toBe(2);
      expect(await collection.count()).toBe(4);
    });

    it('returns documents by id in the order asked, with Dates intact', async () => {
      const found = await store.collection<Row>(name).findByIds(['c', 'zz', 'a', 'c']);
      expect(found.map((r) => r?._id ?? null)).toEqual(['c', null, 'a', 'c']);
      expect(found[0]!.at).toEqual(new Date('2025-07-10T00:00:00Z'));
      expect(found[0]!.at).toBeInstanceOf(Date);
    });

    it('guards writes by position: a replayed (older) write is a no-op', async () => {
      const collection = store.collection<Row>(name);
      const base = rows[0]!;
      await collection.write([
        { kind: 'put', document: { ...base, _id: 'g', _position: 10, value: 10 } },
      ]);
      await collection.write([
        { kind: 'put', document: { ...base, _id: 'g', _position: 7, value: 7 } },
      ]);
      await collection.write([
        { kind: 'put', document: { ...base, _id: 'g', _position: 10, value: 99 } },
      ]);
      expect((await collection.findOne({ _id: 'g' }))?.value).toBe(10);
      await collection.write([
        { kind: 'put', document: { ...base, _id: 'g', _position: 12, value: 12 } },
      ]);
      expect((await collection.findOne({ _id: 'g' }))?.value).toBe(12);
      await collection.write([{ kind: 'delete', id: 'g', position: 11 }]);
      expect(await collection.findOne({ _id: 'g' })).not.toBeNull();
      await collection.write([{ kind: 'delete', id: 'g', position: 13 }]);
      expect(await collection.findOne({ _id: 'g' })).toBeNull();
    });

    it('an index changes nothing but speed: indexed field updates are seen', async () => {
      const collection = store.collection<Row>(name);
      await collection.write([{ kind: 'put', document: { ...rows[0]!, planId: 'p2' } }]);
      expect((await collection.find({ planId: 'p1' })).map((r) => r._id)).toEqual(['b']);
      expect(
        (await collection.find({ planId: 'p2' }, { sort: { _id: 1 } })).map((r) => r._id),
      ).toEqual(['a', 'c', 'd']);
    });

    it('commits writes with a checkpoint per projection, and drops everything', async () => {
      expect(await store.getCheckpoint('goals')).toBeNull();
      await store.commit(
        'goals',
        new Map([[name, [{ kind: 'put', document: { ...rows[0]!, _id: 'n', _position: 42 } }]]]),
        42,
      );
      expect(await store.getCheckpoint('goals')).toBe(42);
      expect(await store.collection<Row>(name).findOne({ _id: 'n' })).not.toBeNull();
      await store.dropAll();
      expect(await store.getCheckpoint('goals')).toBeNull();
      expect(await store.collection<Row>(name).count()).toBe(0);
    });

    it('counts its round trips', async () => {
      const before = store.stats.calls;
      await store.collection<Row>(name).findByIds(['a', 'b', 'c']);
      expect(store.stats.calls).toBe(before + 1);
    });
  });
}
