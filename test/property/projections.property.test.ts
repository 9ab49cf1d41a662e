import fc from 'fast-check';
import { ALL_PROJECTIONS } from '../../projections';
import { planEventOf } from '../../projections/envelope';
import { foldPlan, type PlanState } from '../../src/domain/plan/state';
import type { PlanEvent } from '../../src/domain/plan/events';
import { periodEnd, semesterEnd, semesterOf } from '../../src/domain/time';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import type { RecordedEvent } from '../../src/eventstore/port';
import { Projector } from '../../src/projector/projector';
import { resolveBitemporal } from '../../src/queries/as-of';
import { planAsOf } from '../../src/queries/plan-as-of';
import { derivedDocuments } from '../../src/projector/derived';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import type { ReadStore } from '../../src/readstore/port';
import { SqliteReadStore } from '../../src/readstore/sqlite';
import { planCommandArbitrary, planCommandSequence } from '../support/arbitraries';
import { TestClock } from '../support/clock';
import { allEvents, drive, dump } from '../support/history';
import { propertyRuns } from '../support/property-runs';

const COLLECTIONS = ALL_PROJECTIONS.flatMap((p) =>
  p.summaries ? [p.collection, p.summaries.collection] : [p.collection],
);

/** Two plans (Ibagué and Medellín) written in turns, with random pauses between commands. */
const history = fc
  .tuple(
    planCommandSequence,
    fc.array(planCommandArbitrary, { maxLength: 30 }),
    fc.array(fc.integer({ min: 0, max: 40 * 86_400_000 }), { minLength: 100, maxLength: 100 }),
  )
  .map(([first, second, pauses]) =>
    [
      ...first.map((command, i) => ({ command, daneCode: '73001', order: i * 2 })),
      ...[{ type: 'OpenPlan' as const, daneCode: '05001', firstYear: 2024 }, ...second].map(
        (command, i) => ({ command, daneCode: '05001', order: i * 2 + 1 }),
      ),
    ]
      .sort((a, b) => a.order - b.order)
      .map((step, i) => ({ ...step, advanceMs: pauses[i % pauses.length]! })),
  );

async function recorded(steps: Parameters<typeof drive>[2]) {
  const clock = new TestClock('2024-01-10T10:00:00-05:00');
  const events = new SqliteEventStore({ path: ':memory:', clock, pollIntervalMs: 5 });
  const { accepted } = await drive(events, clock, steps);
  // Both plans were opened: the history is never only refusals.
  expect(accepted).toBeGreaterThanOrEqual(2);
  return { events, log: await allEvents(events) };
}

const planEvents = (log: readonly RecordedEvent[], planId: string, until: number): PlanEvent[] =>
  log
    .filter((e) => e.stream === planId && e.recordedAt.getTime() <= until)
    .map((e) => planEventOf(e)!.event);

/** Both embedded read stores: in memory, and persisted in SQLite with the audit derived from the log. */
const stores: Array<[string, (events: SqliteEventStore) => ReadStore]> = [
  ['in memory', () => new EmbeddedReadStore()],
  [
    'SQLite',
    (events) =>
      new SqliteReadStore({ path: ':memory:', derived: derivedDocuments(ALL_PROJECTIONS, events) }),
  ],
];

/**
 * The progress of a folded plan as a semester's reader sees it: only reports whose period ends by
 * the semester's end (a report for December 2025 does not exist "as of 2025-1").
 */
function progressUpTo(progress: PlanState['progress'], end: Date): PlanState['progress'] {
  const kept: PlanState['progress'] = {};
  for (const [indicator, reports] of Object.entries(progress)) {
    const within = Object.entries(reports).filter(
      ([, report]) => periodEnd(report.period).getTime() <= end.getTime(),
    );
    if (within.length > 0) kept[indicator] = Object.fromEntries(within);
  }
  return kept;
}

const reportCount = (progress: PlanState['progress']) =>
  Object.values(progress).reduce((sum, reports) => sum + Object.keys(reports).length, 0);

