/**
 * The embedded SQLite log read directly by the integrity monitor (read-only): rows as stored, each
 * with the canonical text SQLite builds of it (hashed without bringing its JSON into JavaScript,
 * see `storedCanonicalHash`), and where an event is. Positions there are 1, 2, 3... (AUTOINCREMENT,
 * and the log refuses deletions), so an event's Merkle leaf index is its position minus one: the
 * monitor keeps no document per event to find it.
 */
import Database from 'better-sqlite3';
import { SQL_CANONICAL_ENVELOPE } from '../eventstore/integrity';
import { PAYLOAD_AT, vanished, type LogRow } from './batch-hashing';

type EnvelopeRow = [
  number,
  string,
  string,
  number,
  string,
  number,
  string | null,
  string,
  string | null,
];

/**
 * A row of the log: its envelope and canonical text; its data and metadata (JSON text) are read
 * by position when first asked for (a seal's data, or a hash the canonical text does not give).
 */
class StoredRow implements LogRow {
  private payload: [string, string] | undefined;

  constructor(
    readonly position: number,
    readonly id: string,
    readonly stream: string,
    readonly revision: number,
    readonly type: string,
    readonly recordedAt: number,
    readonly prevHash: string | null,
    readonly hash: string,
    readonly canonical: string | null,
    private readonly payloadAt: (position: number) => [string, string],
  ) {}

  get data(): string {
    return (this.payload ??= this.payloadAt(this.position))[0];
  }

  get metadata(): string {
    return (this.payload ??= this.payloadAt(this.position))[1];
  }
}

export class SqliteLogRows {
  private readonly db: Database.Database;
  private readonly after: Database.Statement<[number, number], EnvelopeRow>;
  private readonly envelopesAfter: Database.Statement<[number, number], EnvelopeRow>;
  private readonly payload: Database.Statement<[number], [string, string]>;
  private readonly byId: Database.Statement<[string], { position: number; hash: string }>;
  /** How many rows had their data and metadata read (a figure tests assert on). */
  payloadsRead = 0;

  constructor(readonly path: string) {
    this.db = new Database(path, { readonly: true, fileMustExist: true });
    this.after = this.db
      .prepare<[number, number], EnvelopeRow>(
        `SELECT position, id, stream, revision, type, recorded_at, prev_hash, hash,
           ${SQL_CANONICAL_ENVELOPE}
         FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      )
      .raw();
    // Without the canonical text: rows whose hashes the start-up check has just recomputed.
    this.envelopesAfter = this.db
      .prepare<[number, number], EnvelopeRow>(
        `SELECT position, id, stream, revision, type, recorded_at, prev_hash, hash, NULL
         FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      )
      .raw();
    this.payload = this.db.prepare<[number], [string, string]>(PAYLOAD_AT).raw();
    this.byId = this.db.prepare('SELECT position, hash FROM events WHERE id = ?');
  }

  /**
   * Up to `limit` rows after `position` (null: from the start), in log order; `hashed: false`
   * leaves out the canonical text (SQLite's costliest part of the read), for rows not hashed again.
   */
  rowsAfter(position: number | null, limit: number, { hashed = true } = {}): LogRow[] {
    const payloadAt = (at: number): [string, string] => {
      this.payloadsRead += 1;
      return this.payload.get(at) ?? vanished(at);
    };
    return (hashed ? this.after : this.envelopesAfter)
      .all(position ?? 0, limit)
      .map(
        (row) =>
          new StoredRow(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            payloadAt,
          ),
      );
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
