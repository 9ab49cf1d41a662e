/**
 * The audit trail as a view of the log (the persisted SQLite store keeps nothing of it) answers
 * every filter the API sends as the in-memory store, which keeps every entry, does: same entries,
 * same order, same counts (counted in the log's stream index when the filter allows it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import { auditLogQuery, type AuditDocument } from '../../projections/audit';
import { seedDemo } from '../../src/demo/seed';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { derivedDocuments } from '../../src/projector/derived';
import { LogViewCollection } from '../../src/readstore/log-view';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import type { Filter, FindOptions } from '../../src/readstore/port';
import { SqliteReadStore } from '../../src/readstore/sqlite';
import { OverridableClock } from '../../src/runtime';
import { territory } from '../support/plan';

describe('the audit trail kept as a view of the log', () => {
  let dir: string;
  let events: SqliteEventStore;
  let view: SqliteReadStore;
  let kept: EmbeddedReadStore;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bitacora-audit-view-'));
    const clock = new OverridableClock();
    events = new SqliteEventStore({ path: join(dir, 'bitacora.db'), clock });
    await seedDemo(events, territory, clock, new Date('2026-03-01T12:00:00-05:00'));
    view = new SqliteReadStore({
      path: join(dir, 'bitacora.read.db'),
      derived: derivedDocuments(ALL_PROJECTIONS, events),
    });
    kept = new EmbeddedReadStore();
    await new Projector(events, view, ALL_PROJECTIONS).rebuild();
    await new Projector(events, kept, ALL_PROJECTIONS).rebuild();
  }, 60_000);
  afterAll(async () => {
    await view.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = (docs: readonly AuditDocument[]) => docs.map((d) => d._id);

  /**
   * Filters on the event itself (type, entity type, actor, record time), as the API sends them,
   * alone, together, and with a plan, a municipality or a page cursor: the log answers them
   * through its type and actor indexes and record-time bounds.
   */
  function eventFilters(all: AuditDocument[], amended: AuditDocument, middle: number): Filter[] {
    const times = all.map((e) => e.recordedAt.getTime());
    const [first, last] = [Math.min(...times), Math.max(...times)];
    const inside = new Date(times[Math.floor(times.length / 3)]!);
    const later = new Date(times[Math.floor((2 * times.length) / 3)]!);
    const actors = [...new Set(all.map((e) => e.actor.id))];
    expect(actors.length).toBeGreaterThan(1);
    expect(new Set(times).size).toBeGreaterThan(10);
    const kinds = [...new Set(all.map((e) => e.entityType))];
    expect(kinds.length).toBeGreaterThan(5);
    const cursor = { position: { $lt: middle } };
    return [
      { eventType: { $in: ['GoalAmended'] } },
      { eventType: { $in: ['ProgressReported', 'PlanOpened', 'NoSuchEvent'] } },
      { eventType: { $in: [] } },
      { eventType: { $in: ['GoalAmended', 'ProgressReported'] }, ...cursor },
      ...kinds.map((entityType) => ({ entityType })),
      { entityType: 'no-such-kind' },
      { entityType: 'goal', eventType: { $in: ['GoalAmended', 'ProgressReported'] } },
      { entityType: 'progress', planId: 'plan-73001-2024' },
      { entityType: 'activity', daneCode: amended.daneCode },
      ...actors.map((id) => ({ 'actor.id': id })),
      { 'actor.id': 'nadie' },
      { 'actor.id': amended.actor.id, ...cursor },
      { 'actor.id': amended.actor.id, eventType: { $in: ['GoalAmended', 'GoalSet'] } },
      { 'actor.id': amended.actor.id, planId: amended.planId },
      { recordedAt: { $gte: inside } },
      { recordedAt: { $lte: inside } },
      { recordedAt: { $gte: inside, $lte: later } },
      { recordedAt: { $gte: later, $lte: inside } },
      { recordedAt: { $gte: new Date(last + 1) } },
      { recordedAt: { $lte: new Date(first - 1) } },
      { recordedAt: { $gte: new Date(first), $lte: new Date(last) } },
      { recordedAt: { $gte: inside, $lte: later }, ...cursor },
      { recordedAt: { $gte: inside }, eventType: { $in: ['ProgressReported'] } },
      { recordedAt: { $lte: later }, 'actor.id': amended.actor.id, entityType: 'goal' },
      { recordedAt: { $gte: inside }, daneCode: '73001' },
      { recordedAt: { $lte: later }, goalId: amended.goalId },
      { recordedAt: { $gte: inside }, planId: amended.planId, eventType: { $in: ['GoalSet'] } },
    ];
  }

  it('finds and counts what the store that keeps every entry finds, for every kind of filter', async () => {
    const all = await kept.collection<AuditDocument>('audit').find({}, { sort: { position: 1 } });
    const social = all.find((e) => e.planId.startsWith('socialplan-'))!;
    const review = all.find((e) => e.planId.startsWith('ctpreview-'))!;
    const amended = all.find((e) => e.eventType === 'GoalAmended')!;
    expect([social, review, amended].every(Boolean)).toBe(true);
    const middle = all[Math.floor(all.length / 2)]!.position;
    const filters: Filter[] = [
      {},
      { planId: 'plan-73001-2024' },
      { planId: { $in: ['plan-73001-2024', social.planId, 'no-such-plan'] } },
      { planId: review.planId },
      { goalId: amended.goalId },
      { goalId: { $in: [amended.goalId, '73001-2024-ASE-COB-URB'] } },
      { entityId: amended.entityId },
      { daneCode: '73001' },
      { daneCode: social.daneCode },
      { eventType: { $in: ['GoalAmended', 'ActivityExecuted'] } },
      { planId: 'plan-73001-2024', position: { $lt: middle } },
      { position: { $gte: middle } },
      { goalId: 'not-a-goal' },
      { 'actor.id': amended.actor.id, daneCode: '73001' },
      ...eventFilters(all, amended, middle),
    ];
    const sorts: FindOptions[] = [
      { sort: { position: -1 }, limit: 7 },
      { sort: { position: 1 } },
      { sort: { recordedAt: -1, _id: 1 }, skip: 2, limit: 5 },
    ];
    for (const filter of filters) {
      for (const options of sorts) {
        expect(ids(await view.collection<AuditDocument>('audit').find(filter, options))).toEqual(
          ids(await kept.collection<AuditDocument>('audit').find(filter, options)),
        );
      }
      expect(await view.collection('audit').count(filter)).toBe(
        await kept.collection('audit').count(filter),
      );
    }
    expect(await view.collection('audit').count()).toBe(all.length);
    // Counted in the log's indexes, without computing an entry, for every filter on the event.
    for (const filter of eventFilters(all, amended, middle)) {
      const { position: _cursor, ...withoutCursor } = filter;
      if (Object.keys(withoutCursor).some((field) => ['daneCode', 'goalId'].includes(field))) {
        continue;
      }
      expect(auditLogQuery(filter).exact).toBe(true);
    }
    // By id (lineage lookups): the same entries, and none for an id that is not an entry.
    const sample = [amended._id, social._id, 'no-such-event', review._id];
    expect(
      (await view.collection<AuditDocument>('audit').findByIds(sample)).map((d) => d?._id ?? null),
    ).toEqual([amended._id, social._id, null, review._id]);
  });

  it('reads the event filters in the log indexes, page and count, and caches only what it answers', async () => {
    const all = await kept.collection<AuditDocument>('audit').find({}, { sort: { position: 1 } });
    const amended = all.find((e) => e.eventType === 'GoalAmended')!;
    const inside = all[Math.floor(all.length / 3)]!.recordedAt;
    const plans = (filter: Filter, counting: boolean): string => {
      const selection = auditLogQuery(filter);
      const statement = events.selectionStatement(selection, counting)!;
      return events.queryPlan(statement, parametersOf(statement)).join(' | ');
    };
    // A page walks one index in position order (several types: one walk each, merged), with no
    // sort of the matches and no scan of the table; a count reads the same index alone.
    const byType = { eventType: { $in: ['GoalAmended'] } };
    const byKind = { entityType: 'goal' };
    const byActor = { 'actor.id': amended.actor.id };
    const byTime = { recordedAt: { $gte: inside } };
    expect(plans(byType, false)).toMatch(/USING COVERING INDEX events_by_type/);
    expect(plans(byActor, false)).toMatch(/USING COVERING INDEX events_by_actor/);
    for (const filter of [byType, byActor]) {
      expect(plans(filter, false)).not.toMatch(/TEMP B-TREE|SCAN events(?! USING)/);
    }
    expect(plans(byType, true)).toMatch(/USING COVERING INDEX events_by_type/);
    expect(plans(byKind, true)).toMatch(/USING COVERING INDEX events_by_type/);
    expect(plans(byActor, true)).toMatch(/USING COVERING INDEX events_by_actor/);
    // Record time is a range of positions: a seek in the primary key.
    expect(plans(byTime, false)).toMatch(/USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    // Counting a filter the log answers exactly computes no entry; a page computes only its own
    // candidates, and only what it returns goes into the cache.
    const derived = derivedDocuments(ALL_PROJECTIONS, events);
    const source = derived.collections.get('audit')!;
    let computed = 0;
    const cached: string[] = [];
    const collection = new LogViewCollection<AuditDocument>(
      'audit',
      { ...source, documentOf: (event) => ((computed += 1), source.documentOf(event)) },
      derived.log,
      {
        checkpointOf: () => all[all.length - 1]!.position,
        cacheGet: () => undefined,
        cacheSet: (_collection, id) => void cached.push(id),
        touch: () => {},
      },
    );
    for (const filter of [byType, byKind, byActor, byTime]) {
      expect(await collection.count(filter)).toBe(await kept.collection('audit').count(filter));
    }
    expect(computed).toBe(0);
    expect(cached).toEqual([]);
    // Not exact (a municipality): counted by computing its entries, none of them cached.
    const municipality = { daneCode: amended.daneCode, eventType: { $in: ['GoalAmended'] } };
    expect(await collection.count(municipality)).toBe(
      await kept.collection('audit').count(municipality),
    );
    expect(computed).toBeGreaterThan(0);
    expect(cached).toEqual([]);
    computed = 0;
    const page = await collection.find(byType, { sort: { position: -1 }, limit: 3 });
    expect(page).toHaveLength(3);
    expect(computed).toBe(3);
    expect(cached).toEqual(page.map((entry) => String(entry.position)));
  });

  it('counts in slices of the log, the event loop taking turns between them, to the same exact total', async () => {
    // Given the audit trail as a view of the log, counted four positions per slice
    const all = await kept.collection<AuditDocument>('audit').find({}, { sort: { position: 1 } });
    const amended = all.find((e) => e.eventType === 'GoalAmended')!;
    const derived = derivedDocuments(ALL_PROJECTIONS, events);
    let statements = 0;
    const collection = new LogViewCollection<AuditDocument>(
      'audit',
      derived.collections.get('audit')!,
      {
        ...derived.log,
        countIn: (selection) => ((statements += 1), derived.log.countIn(selection)),
      },
      {
        checkpointOf: () => all[all.length - 1]!.position,
        cacheGet: () => undefined,
        cacheSet: () => {},
        touch: () => {},
      },
      { countSlice: 4 },
    );
    const inside = all[Math.floor(all.length / 3)]!.recordedAt;
    const filters: Filter[] = [
      {},
      { 'actor.id': amended.actor.id },
      { eventType: { $in: ['GoalAmended', 'ProgressReported'] } },
      { recordedAt: { $gte: inside } },
      { 'actor.id': amended.actor.id, position: { $lt: amended.position } },
      // Not exact: its entries computed, the loop given turns between blocks of them
      { daneCode: amended.daneCode },
    ];
    for (const filter of filters) {
      // When it counts while something else waits for the event loop
      statements = 0;
      let turns = 0;
      let waiting = true;
      const other = (): void => {
        turns += 1;
        if (waiting) setImmediate(other);
      };
      setImmediate(other);
      const counted = await collection.count(filter);
      waiting = false;
      // Then the total is the one the store that keeps every entry gives
      expect(counted).toBe(await kept.collection('audit').count(filter));
      if (auditLogQuery(filter).exact) {
        // And a count of the log's events took one statement per slice (of the positions up to
        // the checkpoint, or below the cursor), with turns between them
        const cursor = (filter.position as { $lt: number } | undefined)?.$lt ?? Infinity;
        const end = Math.min(all[all.length - 1]!.position, cursor - 1);
        expect(statements).toBe(Math.ceil(end / 4));
        expect(statements).toBeGreaterThan(10);
        expect(turns).toBeGreaterThanOrEqual(statements - 1);
      }
    }
  });
});

/** Placeholder parameters for EXPLAIN QUERY PLAN: one per `?`, of a type the plan does not depend on. */
function parametersOf(statement: string): Array<string | number> {
  return [...statement.matchAll(/\?/g)].map(() => 0);
}
