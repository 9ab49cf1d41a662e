/**
 * A catch-up worker reads the whole log but projects its share of the streams: with the log's
 * rows decoded on demand, it never parses the data of an event of another share's stream, unless
 * a projection it runs whole (worker 0) or a stream that feeds every document needs it; and the
 * shares together still build the read models a single thread builds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import { planStreamOf } from '../../projections/envelope';
import { seedDemo } from '../../src/demo/seed';
import { LazyRecordedEvent } from '../../src/eventstore/lazy-event';
import type { RecordedEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { Projector } from '../../src/projector/projector';
import { projectionsOfShare, rowsNeeded, shareOfStream } from '../../src/projector/stream-share';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { OverridableClock } from '../../src/runtime';
import { dump } from '../support/history';
import { territory } from '../support/plan';

/** The lazy log, keeping every event it hands out (to look at what was decoded). */
function recording(events: SqliteEventStore): { log: SqliteEventStore; read: RecordedEvent[] } {
  const read: RecordedEvent[] = [];
  const log = Object.create(events) as SqliteEventStore;
  log.readAllPages = async function* (options) {
    for await (const page of events.readAllPages(options)) {
      read.push(...page);
      yield page;
    }
  };
  return { log, read };
}

const collections = [
  ...new Set(
    ALL_PROJECTIONS.flatMap((p) => [
      p.collection,
      ...(p.summaries ? [p.summaries.collection] : []),
    ]),
  ),
];

