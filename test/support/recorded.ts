/**
 * Events as the log records them, for read-model tests: a writer per stream numbers revisions,
 * positions go up by ten across streams, and each event is recorded a day after the previous one
 * unless a time is given.
 */
import type { EventMetadata, JsonObject, RecordedEvent } from '../../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../../src/projector/projection';

export const PLANNER = { id: 'u-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' } as const;

export function recorder(start = new Date('2024-03-01T15:00:00Z')) {
  const revisions = new Map<string, number>();
  let count = 0;
  return function record(
    stream: string,
    event: { type: string; data: object },
    metadata: Partial<EventMetadata> & { at?: string } = {},
  ): RecordedEvent {
    count += 1;
    const revision = revisions.get(stream) ?? 0;
    revisions.set(stream, revision + 1);
    const { at, ...rest } = metadata;
    return {
      id: `00000000-0000-4000-8000-${String(count).padStart(12, '0')}`,
      type: event.type,
      data: event.data as JsonObject,
      metadata: {
        actor: { ...PLANNER },
        correlationId: `corr-${count}`,
        schemaVersion: 2,
        issuedAt: start.toISOString(),
        ...rest,
      },
      stream,
      revision,
      position: count * 10,
      recordedAt: at ? new Date(at) : new Date(start.getTime() + (count - 1) * 86_400_000),
      prevHash: null,
      hash: `hash-${count}`,
    };
  };
}

/** Applies the events as the projector does: to every id each names, dropping null documents. */
export function projectAll<D extends ProjectedDocument>(
  projection: Projection<D>,
  events: RecordedEvent[],
): Map<string, D> {
  const docs = new Map<string, D>();
  for (const event of events) {
    for (const id of projection.idsOf(event)) {
      const next = projection.apply(docs.get(id) ?? null, event, id);
      if (next) docs.set(id, next as D);
      else docs.delete(id);
    }
  }
  return docs;
}
