/**
 * Where `npm run verify` reads the log from: any event store through its port, or — much faster
 * for the embedded log — the SQLite file itself, read-only, as stored (JSON text untouched).
 */
import Database from 'better-sqlite3';
import type { EventStore } from '../eventstore/port';
import type { LogRow } from './batch-hashing';

/** The whole log through the port (EventStoreDB or SQLite), in pages. */
export async function* eventStorePages(
  store: EventStore,
  pageSize = 4096,
): AsyncGenerator<LogRow[]> {
  let page: LogRow[] = [];
  for await (const event of store.readAll()) {
    page.push({
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
    });
    if (page.length === pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

type RawRow = [
  number,
  string,
  string,
  number,
  string,
  string,
  string,
  number,
  string | null,
  string,
];

/** The embedded log's file, read-only, page by page in position order. */
export function sqliteLog(path: string): {
  count(): number;
  pages(pageSize?: number): AsyncGenerator<LogRow[]>;
  close(): void;
} {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const select = db
    .prepare<[number, number], RawRow>(
      `SELECT position, id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash
       FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    )
    .raw();
  return {
    count: () => (db.prepare('SELECT COUNT(*) AS n FROM events').get() as { n: number }).n,
    async *pages(pageSize = 4096) {
      let after = 0;
      for (;;) {
        const rows = select.all(after, pageSize);
        if (rows.length === 0) return;
        yield rows.map((r) => ({
          position: r[0],
          id: r[1],
          stream: r[2],
          revision: r[3],
          type: r[4],
          data: r[5],
          metadata: r[6],
          recordedAt: r[7],
          prevHash: r[8],
          hash: r[9],
        }));
        after = rows[rows.length - 1]![0];
      }
    },
    close: () => db.close(),
  };
}
