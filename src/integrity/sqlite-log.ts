/**
 * The embedded SQLite log read directly by the integrity monitor (read-only): rows as stored, with
 * their JSON text (hashed without parsing it), and where an event is. Positions there are 1, 2,
 * 3... (AUTOINCREMENT, and the log refuses deletions), so an event's Merkle leaf index is its
 * position minus one: the monitor keeps no document per event to find it.
 */
import Database from 'better-sqlite3';
import { fromRaw, type LogRow } from './batch-hashing';

type RawRow = Parameters<typeof fromRaw>[0];

export class SqliteLogRows {
  private readonly db: Database.Database;
  private readonly after: Database.Statement<[number, number], RawRow>;
  private readonly byId: Database.Statement<[string], { position: number; hash: string }>;

  constructor(readonly path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    this.after = this.db
      .prepare<[number, number], RawRow>(
        `SELECT position, id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash
         FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      )
      .raw();
    this.byId = this.db.prepare('SELECT position, hash FROM events WHERE id = ?');
  }

  /** Up to `limit` rows after `position` (null: from the start), in log order. */
  rowsAfter(position: number | null, limit: number): LogRow[] {
    return this.after.all(position ?? 0, limit).map(fromRaw);
  }

  /** An event's position and stored hash. */
  locate(eventId: string): { position: number; hash: string } | null {
    return this.byId.get(eventId) ?? null;
  }

  get open(): boolean {
    return this.db.open;
  }

  close(): void {
    this.db.close();
  }
}
