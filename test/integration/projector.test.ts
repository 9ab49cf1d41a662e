import { ALL_PROJECTIONS } from '../../projections';
import { diffFields, type AuditDocument } from '../../projections/audit';
import type { GoalDocument } from '../../projections/goals';
import type { TimelineChunkDocument } from '../../projections/plan-history';
import { planAtTime } from '../../src/queries/plan-as-of';
import type { PlanDocument } from '../../projections/plans';
import { handleCommand } from '../../src/application/command-handler';
import { sectorPlan } from '../../src/domain/plan/aggregate';
import { planFigures } from '../../src/domain/plan/figures';
import { sectorPlanScript } from '../../src/demo/sector-plan';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import type { ProjectedDocument, Projection } from '../../src/projector/projection';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { SqliteReadStore } from '../../src/readstore/sqlite';
import { TestClock } from '../support/clock';
import { planner } from '../support/history';
import { territory } from '../support/plan';

async function ibague() {
  const clock = new TestClock();
  const events = new SqliteEventStore({ path: ':memory:', clock, pollIntervalMs: 5 });
  for (const [index, step] of sectorPlanScript('73001', 2024).entries()) {
    clock.set(step.at);
    await handleCommand(
      events,
      sectorPlan,
      'plan-73001-2024',
      step.command,
      { actor: planner, correlationId: `c${index}` },
      { territory },
    );
  }
  return events;
}

describe('projector over a whole cuatrienio', () => {
  it('keeps plans, goals with lineage, history and audit current, and reports no lag', async () => {
    const events = await ibague();
    const store = new EmbeddedReadStore();
    const projector = new Projector(events, store, ALL_PROJECTIONS, { batchSize: 50 });
    await projector.start();
    await projector.waitFor();

    const plan = await store.collection<PlanDocument>('plans').findOne({ _id: 'plan-73001-2024' });
    // The plan's own figures; each goal's are in its goals document.
    const { goals: perGoal, ...own } = planFigures(plan!.state);
    expect(plan!.figures).toEqual(own);
    const goalDocs = await store
      .collection<GoalDocument>('goals')
      .find({ planId: 'plan-73001-2024' });
    expect(Object.fromEntries(goalDocs.map((g) => [g.indicator, g.figures]))).toEqual(perGoal);
    expect(plan!.revision).toBe((await events.readStream('plan-73001-2024')).length - 1);

    const goal = await store
      .collection<GoalDocument>('goals')
      .findOne({ _id: '73001-2024-ACU-COB-URB' });
    expect(goal!.goal!.amendments).toBe(1);
    expect(goal!.lineage.goal).toMatchObject({
      eventType: 'GoalAmended',
      actor: planner,
      reason: 'Recorte de la asignación SGP-APSB y reprogramación de obras',
      legalBasis: expect.stringMatching(/^Acuerdo 01\d de 2025$/),
    });
    expect(goal!.lineage.baseline).toMatchObject({ eventType: 'BaselineSet', legalBasis: null });
    expect(Object.keys(goal!.lineage.contributions).sort()).toEqual(['P-001', 'P-002']);
    expect(goal!.figures!.progress).not.toBeNull();

    const audit = await store
      .collection<AuditDocument>('audit')
      .find({ goalId: '73001-2024-ACU-COB-URB', eventType: 'GoalAmended' });
    expect(audit).toHaveLength(1);
    const amendment = audit[0]!;
    expect(amendment.actor).toEqual(planner);
    const total = amendment.changes.find((c) => c.field === 'total')!;
    expect(total.before).toBeGreaterThan(total.after as number);
    expect(amendment.changes.every((c) => c.before !== c.after)).toBe(true);

    const lag = await projector.lag();
    expect(lag.projections.every((p) => !p.behind && p.state === 'running')).toBe(true);
    expect(await store.collection('audit').count()).toBe(sectorPlanScript('73001', 2024).length);

    // Live: a new event reaches every read model.
    await handleCommand(
      events,
      sectorPlan,
      'plan-73001-2024',
      {
        type: 'ReportProgress',
        indicator: 'ACU-IRCA-URB',
        period: { year: 2027, month: 12 },
        value: 2.1,
        source: 'INS',
      },
      { actor: planner, correlationId: 'live' },
      { territory },
    );
    await projector.waitFor();
    // A plan's timeline is its stream's events, in chunks found by plan, in revision order.
    const chunks = await store
      .collection<TimelineChunkDocument>('plan_history')
      .find({ planId: 'plan-73001-2024' }, { sort: { chunk: 1 } });
    const stream = await events.readStream('plan-73001-2024');
    expect(chunks.map((c) => c._id)).toEqual(chunks.map((_, k) => `plan-73001-2024#${k}`));
    expect(chunks.flatMap((c) => c.eventIds)).toEqual(stream.map((e) => e.id));
    expect(chunks.flatMap((c) => c.positions)).toEqual(stream.map((e) => e.position));
    const tail = chunks[chunks.length - 1]!;
    expect(tail.events[tail.events.length - 1]).toMatchObject({
      type: 'ProgressReported',
      data: { value: 2.1, period: { year: 2027, month: 12 } },
    });
    // As of the last event, the amended goal counts its amendment, as the fold does.
    const last = stream[stream.length - 1]!;
    const now = planAtTime(chunks, { knownAt: last.recordedAt, validUntil: null })!;
    expect(now.state.goals['ACU-COB-URB']!.amendments).toBe(1);
    expect(now.versions.get('progress/ACU-IRCA-URB/2027-12')!.eventId).toBe(
      stream[stream.length - 1]!.id,
    );
    // The annual 2027 figure stays the latest: a month of 2027 is not later than the year.
    const irca = await store
      .collection<GoalDocument>('goals')
      .findOne({ _id: '73001-2024-ACU-IRCA-URB' });
    expect(irca!.latestProgress!.period).toEqual({ year: 2027 });
    await projector.stop();
    await events.close();
  });

  it('a projection that throws is parked, names the event, and keeps its checkpoint before it', async () => {
    const events = await ibague();
    const store = new EmbeddedReadStore();
    const log: unknown[] = [];
    const logger = {
      error: (fields: unknown, message: string) => log.push({ fields, message }),
    } as never;
    const failing: Projection = {
      name: 'failing',
      collection: 'failing',
      indexes: [],
      idsOf: (event) => [event.stream],
      apply: (_doc, event) => {
        if (event.type === 'GoalAmended') throw new Error('fallo de prueba');
        return { _id: event.stream, last: event.type };
      },
    };
    const projector = new Projector(events, store, [failing], { batchSize: 7, logger });
    await projector.start();
    await expect(projector.waitFor()).rejects.toThrow(/GoalAmended/);
    const firstAmendment = (await events.readStream('plan-73001-2024')).find(
      (e) => e.type === 'GoalAmended',
    )!;
    const checkpoint = await store.getCheckpoint('failing');
    expect(checkpoint).toBeLessThan(firstAmendment.position);
    expect(checkpoint).toBe(
      (await events.readStream('plan-73001-2024'))[firstAmendment.revision - 1]!.position,
    );
    const { projections } = await projector.lag();
    expect(projections[0]).toMatchObject({
      state: 'parked',
      behind: true,
      parked: {
        eventId: firstAmendment.id,
        type: 'GoalAmended',
        position: firstAmendment.position,
        error: 'fallo de prueba',
      },
    });
    expect(projections[0]!.error).toMatch(
      new RegExp(`GoalAmended ${firstAmendment.id}.*fallo de prueba`),
    );
    expect(log).toHaveLength(1);
    await projector.stop();
    await events.close();
  });
});

