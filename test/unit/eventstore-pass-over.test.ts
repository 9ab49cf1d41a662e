/**
 * A catch-up worker whose projections are all shares asks the embedded log to pass over the other
 * shares' streams: SQLite leaves their rows out, but for the log's last event, so that the reader
 * still reaches the head; streams it was not told about are read as usual.
 */
import type { LazyRecordedEvent } from '../../src/eventstore/lazy-event';
import type { NewEvent, RecordedEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';

const event = (n: number): NewEvent => ({
  type: 'ProgressReported',
  data: { n },
  metadata: {
    actor: { id: 'u-1', name: 'Ana', role: 'PLANNER', entity: '73001' },
    correlationId: `c-${n}`,
    schemaVersion: 1,
  },
});

async function readEverything(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const read: RecordedEvent[] = [];
  for await (const page of store.readAllPages()) read.push(...page);
  return read;
}

/** The rows of the one stream never passed over, as [stream, position]. */
const KEPT_STREAM_ROWS = [1, 4, 7, 10].map((position) => ['plan-73001-2024', position]);

describe('passing over streams of the embedded log', () => {
  let store: SqliteEventStore;
  /** Three streams of four events, interleaved: positions 1-12. */
  async function filled(queryIndexes = true): Promise<SqliteEventStore> {
    const filling = new SqliteEventStore({
      path: ':memory:',
      pageSize: 3,
      lazyDecode: true,
      queryIndexes,
    });
    for (let n = 0; n < 4; n++) {
      for (const stream of ['plan-73001-2024', 'plan-05001-2024', 'plan-11001-2024']) {
        await filling.append(stream, [event(n)], {
          expectedRevision: n === 0 ? 'no_stream' : n - 1,
        });
      }
    }
    return filling;
  }
  beforeEach(async () => {
    store = await filled();
  });
  afterEach(() => store.close());

  it('names the log streams', () => {
    expect(store.streamNames().sort()).toEqual([
      'plan-05001-2024',
      'plan-11001-2024',
      'plan-73001-2024',
    ]);
  });

  it('leaves out the rows of the streams passed over, but for the last event of the log', async () => {
    store.passOver(['plan-05001-2024', 'plan-11001-2024']);
    const read = await readEverything(store);
    expect(read.map((e) => [e.stream, e.position])).toEqual([
      ...KEPT_STREAM_ROWS,
      // The head, of a stream passed over: the read ends where the log does.
      ['plan-11001-2024', 12],
    ]);
    expect(read[4]!.data).toEqual({ n: 3 });
    // From a position, and with a limit.
    const from: number[] = [];
    for await (const e of store.readAll({ fromPosition: 5 })) from.push(e.position);
    expect(from).toEqual([7, 10, 12]);
    const limited: number[] = [];
    for await (const e of store.readAll({ maxCount: 2 })) limited.push(e.position);
    expect(limited).toEqual([1, 4]);
  });

  it('reads the streams it was not told about, also those created later', async () => {
    store.passOver(['plan-05001-2024']);
    await store.append('plan-76001-2024', [event(9)], { expectedRevision: 'no_stream' });
    const read = await readEverything(store);
    expect(read.filter((e) => e.stream === 'plan-05001-2024')).toEqual([]);
    expect(read.filter((e) => e.stream === 'plan-11001-2024')).toHaveLength(4);
    expect(read[read.length - 1]!.stream).toBe('plan-76001-2024');
    expect(read).toHaveLength(9);
  });

  it.each([
    ['from the partial index of keyed events', true],
    ['searching every passed-over row (a log opened without its query indexes)', false],
  ])(
    'still reads, in the streams passed over, the events whose metadata has one of the keys asked for: %s',
    async (_, queryIndexes) => {
      if (!queryIndexes) {
        await store.close();
        store = await filled(false);
      }
      const keyed = (n: number, key: 'idempotencyKey' | 'answersRecommendation'): NewEvent => ({
        ...event(n),
        metadata: { ...event(n).metadata, [key]: `valor-${n}` },
      });
      await store.append('plan-05001-2024', [keyed(4, 'idempotencyKey')], { expectedRevision: 3 });
      await store.append('plan-11001-2024', [keyed(4, 'answersRecommendation')], {
        expectedRevision: 3,
      });
      // Only the metadata is searched: the key's name in the data does not count.
      await store.append('plan-05001-2024', [{ ...event(5), data: { n: 'idempotencyKey' } }], {
        expectedRevision: 4,
      });
      await store.append('plan-73001-2024', [event(4)], { expectedRevision: 3 });
      // A keyed event of a stream read whole (with the other rows, not from the index).
      await store.append('plan-73001-2024', [keyed(5, 'idempotencyKey')], { expectedRevision: 4 });
      expect(
        store.passOver(['plan-05001-2024', 'plan-11001-2024'], {
          metadataKeys: ['idempotencyKey'],
        }),
      ).toEqual({ keyedEventsFrom: queryIndexes ? 'index' : 'rows' });
      const read = await readEverything(store);
      expect(read.map((e) => [e.stream, e.position])).toEqual([
        ...KEPT_STREAM_ROWS,
        ['plan-05001-2024', 13],
        ['plan-73001-2024', 16],
        ['plan-73001-2024', 17],
      ]);
      expect(read[4]!.metadata.idempotencyKey).toBe('valor-4');
      // A row the index leaves out carries none of the keys: its metadata is not searched for one.
      const plain = read[0] as LazyRecordedEvent;
      const searched = jest.spyOn(String.prototype, 'includes');
      expect(plain.carriesMetadataKey('idempotencyKey')).toBe(false);
      expect(searched).toHaveBeenCalledTimes(queryIndexes ? 0 : 1);
      searched.mockRestore();
      for (const keyedRow of [read[4], read[6]] as LazyRecordedEvent[])
        expect(keyedRow.carriesMetadataKey('idempotencyKey')).toBe(true);
    },
  );
});
