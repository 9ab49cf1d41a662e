/**
 * The log as pages of rows through the event-store port (EventStoreDB, or SQLite when the fast
 * path over the file is not wanted). The embedded file's own fast path is in batch-hashing.ts.
 */
import type { EventStore, RecordedEvent } from '../eventstore/port';
import type { LogRow } from './batch-hashing';

/** A recorded event as a row of the log (its JSON already parsed). */
export function logRowOf(event: RecordedEvent): LogRow {
  return {
    position: event.position,
    id: event.id,
    stream: event.stream,
    revision: event.revision,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
    recordedAt: event.recordedAt.getTime(),
    prevHash: event.prevHash,
    hash: event.hash,
  };
}

/** The whole log through the port (EventStoreDB or SQLite), in pages. */
export async function* eventStorePages(
  store: EventStore,
  pageSize = 4096,
): AsyncGenerator<LogRow[]> {
  let page: LogRow[] = [];
  for await (const event of store.readAll()) {
    page.push(logRowOf(event));
    if (page.length === pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}
