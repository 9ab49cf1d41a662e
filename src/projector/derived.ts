/**
 * For the SQLite read store beside the SQLite log: the read models it keeps as views of the log
 * (projections that declare `derivedFromEvent`, e.g. the audit trail), computed from their events
 * when read (`src/readstore/log-view.ts`).
 */
import type { RecordedEvent } from '../eventstore/port';
import type { SqliteEventStore } from '../eventstore/sqlite';
import type { LogView, LogViewSource } from '../readstore/log-view';
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
  log: Pick<SqliteEventStore, keyof LogView>,
): DerivedDocuments {
  const collections = new Map<string, LogViewSource>();
  for (const projection of projections) {
    if (!projection.derivedFromEvent) continue;
    collections.set(projection.collection, {
      projection: projection.name,
      documentOf: (event) => documentOf(projection, event),
      // Without a narrower answer, a query reads every event (and tests each document).
      logQuery: (filter) => projection.logQuery?.(filter) ?? { exact: false },
      positionFields: projection.positionFields ?? [],
    });
  }
  return {
    collections,
    log: {
      eventsAt: (positions) => log.eventsAt(positions),
      positionsOf: (ids) => log.positionsOf(ids),
      positionsIn: (selection, order, limit) => log.positionsIn(selection, order, limit),
      countIn: (selection) => log.countIn(selection),
    },
  };
}
