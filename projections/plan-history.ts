/**
 * Read model `plan_history`: the timeline of each sector plan, i.e. every event of its stream in
 * record order (upcast), with its position, id and record time, kept in chunks of
 * `TIMELINE_CHUNK` events: the chunk of revision r is document `{planId}#{⌊r / 64⌋}`, and the event
 * sits at index r mod 64. A plan's timeline is a handful of documents (one indexed range scan by
 * `planId`); the state at any instant of both time axes is one pass over it, applying the same
 * entity changes as the fold (`src/queries/plan-as-of.ts`). Who made each change is in the audit
 * entry of its event (`eventId`), not repeated here.
 *
 * Chunks rather than one document per plan or per entity: an event rewrites only its plan's last
 * chunk (a few kilobytes), and a catch-up of the national log writes about 16,000 documents
 * instead of 600,000 entity documents or 2,242 growing timelines rewritten at every batch.
 */
import type { PlanEvent } from '../src/domain/plan/events';
import type { RecordedEvent } from '../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { idsPerPlan, planEventOf } from './envelope';

/** Events per timeline document. */
export const TIMELINE_CHUNK = 64;

/**
 * A chunk of a plan's timeline: its events by revision mod TIMELINE_CHUNK, one array per field
 * (columns encode in about half the time of one object per event: measured on the national log).
 * A slot whose event is not a plan event (none in a plan's stream) is null in `events`.
 */
export interface TimelineChunkDocument extends ProjectedDocument {
  planId: string;
  daneCode: string;
  firstYear: number;
  /** ⌊revision / TIMELINE_CHUNK⌋ of its events. */
  chunk: number;
  positions: number[];
  eventIds: string[];
  /** Record times, in milliseconds since the epoch. */
  recordedAt: number[];
  /** The plan events, upcast to the current schema. */
  events: Array<PlanEvent | null>;
}

/** A plan's timeline: its chunk documents, in any order. */
export type PlanTimeline = readonly TimelineChunkDocument[];

export const timelineChunkId = (planId: string, chunk: number) => `${planId}#${chunk}`;
const chunkIds = idsPerPlan((plan, chunk: number) => timelineChunkId(plan.planId, chunk));

function newChunk(recorded: RecordedEvent, id: string): TimelineChunkDocument {
  const { plan } = planEventOf(recorded)!;
  return {
    _id: id,
    _position: 0,
    planId: plan.planId,
    daneCode: plan.daneCode,
    firstYear: plan.firstYear,
    chunk: Math.floor(recorded.revision / TIMELINE_CHUNK),
    positions: [],
    eventIds: [],
    recordedAt: [],
    events: [],
  };
}

/** Puts the event at its slot; earlier empty slots (none in a plan's stream) stay empty. */
function place(chunk: TimelineChunkDocument, recorded: RecordedEvent): TimelineChunkDocument {
  const slot = recorded.revision % TIMELINE_CHUNK;
  // Stryker disable next-line EqualityOperator: `<=` pads slot `slot` too, which the lines below then overwrite: same chunk
  while (chunk.events.length < slot) {
    chunk.positions.push(0);
    chunk.eventIds.push('');
    chunk.recordedAt.push(0);
    chunk.events.push(null);
  }
  chunk.positions[slot] = recorded.position;
  chunk.eventIds[slot] = recorded.id;
  chunk.recordedAt[slot] = recorded.recordedAt.getTime();
  chunk.events[slot] = planEventOf(recorded)!.event;
  return chunk;
}

/** A copy whose columns are the caller's to change. */
const copyChunk = (chunk: TimelineChunkDocument): TimelineChunkDocument => ({
  ...chunk,
  positions: chunk.positions.slice(),
  eventIds: chunk.eventIds.slice(),
  recordedAt: chunk.recordedAt.slice(),
  events: chunk.events.slice(),
});

export const planHistoryProjection: Projection<TimelineChunkDocument> = {
  name: 'plan_history',
  streamLocal: true,
  // 3: chunks of events per plan (2: the adoption act as an entity and schema version 2 of plan
  // events, in a document per entity).
  version: 3,
  collection: 'plan_history',
  indexes: [{ keys: { planId: 1, chunk: 1 } }],
  idsOf: (recorded) => {
    const found = planEventOf(recorded);
    if (!found) return [];
    return chunkIds(found.plan, Math.floor(recorded.revision / TIMELINE_CHUNK));
  },
  apply: (doc, recorded, id) => place(doc ? copyChunk(doc) : newChunk(recorded, id), recorded),
  applyInPlace: (draft, recorded, id) => place(draft ?? newChunk(recorded, id), recorded),
  // Later events of the plan go to later chunks.
  isComplete: (chunk) =>
    chunk.events.length === TIMELINE_CHUNK && chunk.events.every((event) => event !== null),
};
