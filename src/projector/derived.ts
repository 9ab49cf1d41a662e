/**
 * For the SQLite read store beside the SQLite log: how to compute, from its event, a document of
 * a projection that declares `derivedFromEvent` (the store keeps only its index).
 */
import type { RecordedEvent } from '../eventstore/port';
import type { SqliteEventStore } from '../eventstore/sqlite';
import type { ReadDocument } from '../readstore/port';
import type { DerivedDocuments } from '../readstore/sqlite';
import type { ProjectedDocument, Projection } from './projection';

/** The document a projection writes for one event, exactly as the projector would. */
function documentOf(projection: Projection, event: RecordedEvent): ReadDocument | null {
  const [id] = projection.idsOf(event);
  if (id === undefined) return null;
  const document = projection.apply(null, event, id) as ProjectedDocument | null;
  if (document === null) return null;
  document._position = event.position;
  return projection.finalize ? projection.finalize(document) : document;
}

/** What built a persisted read store: each projection and its version. */
export function projectionsSignature(projections: readonly Projection[]): string {
  return projections.map((p) => `${p.name}@${p.version ?? 1}`).join(',');
}

export function derivedDocuments(
  projections: readonly Projection[],
  log: Pick<SqliteEventStore, 'eventsAt' | 'positionsOf'>,
): DerivedDocuments {
  const collections = new Map<string, (event: RecordedEvent) => ReadDocument | null>();
  for (const projection of projections) {
    if (projection.derivedFromEvent) {
      collections.set(projection.collection, (event) => documentOf(projection, event));
    }
  }
  return {
    collections,
    eventsAt: (positions) => log.eventsAt(positions),
    positionsOf: (ids) => log.positionsOf(ids),
  };
}