describe.each(stores)('projection properties (embedded adapters, read store %s)', (_, open) => {
  /** What the by-semester reads met over every run: none of them may be vacuous. */
  const semesterReads = { plans: 0, progress: 0, later: 0 };

  it('the as-of read of a plan equals the fold of its events recorded at or before T', async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        async (steps, fractions) => {
          const { events, log } = await recorded(steps);
          const store = open(events);
          await new Projector(events, store, ALL_PROJECTIONS).rebuild();
          const first = log[0]!.recordedAt.getTime();
          const last = log[log.length - 1]!.recordedAt.getTime();
          const instants = [
            first - 1,
            first,
            last,
            ...fractions.map((f) => Math.round(first + f * (last - first))),
          ];
          for (const planId of ['plan-73001-2024', 'plan-05001-2024']) {
            for (const instant of instants) {
              const expected = planEvents(log, planId, instant);
              const asOf = await planAsOf(store, planId, {
                knownAt: new Date(instant),
                validUntil: null,
              });
              if (expected.length === 0) expect(asOf).toBeNull();
              else expect(asOf).toEqual(foldPlan(expected));
            }
            // By semester: what the CTP saw at the end of each semester the instants fall in, and
            // of 2031-2 (after every period drawn), progress limited to periods ended by then.
            const semesters = [
              ...instants.slice(1).map((instant) => semesterOf(new Date(instant))),
              { year: 2031, half: 2 as const },
            ];
            for (const semester of semesters) {
              const time = resolveBitemporal({ semester: `${semester.year}-${semester.half}` });
              expect(time.knownAt).toEqual(semesterEnd(semester));
              expect(time.validUntil).toEqual(semesterEnd(semester));
              const folded = foldPlan(planEvents(log, planId, time.knownAt.getTime()));
              const expected =
                folded.planId === null
                  ? null
                  : { ...folded, progress: progressUpTo(folded.progress, semesterEnd(semester)) };
              expect(await planAsOf(store, planId, time)).toEqual(expected);
              if (expected) {
                semesterReads.plans += 1;
                semesterReads.progress += reportCount(expected.progress);
                semesterReads.later +=
                  reportCount(folded.progress) - reportCount(expected.progress);
              }
            }
          }
          await events.close();
        },
      ),
      propertyRuns(25),
    );
    // The semester reads met plans, progress inside the semester and progress left out of it
    // (over 25 cases; the handful drawn under mutation testing may miss the rarer ones).
    if (propertyRuns(25).numRuns === 25) {
      expect(semesterReads.plans).toBeGreaterThan(0);
      expect(semesterReads.progress).toBeGreaterThan(0);
      expect(semesterReads.later).toBeGreaterThan(0);
    }
  });

  it('incremental projection equals a rebuild from scratch, and applying every event twice changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(history, fc.integer({ min: 1, max: 40 }), async (steps, batchSize) => {
        const { events, log } = await recorded(steps);
        const rebuilt = open(events);
        await new Projector(events, rebuilt, ALL_PROJECTIONS).rebuild();

        // A catch-up that writes its drafts after every small batch (each draft read back from
        // the store, scored when written, within the same semesters) ends the same.
        const flushedOften = open(events);
        await new Projector(events, flushedOften, ALL_PROJECTIONS, {
          catchUpBatchSize: batchSize,
          holdLimit: 1,
        }).rebuild();
        expect(await dump(flushedOften, COLLECTIONS)).toEqual(await dump(rebuilt, COLLECTIONS));

        const incremental = open(events);
        const projector = new Projector(events, incremental, ALL_PROJECTIONS, { batchSize });
        await projector.start();
        await projector.waitFor();
        await projector.stop();
        expect(await dump(incremental, COLLECTIONS)).toEqual(await dump(rebuilt, COLLECTIONS));

        const twice = open(events);
        const replaying = new Projector(events, twice, ALL_PROJECTIONS, { batchSize });
        await replaying.ensureIndexes();
        for (const projection of ALL_PROJECTIONS) {
          for (let i = 0; i < log.length; i += batchSize) {
            const slice = log.slice(i, i + batchSize);
            await replaying.applyBatch(projection, slice);
            await replaying.applyBatch(projection, slice);
          }
          await replaying.applyBatch(projection, log);
        }
        expect(await dump(twice, COLLECTIONS)).toEqual(await dump(rebuilt, COLLECTIONS));
        await events.close();
      }),
      propertyRuns(20),
    );
  });

  it('a projector stopped at a random event and restarted ends identical to one that never stopped', async () => {
    await fc.assert(
      fc.asyncProperty(
        history,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 25 }),
        async (steps, cut, batchSize) => {
          const { events, log } = await recorded(steps);
          const reference = open(events);
          await new Projector(events, reference, ALL_PROJECTIONS).rebuild();

          const store = open(events);
          const stopAt = log[Math.floor(cut * (log.length - 1))]!.position;
          const first = new Projector(events, store, ALL_PROJECTIONS, { batchSize });
          await first.start();
          await first.waitFor(stopAt);
          await first.stop();
          const second = new Projector(events, store, ALL_PROJECTIONS, { batchSize });
          await second.start();
          await second.waitFor();
          await second.stop();
          expect(await dump(store, COLLECTIONS)).toEqual(await dump(reference, COLLECTIONS));
          await events.close();
        },
      ),
      propertyRuns(20),
    );
  });
});