describe('a projection with summaries', () => {
  /** Per stream, the event types seen; a summary per stream with how many. */
  const counting: Projection<ProjectedDocument & { types: string[] }> = {
    name: 'counting',
    collection: 'counting',
    indexes: [],
    idsOf: (event) => [event.stream],
    apply: (doc, event) => ({ _id: event.stream, types: [...(doc?.types ?? []), event.type] }),
    summaries: {
      collection: 'counting_summary',
      indexes: [{ keys: { count: 1 } }],
      of: (doc) => [{ _id: `${doc._id}/n`, count: doc.types.length }],
    },
  };

  it.each([
    ['in memory', () => new EmbeddedReadStore()],
    ['persisted in SQLite', () => new SqliteReadStore({ path: ':memory:' })],
  ])(
    'writes them with their document, stamped with its position, live and catching up (%s)',
    async (_name, open) => {
      const events = await ibague();
      const stream = await events.readStream('plan-73001-2024');
      for (const catchUpThreshold of [Number.POSITIVE_INFINITY, 0]) {
        const store = open();
        const projector = new Projector(events, store, [counting as unknown as Projection], {
          batchSize: 7,
          catchUpBatchSize: 9,
          catchUpThreshold,
        });
        await projector.start();
        await projector.waitFor();
        const [summary] = await store.collection('counting_summary').find({ count: stream.length });
        expect(summary).toEqual({
          _id: 'plan-73001-2024/n',
          count: stream.length,
          _position: stream[stream.length - 1]!.position,
        });
        await projector.stop();
        await store.close();
      }
      await events.close();
    },
  );
});

describe('audit diff', () => {
  it('lists only fields whose value changed; absent and null are the same', () => {
    expect(diffFields(null, { value: 4.2, source: 'INS', checklist: null })).toEqual([
      { field: 'value', before: null, after: 4.2 },
      { field: 'source', before: null, after: 'INS' },
    ]);
    expect(
      diffFields({ targets: [1, 2, 3, 4], total: 10 }, { targets: [1, 2, 2, 4], total: 9 }),
    ).toEqual([
      { field: 'targets[2]', before: 3, after: 2 },
      { field: 'total', before: 10, after: 9 },
    ]);
    expect(diffFields({ amount: 2500 }, null)).toEqual([
      { field: 'amount', before: 2500, after: null },
    ]);
  });
});
