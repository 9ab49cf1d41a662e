/**
 * The `plan_history` read model: each plan's events in chunks of 64 (the as-of history the
 * councils read), event by event: given recorded events, then the chunk documents.
 */
import {
  planHistoryProjection,
  TIMELINE_CHUNK,
  type TimelineChunkDocument,
} from '../../projections/plan-history';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { RecordedEvent } from '../../src/eventstore/port';
import { baselineAcueductoUrbano, planOpened } from '../support/plan';

const STREAM = 'plan-73001-2024';

function recorded(event: PlanEvent, revision: number): RecordedEvent {
  return {
    id: `evento-${revision}`,
    type: event.type,
    data: event.data as unknown as RecordedEvent['data'],
    metadata: {
      actor: { id: 'u-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' },
      correlationId: 'c',
      schemaVersion: 2,
      issuedAt: '2024-03-01T10:00:00.000Z',
    },
    stream: STREAM,
    revision,
    position: 1_000 + revision,
    recordedAt: new Date(Date.UTC(2024, 2, 1) + revision * 60_000),
    prevHash: null,
    hash: 'h',
  };
}

/** The chunk documents after the events, applied both ways (copy per event, draft in place). */
function given(events: RecordedEvent[]): Map<string, TimelineChunkDocument> {
  const copied = new Map<string, TimelineChunkDocument>();
  const drafts = new Map<string, TimelineChunkDocument>();
  for (const event of events) {
    for (const id of planHistoryProjection.idsOf(event)) {
      copied.set(
        id,
        planHistoryProjection.apply(copied.get(id) ?? null, event, id) as TimelineChunkDocument,
      );
      drafts.set(
        id,
        planHistoryProjection.applyInPlace!(
          drafts.get(id) ?? null,
          event,
          id,
        ) as TimelineChunkDocument,
      );
    }
  }
  expect(drafts).toEqual(copied);
  return copied;
}

const revisions = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) =>
    recorded(from + i === 0 ? planOpened : baselineAcueductoUrbano, from + i),
  );

describe("plan_history: each plan's events in chunks of 64", () => {
  it('revision 63 is the last slot of chunk 0; revision 64 the first of chunk 1', () => {
    expect(TIMELINE_CHUNK).toBe(64);
    const chunks = given(revisions(0, 64));
    expect([...chunks.keys()]).toEqual([`${STREAM}#0`, `${STREAM}#1`]);
    const first = chunks.get(`${STREAM}#0`)!;
    expect(first).toMatchObject({
      _id: `${STREAM}#0`,
      planId: STREAM,
      daneCode: '73001',
      firstYear: 2024,
      chunk: 0,
    });
    expect(first.events).toHaveLength(64);
    expect(first.positions[63]).toBe(1_063);
    expect(first.eventIds[0]).toBe('evento-0');
    expect(first.events[0]).toEqual(planOpened);
    const second = chunks.get(`${STREAM}#1`)!;
    expect(second).toMatchObject({
      chunk: 1,
      positions: [1_064],
      eventIds: ['evento-64'],
      recordedAt: [Date.UTC(2024, 2, 1) + 64 * 60_000],
      events: [baselineAcueductoUrbano],
    });
  });

  it('a chunk is complete with its 64 events, not with 63, nor with an empty slot', () => {
    const chunks = given(revisions(0, 63));
    expect(planHistoryProjection.isComplete!(chunks.get(`${STREAM}#0`)!)).toBe(true);
    const partial = given(revisions(0, 62)).get(`${STREAM}#0`)!;
    expect(planHistoryProjection.isComplete!(partial)).toBe(false);
    // An event arriving at slot 63 with slot 62 never written: 64 slots, one empty.
    const gap = given([...revisions(0, 61), ...revisions(63, 63)]).get(`${STREAM}#0`)!;
    expect(gap.events).toHaveLength(64);
    expect(planHistoryProjection.isComplete!(gap)).toBe(false);
  });

  it('slots before a late revision stay empty: no position, no id, no time, no event', () => {
    const chunk = given(revisions(66, 66)).get(`${STREAM}#1`)!;
    expect(chunk).toMatchObject({
      chunk: 1,
      positions: [0, 0, 1_066],
      eventIds: ['', '', 'evento-66'],
      recordedAt: [0, 0, Date.UTC(2024, 2, 1) + 66 * 60_000],
      events: [null, null, baselineAcueductoUrbano],
    });
  });

  it('applying an event leaves the previous document as it was', () => {
    const [opened, baseline] = revisions(0, 1);
    const id = `${STREAM}#0`;
    const before = planHistoryProjection.apply(null, opened!, id) as TimelineChunkDocument;
    const snapshot = JSON.stringify(before);
    const after = planHistoryProjection.apply(before, baseline!, id) as TimelineChunkDocument;
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(after.events).toHaveLength(2);
  });

  it("an event of another aggregate has no place in a plan's timeline", () => {
    const review = { ...recorded(planOpened, 0), stream: 'ctpreview-73001-2024-2025-1' };
    expect(planHistoryProjection.idsOf(review)).toEqual([]);
  });
});
