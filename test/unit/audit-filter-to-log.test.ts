/**
 * The audit trail is a view of the log: a filter on audit entries becomes a selection of the log
 * (streams, position bounds, event types, actors, record times), and says whether the log's
 * indexes count it exactly (every selected event is an entry that matches) or the entries must be
 * computed and filtered.
 */
import { auditLogQuery, EVENT_TYPES_OF_ENTITY } from '../../projections/audit';

const EVERY_ENTRY_STREAM = { prefixes: ['plan-', 'socialplan-', 'ctpreview-'], wide: true };
const ms = (iso: string) => new Date(iso).getTime();

describe('audit filter → the log: no filter and the event’s own fields', () => {
  it('no filter is every plan, social plan and review stream, counted exactly', () => {
    expect(auditLogQuery({})).toEqual({ streams: EVERY_ENTRY_STREAM, exact: true });
  });

  it('a field the log does not index is computed, not counted', () => {
    expect(auditLogQuery({ reason: 'Ajuste' })).toEqual({
      streams: EVERY_ENTRY_STREAM,
      exact: false,
    });
  });

  it('an event type, alone or among several (non-strings name nothing), is the log’s type index', () => {
    expect(auditLogQuery({ eventType: 'GoalAmended' })).toEqual({
      streams: EVERY_ENTRY_STREAM,
      types: ['GoalAmended'],
      exact: true,
    });
    expect(auditLogQuery({ eventType: { $in: ['GoalSet', 3, 'GoalAmended'] } })).toMatchObject({
      types: ['GoalSet', 'GoalAmended'],
      exact: true,
    });
    expect(auditLogQuery({ eventType: { $eq: 'GoalSet' } })).toMatchObject({
      types: ['GoalSet'],
      exact: true,
    });
  });

  it('other conditions on the event type are not read as a list of types', () => {
    for (const eventType of [
      { $ne: 'GoalSet' },
      { $nin: ['GoalSet'] },
      { $in: 'GoalSet' },
      { $in: ['GoalSet'], $eq: 'GoalSet' },
      ['GoalSet'],
      null,
      7,
    ]) {
      expect(auditLogQuery({ eventType })).toEqual({ streams: EVERY_ENTRY_STREAM, exact: false });
    }
  });

  it('an entity type is the event types that make its entries', () => {
    expect(auditLogQuery({ entityType: 'goal' })).toEqual({
      streams: EVERY_ENTRY_STREAM,
      types: ['GoalSet', 'GoalAmended'],
      exact: true,
    });
    expect(auditLogQuery({ entityType: { $in: ['adoption', 'no-such-kind'] } })).toMatchObject({
      types: ['PlanAdopted'],
      exact: true,
    });
    expect(
      auditLogQuery({
        entityType: 'goal',
        eventType: { $in: ['GoalAmended', 'ProgressReported'] },
      }),
    ).toMatchObject({ types: ['GoalAmended'], exact: true });
  });

  it('every entity type names the event types of its entries, and no event type twice', () => {
    const all = Object.values(EVENT_TYPES_OF_ENTITY).flat();
    expect(new Set(all).size).toBe(all.length);
    expect(EVENT_TYPES_OF_ENTITY.activity).toEqual([
      'ActivityPlanned',
      'ActivityRescheduled',
      'ActivityCancelled',
      'ActivityExecuted',
    ]);
  });

  it('an actor is the log’s actor index', () => {
    expect(auditLogQuery({ 'actor.id': { $in: ['u-1', 'u-7'] } })).toEqual({
      streams: EVERY_ENTRY_STREAM,
      actorIds: ['u-1', 'u-7'],
      exact: true,
    });
  });
});