describe('decoding the log on demand in a catch-up share', () => {
  let dir: string;
  let eager: SqliteEventStore;
  let lazy: SqliteEventStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-lazy-'));
    const clock = new OverridableClock();
    eager = new SqliteEventStore({ path: join(dir, 'bitacora.db'), clock });
    await seedDemo(eager, territory, clock, new Date('2026-03-01T12:00:00-05:00'));
    lazy = new SqliteEventStore({ path: join(dir, 'bitacora.db'), lazyDecode: true });
  }, 60_000);
  afterAll(async () => {
    await lazy.close();
    await eager.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the same events as the eager log, each decoded once when first read', async () => {
    const plain: RecordedEvent[] = [];
    for await (const event of eager.readAll()) plain.push(event);
    const onDemand: RecordedEvent[] = [];
    for await (const event of lazy.readAll()) onDemand.push(event);
    expect(onDemand.every((event) => event instanceof LazyRecordedEvent)).toBe(true);
    expect(onDemand.some((event) => (event as LazyRecordedEvent).dataDecoded)).toBe(false);
    expect(JSON.parse(JSON.stringify(onDemand))).toEqual(JSON.parse(JSON.stringify(plain)));
    const first = onDemand[0]!;
    expect(first.data).toBe(first.data);
    expect(first.recordedAt).toEqual(plain[0]!.recordedAt);
  });

  it('reads an event’s chain hashes only when asked for them, once, by its position', async () => {
    const onDemand: RecordedEvent[] = [];
    for await (const event of lazy.readAll()) onDemand.push(event);
    const plain: RecordedEvent[] = [];
    for await (const event of eager.readAll()) plain.push(event);
    expect(onDemand.map((event) => [event.prevHash, event.hash])).toEqual(
      plain.map((event) => [event.prevHash, event.hash]),
    );

    const chainAt = jest.fn(() => ({ prevHash: 'p', hash: 'h' }));
    const event = new LazyRecordedEvent(7, 'e', 's', 0, 'X', '{"a":1}', '{}', 0, chainAt, {
      decoded: 0,
    });
    expect([event.data, event.metadata, event.stream]).toEqual([{ a: 1 }, {}, 's']);
    expect(chainAt).not.toHaveBeenCalled();
    expect([event.prevHash, event.hash, event.hash]).toEqual(['p', 'h', 'h']);
    expect(chainAt).toHaveBeenCalledTimes(1);
    expect(chainAt).toHaveBeenCalledWith(7);
  });

  it('leaves undecoded the events of the streams of another share', async () => {
    const { log, read } = recording(lazy);
    const decodedBefore = lazy.decoding.decoded;
    const share = { index: 1, count: 2 };
    const projector = new Projector(
      log,
      new EmbeddedReadStore(),
      projectionsOfShare(ALL_PROJECTIONS, share),
    );
    await projector.prepare();
    await projector.catchUp();
    const decoded = read.filter((event) => (event as LazyRecordedEvent).dataDecoded);
    const ofOthers = read.filter((event) => shareOfStream(event.stream, 2) !== share.index);
    // But for the methodologies, which feed every entity's risk score.
    const feedsAll = (stream: string) =>
      stream.startsWith('methodology-') || stream.startsWith('sgp-components-');
    expect(ofOthers.filter((event) => planStreamOf(event.stream)).length).toBeGreaterThan(50);
    expect(
      decoded
        .filter((event) => shareOfStream(event.stream, 2) !== share.index)
        .filter((event) => !feedsAll(event.stream)),
    ).toEqual([]);
    expect(decoded.length).toBeGreaterThan(0);
    expect(lazy.decoding.decoded - decodedBefore).toBe(decoded.length);
  });

  it('builds, in two shares over the lazy log, the read models of one thread', async () => {
    const single = new EmbeddedReadStore();
    await new Projector(eager, single, ALL_PROJECTIONS).rebuild();
    const shared = new EmbeddedReadStore();
    for (const index of [0, 1]) {
      const projector = new Projector(
        lazy,
        shared,
        projectionsOfShare(ALL_PROJECTIONS, { index, count: 2 }),
        { catchUpBatchSize: 50 },
      );
      await projector.prepare();
      await projector.catchUp();
    }
    const expected = await dump(single, collections);
    for (const collection of ['plans', 'goals', 'risk_scores', 'audit'])
      expect(expected[collection]!.length).toBeGreaterThan(0);
    expect(await dump(shared, collections)).toEqual(expected);
  }, 60_000);

  it('passes over the rows of the other share in SQL when every projection is shared, and builds the same read models', async () => {
    const share = { index: 1, count: 2 };
    const projections = projectionsOfShare(ALL_PROJECTIONS, share);
    // The first share carries projections whole, the audit trail among them: kept in this
    // store (not computed from the log), it reads every row.
    expect(rowsNeeded(projectionsOfShare(ALL_PROJECTIONS, { index: 0, count: 2 }))).toBeNull();
    const passes = rowsNeeded(projections)!.passesOver;
    const thin = new SqliteEventStore({ path: join(dir, 'bitacora.db'), lazyDecode: true });
    try {
      const streams = thin.streamNames();
      const passedOver = streams.filter(passes);
      expect(passedOver.length).toBeGreaterThan(0);
      expect(passedOver.length).toBeLessThan(streams.length);
      // Passed over: plan streams of the other share; kept: this share's, and the methodologies.
      for (const stream of passedOver) expect(shareOfStream(stream, 2)).toBe(0);
      expect(streams.filter((s) => s.startsWith('methodology-')).some(passes)).toBe(false);
      thin.passOver(passedOver);
      const { log, read } = recording(thin);
      const single = new EmbeddedReadStore();
      await new Projector(eager, single, ALL_PROJECTIONS).rebuild();
      const shared = new EmbeddedReadStore();
      const other = new Projector(
        lazy,
        shared,
        projectionsOfShare(ALL_PROJECTIONS, { index: 0, count: 2 }),
        { catchUpBatchSize: 50 },
      );
      await other.prepare();
      await other.catchUp();
      const projector = new Projector(log, shared, projections, { catchUpBatchSize: 50 });
      await projector.prepare();
      await projector.catchUp();
      // Only the log's last event of the streams passed over, which ends the read at the head.
      const head = (await eager.headPosition())!;
      const skipped = new Set(passedOver);
      const ofPassedOver = read.filter((event) => skipped.has(event.stream));
      expect(ofPassedOver.every((event) => event.position === head)).toBe(true);
      expect(read.length).toBeLessThan(head);
      expect(read[read.length - 1]!.position).toBe(head);
      for (const status of projector.statuses()) expect(status.checkpoint).toBe(head);
      expect(await dump(shared, collections)).toEqual(await dump(single, collections));
    } finally {
      await thin.close();
    }
  }, 60_000);
});
