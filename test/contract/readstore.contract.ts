import { randomUUID } from 'node:crypto';
import { FencedError, type ReadStore } from '../../src/readstore/port';

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

    it('checkpoints never move backwards, and a commit under a lower fencing token than one seen writes nothing', async () => {
      const put = (id: string, position: number) =>
        new Map([
          [
            name,
            [{ kind: 'put' as const, document: { ...rows[0]!, _id: id, _position: position } }],
          ],
        ]);
      const fence = `goals-${randomUUID().slice(0, 8)}`;
      await store.commit('goals', put('n', 50), 50, { name: fence, token: 2 });
      // A late commit of an older batch (the same holder): the checkpoint stays.
      await store.commit('goals', put('m', 40), 40, { name: fence, token: 2 });
      expect(await store.getCheckpoint('goals')).toBe(50);
      // A holder that lost the lease (token 1) is refused, documents and checkpoint alike.
      await expect(
        store.commit('goals', put('stale', 60), 60, { name: fence, token: 1 }),
      ).rejects.toBeInstanceOf(FencedError);
      await expect(
        store.commitMany([
          { projection: 'plans', writes: new Map(), checkpoint: 70 },
          {
            projection: 'goals',
            writes: put('stale2', 70),
            checkpoint: 70,
            fence: { name: fence, token: 1 },
          },
        ]),
      ).rejects.toBeInstanceOf(FencedError);
      expect(await store.getCheckpoint('goals')).toBe(50);
      expect(await store.collection<Row>(name).findByIds(['stale', 'stale2'])).toEqual([
        null,
        null,
      ]);
      // Its successor (token 3) writes.
      await store.commit('goals', put('next', 80), 80, { name: fence, token: 3 });
      expect(await store.getCheckpoint('goals')).toBe(80);
    });

    it('drops the collections and checkpoints of one generation, and nothing else', async () => {
      const old = `${name}_old`;
      await store.commit(
        'goals@g1',
        new Map([[old, [{ kind: 'put', document: { ...rows[0]!, _position: 1 } }]]]),
        1,
      );
      await store.commit('goals', new Map(), 5);
      await store.drop([old], ['goals@g1']);
      expect(await store.collection<Row>(old).count()).toBe(0);
      expect(await store.getCheckpoint('goals@g1')).toBeNull();
      expect(await store.getCheckpoint('goals')).toBe(5);
      expect(await store.collection<Row>(name).count()).toBe(rows.length);
    });

    it('counts its round trips', async () => {
      const before = store.stats.calls;
      await store.collection<Row>(name).findByIds(['a', 'b', 'c']);
      expect(store.stats.calls).toBe(before + 1);
    });
  });
}