describe('audit filter → the log: record times (whole milliseconds)', () => {
  const from = new Date('2025-01-01T05:00:00.000Z');
  const to = new Date('2025-07-01T04:59:59.999Z');

  it('inclusive bounds are the range itself; strict ones the next millisecond in', () => {
    expect(auditLogQuery({ recordedAt: { $gte: from, $lte: to } })).toEqual({
      streams: EVERY_ENTRY_STREAM,
      recorded: { from: from.getTime(), to: to.getTime() },
      exact: true,
    });
    expect(auditLogQuery({ recordedAt: { $gt: from, $lt: to } })).toMatchObject({
      recorded: { from: from.getTime() + 1, to: to.getTime() - 1 },
    });
    expect(auditLogQuery({ recordedAt: { $eq: from } })).toMatchObject({
      recorded: { from: from.getTime(), to: from.getTime() },
    });
  });

  it('two bounds on the same side: the narrower counts, whichever comes first', () => {
    const later = new Date(ms('2025-03-01T00:00:00Z'));
    expect(auditLogQuery({ recordedAt: { $gte: later, $gt: from } }).recorded).toEqual({
      from: later.getTime(),
    });
    expect(auditLogQuery({ recordedAt: { $gt: from, $gte: later } }).recorded).toEqual({
      from: later.getTime(),
    });
    expect(auditLogQuery({ recordedAt: { $lte: later, $lt: to } }).recorded).toEqual({
      to: later.getTime(),
    });
    expect(auditLogQuery({ recordedAt: { $lt: to, $lte: later } }).recorded).toEqual({
      to: later.getTime(),
    });
  });

  it('anything but date bounds is computed: a bare date, a string, an invalid date, $ne', () => {
    for (const recordedAt of [
      from,
      { $gte: '2025-01-01' },
      { $gte: new Date('no') },
      { $ne: from },
      { $gte: from, $ne: to },
      null,
      '2025-01-01',
    ]) {
      expect(auditLogQuery({ recordedAt })).toEqual({ streams: EVERY_ENTRY_STREAM, exact: false });
    }
  });
});

describe('audit filter → the log: positions (a page cursor)', () => {
  const boundsOf = (filter: object) => {
    const { after, before } = auditLogQuery(filter as never);
    return { after, before };
  };

  it('each operator gives exclusive bounds on the event’s position', () => {
    expect(boundsOf({ position: 50 })).toEqual({ after: 49, before: 51 });
    expect(boundsOf({ position: { $eq: 50 } })).toEqual({ after: 49, before: 51 });
    expect(boundsOf({ position: { $lt: 50 } })).toEqual({ after: undefined, before: 50 });
    expect(boundsOf({ position: { $lte: 50 } })).toEqual({ after: undefined, before: 51 });
    expect(boundsOf({ position: { $lte: 50.5 } })).toEqual({ after: undefined, before: 51 });
    expect(boundsOf({ position: { $gt: 20 } })).toEqual({ after: 20, before: undefined });
    expect(boundsOf({ position: { $gte: 20 } })).toEqual({ after: 19, before: undefined });
    expect(boundsOf({ position: { $gte: 20.5 } })).toEqual({ after: 20, before: undefined });
  });

  it('`_position` bounds too, and the narrower bound on each side counts', () => {
    expect(boundsOf({ _position: { $gt: 10, $lt: 90 } })).toEqual({ after: 10, before: 90 });
    expect(boundsOf({ position: { $gt: 20, $lt: 90 }, _position: { $gt: 10, $lt: 40 } })).toEqual({
      after: 20,
      before: 40,
    });
    expect(boundsOf({ position: { $gt: 10, $lt: 40 }, _position: { $gt: 20, $lt: 90 } })).toEqual({
      after: 20,
      before: 40,
    });
  });

  it('non-numbers bound nothing', () => {
    expect(boundsOf({ position: { $lt: '50', $gt: null } })).toEqual({
      after: undefined,
      before: undefined,
    });
    expect(boundsOf({ position: null })).toEqual({ after: undefined, before: undefined });
  });

  it('a page of every entry is still counted exactly', () => {
    expect(auditLogQuery({ position: { $lt: 50 } })).toEqual({
      streams: EVERY_ENTRY_STREAM,
      before: 50,
      exact: true,
    });
    expect(auditLogQuery({ _position: { $gt: 50 } })).toMatchObject({ exact: true });
  });
});

