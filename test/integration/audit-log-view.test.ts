/**
 * The audit trail as a view of the log (the persisted SQLite store keeps nothing of it) answers
 * every filter the API sends as the in-memory store, which keeps every entry, does: same entries,
 * same order, same counts (counted in the log's stream index when the filter allows it).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_PROJECTIONS } from '../../projections';
import type { AuditDocument } from '../../projections/audit';
import { seedDemo } from '../../src/demo/seed';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { derivedDocuments } from '../../src/projector/derived';
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
    // By id (lineage lookups): the same entries, and none for an id that is not an entry.
    const sample = [amended._id, social._id, 'no-such-event', review._id];
    expect(
      (await view.collection<AuditDocument>('audit').findByIds(sample)).map((d) => d?._id ?? null),
    ).toEqual([amended._id, social._id, null, review._id]);
  });
});
