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
  string | null,
  string,
  number,
  string | null,
  number,
  string | null,
  string,
  string | null,
];

/** Reads a row's columns by its position: [id, type] and [data, metadata]. */
interface ByPosition {
  names(position: number): [string, string];
  payload(position: number): [string, string];
}

/**
 * A row of the log: its envelope and canonical text; its data and metadata (JSON text) are read
 * by position when first asked for (a seal's data, or a hash the canonical text does not give),
 * and so are its id and type when read without them (rows not hashed again, see `rowsAfter`).
 */
class StoredRow implements LogRow {
  private payload: [string, string] | undefined;
  private names: [string, string] | undefined;

  constructor(
    readonly position: number,
    private readonly idRead: string | null,
    readonly stream: string,
    readonly revision: number,
    private readonly typeRead: string | null,
    readonly recordedAt: number,
    readonly prevHash: string | null,
    readonly hash: string,
    readonly canonical: string | null,
    private readonly read: ByPosition,
  ) {}

  get id(): string {
    return this.idRead ?? (this.names ??= this.read.names(this.position))[0];
  }

  get type(): string {
    return this.typeRead ?? (this.names ??= this.read.names(this.position))[1];
  }

  get data(): string {
    return (this.payload ??= this.read.payload(this.position))[0];
  }

  get metadata(): string {
    return (this.payload ??= this.read.payload(this.position))[1];
  }
}

export class SqliteLogRows {
  private readonly db: Database.Database;
  private readonly after: Database.Statement<[number, number], EnvelopeRow>;
  private readonly envelopesAfter: Database.Statement<[number, number], EnvelopeRow>;
  private readonly payload: Database.Statement<[number], [string, string]>;
  private readonly names: Database.Statement<[number], [string, string]>;
  private readonly hashes: Database.Statement<[number, number], string>;
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
    // Without the canonical text, id and type: rows whose hashes the start-up check has just
    // recomputed (id and type are read by position if asked for: a fault, a seal).
    this.envelopesAfter = this.db
      .prepare<[number, number], EnvelopeRow>(
        `SELECT position, NULL, stream, revision, NULL, recorded_at, prev_hash, hash, NULL
         FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      )
      .raw();
    this.hashes = this.db
      .prepare<[number, number], string>(
        'SELECT hash FROM events WHERE position > ? AND position <= ? ORDER BY position',
      )
      .pluck();
    this.names = this.db
      .prepare<[number], [string, string]>('SELECT id, type FROM events WHERE position = ?')
      .raw();
    this.payload = this.db.prepare<[number], [string, string]>(PAYLOAD_AT).raw();
    this.byId = this.db.prepare('SELECT position, hash FROM events WHERE id = ?');
  }

  /**
   * Up to `limit` rows after `position` (null: from the start), in log order; `hashed: false`
   * leaves out the canonical text (SQLite's costliest part of the read), id and type, for rows
   * not hashed again.
   */
  rowsAfter(position: number | null, limit: number, { hashed = true } = {}): LogRow[] {
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
            this.byPosition,
          ),
      );
  }

  private readonly byPosition: ByPosition = {
    names: (at) => this.names.get(at) ?? vanished(at),
    payload: (at) => {
      this.payloadsRead += 1;
      return this.payload.get(at) ?? vanished(at);
    },
  };

  /**
   * The stored hashes of positions `after` + 1 to `through`: joined one per line (as `blockDigest`
   * digests them), and decoded end to end, 32 bytes each (null unless every one is 64 hexadecimal
   * characters); `count`, how many rows there are (fewer than the positions where the log has a
   * gap).
   */
  storedHashes(
    after: number,
    through: number,
  ): { count: number; lines: string; values: Buffer | null } {
    const hashes = this.hashes.all(after, through);
    const lines = hashes.join('\n');
    // Decoded in one call, not a Buffer per leaf: shorter than 32 bytes a hash when one is not hex.
    const values = Buffer.from(hashes.join(''), 'hex');
    const whole =
      values.length === 32 * hashes.length && hashes.every((hash) => hash.length === 64);
    return { count: hashes.length, lines, values: whole ? values : null };
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