describe('audit filter → the log: a plan, an entity, a goal, a municipality', () => {
  it('a plan is its stream, counted exactly with the event’s own fields', () => {
    expect(auditLogQuery({ planId: 'plan-73001-2024' })).toEqual({
      streams: { names: ['plan-73001-2024'] },
      exact: true,
    });
    expect(
      auditLogQuery({
        planId: 'plan-73001-2024',
        eventType: 'GoalAmended',
        'actor.id': 'u-1',
        position: { $lt: 500 },
      }),
    ).toEqual({
      streams: { names: ['plan-73001-2024'] },
      types: ['GoalAmended'],
      actorIds: ['u-1'],
      before: 500,
      exact: true,
    });
    expect(auditLogQuery({ planId: 'plan-73001-2024', reason: 'x' })).toMatchObject({
      exact: false,
    });
  });

  it('social plans and reviews are entry streams too; other names are not', () => {
    for (const planId of [
      'socialplan-73-2024',
      'socialplan-73001-2024',
      'ctpreview-73001-2024-2025-1',
      'ctpreview-73001-2024-2025-2',
    ]) {
      expect(auditLogQuery({ planId })).toEqual({ streams: { names: [planId] }, exact: true });
    }
    for (const planId of [
      'monitoring-73001-2024',
      'plan-7300-2024',
      'xplan-73001-2024',
      'plan-73001-2024x',
      'socialplan-735-2024',
      'ctpreview-73001-2024-2025-3',
    ]) {
      expect(auditLogQuery({ planId })).toEqual({ streams: { names: [planId] }, exact: false });
    }
    expect(
      auditLogQuery({ planId: { $in: ['plan-73001-2024', 'plan-73001-2024', 'otra'] } }),
    ).toEqual({ streams: { names: ['plan-73001-2024', 'otra'] }, exact: false });
  });

  it('an entity is the stream before its first slash', () => {
    expect(auditLogQuery({ entityId: 'plan-73001-2024/goal/ACU-COB-URB' })).toEqual({
      streams: { names: ['plan-73001-2024'] },
      exact: false,
    });
    expect(auditLogQuery({ entityId: 'sin-barra' })).toEqual({
      streams: { names: [] },
      exact: false,
    });
  });

  it('a goal is the plan of its municipality and cuatrienio', () => {
    expect(
      auditLogQuery({
        goalId: { $in: ['73001-2024-ACU-COB-URB', '73001-2024-ALC-TRAT-URB', 'x-73001-2024-'] },
        position: { $gt: 5 },
      }),
    ).toEqual({ streams: { names: ['plan-73001-2024'] }, after: 5, exact: false });
  });

  it('the entity counts before the goal, and the goal before the plan', () => {
    expect(
      auditLogQuery({
        entityId: 'plan-05001-2024/goal/ACU-COB-URB',
        goalId: '73001-2024-ACU-COB-URB',
        planId: 'plan-08001-2024',
      }).streams,
    ).toEqual({ names: ['plan-05001-2024'] });
    expect(
      auditLogQuery({ goalId: '73001-2024-ACU-COB-URB', planId: 'plan-08001-2024' }).streams,
    ).toEqual({ names: ['plan-73001-2024'] });
  });

  it('a municipality is its plans, reviews and social plans, and its department’s social plans', () => {
    expect(auditLogQuery({ daneCode: '73001', eventType: 'GoalSet' })).toEqual({
      streams: {
        prefixes: ['plan-73001-', 'socialplan-73001-', 'ctpreview-73001-', 'socialplan-73-'],
      },
      types: ['GoalSet'],
      exact: false,
    });
    expect(auditLogQuery({ daneCode: { $in: ['73001', '73268'] } }).streams).toEqual({
      prefixes: [
        'plan-73001-',
        'socialplan-73001-',
        'ctpreview-73001-',
        'socialplan-73-',
        'plan-73268-',
        'socialplan-73268-',
        'ctpreview-73268-',
      ],
    });
    expect(auditLogQuery({ daneCode: '73' }).streams).toEqual({
      prefixes: ['plan-73-', 'socialplan-73-', 'ctpreview-73-'],
    });
    // Only a municipality's code (five digits) brings in its department's social plans.
    expect(auditLogQuery({ daneCode: '730' }).streams).toEqual({
      prefixes: ['plan-730-', 'socialplan-730-', 'ctpreview-730-'],
    });
  });
});
