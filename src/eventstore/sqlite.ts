import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateEventError } from './errors';
import { checkExpectedRevision, sealEvents, type StreamHead } from './integrity';
import { LazyRecordedEvent, type DecodeCounter, type EventChain } from './lazy-event';
import type {
  EventMetadata,
  AppendOptions,
  AppendResult,
  Clock,
  EventStore,
  IdGenerator,
  LogSelection,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
} from './port';
import { systemClock, uuidGenerator } from './system';
import { assertExpectedRevision, assertNewEvents, assertStreamName } from './validation';

export interface SqliteEventStoreOptions {
  /** File path, or ":memory:" (tests). Default "./data/bitacora.db". */
  path?: string;
  clock?: Clock;
  ids?: IdGenerator;
  /** How often a live subscription looks for events appended by another process. */
  pollIntervalMs?: number;
  /** Rows fetched per page by readAll and subscriptions. */
  pageSize?: number;
  /**
   * "full" (default) fsyncs every commit. "off" is only for generating throw-away benchmark
   * logs quickly; never for data anyone relies on.
   */
  durability?: 'full' | 'off';
  /**
   * Create the indexes queries of the log read (`QUERY_INDEXES`) when the file lacks them
   * (default true). False leaves the file's schema as it is: a benchmark counting a cached dataset.
   */
  queryIndexes?: boolean;
  /**
   * `readAll` and `readAllPages` return events whose data, metadata and time are decoded when first
   * read (`lazy-event.ts`): for a reader that skips most of the log, a catch-up worker's share.
   */
  lazyDecode?: boolean;
}

interface EventRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: number;
  prev_hash: string | null;
  hash: string;
}

/** A row as an array, in COLUMNS order (better-sqlite3's raw mode: no object per row). */
type RawEventRow = [
  number,
  string,
  string,
  number,
  string,
  string,
  string,
  number,
  /** prev_hash and hash: null in a lazy read (`LAZY_COLUMNS`). */
  string | null,
  string,
  /** Passing over streams with the keyed-metadata index: 1 if the row is in it, 0 if not. */
  keyed?: number,
];

interface FollowControl {
  stopped: boolean;
  wake?: () => void;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL UNIQUE,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at INTEGER NOT NULL,
    prev_hash   TEXT,
    hash        TEXT    NOT NULL,
    UNIQUE (stream, revision)
  );
  -- The log is append-only: the database itself refuses edits and deletions.
  CREATE TRIGGER IF NOT EXISTS events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  CREATE TRIGGER IF NOT EXISTS events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
`;

/** The actor of an event, as its metadata names it. */
const ACTOR_ID = "json_extract(metadata, '$.actor.id')";

/**
 * Metadata keys a reader may look for in any stream: a change citing a CTP recommendation, a
 * request's idempotency key. The log keeps a partial index of the events whose metadata carries
 * one (`events_keyed`, a few entries: most events carry none), so that a catch-up worker passing
 * over most streams finds them there instead of searching every passed-over row's metadata
 * (0.7 s of SQLite on the national log).
 */
export const KEYED_METADATA: readonly (keyof EventMetadata)[] = [
  'answersRecommendation',
  'idempotencyKey',
];

const KEYED_METADATA_SET: ReadonlySet<string> = new Set(KEYED_METADATA);

/**
 * The partial index's condition, also the query's (SQLite uses the index only for the same
 * expression): metadata is canonical JSON, so a key is its quoted name; this may find a value that
 * contains the name too, a row more that the reader then leaves out, never a row less.
 */
function carriesKeyedMetadata(): string {
  return `(${KEYED_METADATA.map((key) => `instr(metadata, '${JSON.stringify(key)}') > 0`).join(' OR ')})`;
}

/**
 * Indexes of the log for the read models kept as views of it (the audit trail): by event type and
 * by actor, each in position order and carrying the stream, so that a page reads a few index
 * entries and a count reads the index alone; and of the events with keyed metadata, for the
 * catch-up workers (`passOver`). Created at open when the file lacks them: an existing log migrates
 * once (about 4 s, 5 s and 1-3 s on the national log of a million events, on a loaded two-core
 * machine), and every append then writes two more index entries (three for a keyed event).
 */
export const QUERY_INDEXES: Readonly<Record<string, string>> = {
  events_by_type: 'events (type, position, stream)',
  events_by_actor: `events (${ACTOR_ID}, position, stream)`,
  events_keyed: `events (position) WHERE ${carriesKeyedMetadata()}`,
};

/** The statements that create the query indexes (also for a raw table of the same shape). */
export const queryIndexStatements = (): string[] =>
  Object.entries(QUERY_INDEXES).map(([name, on]) => indexStatement(name, on));

function indexStatement(name: string, on: string): string {
  return `CREATE INDEX IF NOT EXISTS ${name} ON ${on}`;
}

const COLUMNS =
  'position, id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash';

/**
 * The columns of a lazy read (`lazyDecode`), in COLUMNS order: without the chain's two hashes,
 * which only the audit trail reads, and a catch-up worker's read store derives it from the log
 * (`derivedFromEvent`: it never runs there). Leaving them to SQLite cut reading the national
 * log's million rows from 2.1-2.7 s to 1.7-1.8 s; an event asked for them reads them by its
 * position (`LazyRecordedEvent`).
 */
const LAZY_COLUMNS =
  'position, id, stream, revision, type, data, metadata, recorded_at, NULL, NULL';

/** A page of the rows kept (`passOver`): positions, and the quoted metadata keys searched. */
interface KeptPageParameters {
  from: number;
  head: number;
  limit: number;
  [key: `key${number}`]: string;
}

/** The least string greater than every string that starts with `prefix`. */
function prefixCeiling(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
}

/** `column` equal to one of `values` (none: false), its parameters pushed onto `params`. */
function oneOf(column: string, values: readonly string[], params: Array<string | number>): string {
  if (values.length === 0) return '0';
  if (values.length === 1) {
    params.push(values[0]!);
    return `${column} = ?`;
  }
  params.push(JSON.stringify(values));
  return `${column} IN (SELECT value FROM json_each(?))`;
}

function fromRaw(row: RawEventRow): RecordedEvent {
  return {
    id: row[1],
    type: row[4],
    data: JSON.parse(row[5]) as RecordedEvent['data'],
    metadata: JSON.parse(row[6]) as RecordedEvent['metadata'],
    stream: row[2],
    revision: row[3],
    position: row[0],
    recordedAt: new Date(row[7]),
    prevHash: row[8],
    hash: row[9],
  };
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as RecordedEvent['data'],
    metadata: JSON.parse(row.metadata) as RecordedEvent['metadata'],
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    recordedAt: new Date(row.recorded_at),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/**
 * The embedded event log: one SQLite file, WAL journal, one IMMEDIATE transaction per append.
 *
 * Durability: `synchronous=FULL`. In WAL mode NORMAL only syncs at checkpoints, so a power loss
 * can roll back the last commits; an audit trail must not lose an acknowledged append, so every
 * commit fsyncs the WAL. The cost falls on single-event appends; batches amortise it.
 *
 * Commit order is position order: SQLite has one writer at a time and AUTOINCREMENT assigns the
 * position inside the write transaction, so a reader never sees position n+1 before n.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly wakers = new Set<() => void>();
  private closed = false;
  private readonly dataVersionAtOpen: number;
  /** The file this store opened (device and inode), when on disk. */
  private readonly file: { dev: number; ino: number };
  /** Events read by `readAll`/`readAllPages` as rows, to decode on demand (`lazyDecode`). */
  private readonly lazyDecode: boolean;
  /** The columns `readAll` and `readAllPages` read (a lazy read leaves out the chain's). */
  private readonly pageColumns: string;
  private selectChain: Database.Statement<[number], EventChain> | null = null;
  /** A lazy event's chain columns, read by its position when first asked for. */
  private readonly chainAt = (position: number): EventChain => {
    this.selectChain ??= this.db.prepare<[number], EventChain>(
      'SELECT prev_hash AS prevHash, hash FROM events WHERE position = ?',
    );
    const chain = this.selectChain.get(position);
    if (!chain) throw new Error(`no hay un evento en la posición ${position} de la bitácora`);
    return chain;
  };
  /** With `lazyDecode`: how many of the events read had their data decoded. */
  readonly decoding: DecodeCounter = { decoded: 0 };

  private readonly selectHead: Database.Statement<[string], { revision: number; hash: string }>;
  private readonly selectLastRecordedAt: Database.Statement<[], { recorded_at: number }>;
  private readonly insertEvent: Database.Statement<
    [string, string, number, string, string, string, number, string | null, string]
  >;
  private readonly selectStream: Database.Statement<[string, number, number], EventRow>;
  private readonly selectPage: Database.Statement<[number, number], EventRow>;
  private readonly selectRawPage: Database.Statement<[number, number], RawEventRow>;
  /** With `passOver`: a page without the events of the streams passed over. */
  private selectKeptPage: Database.Statement<[KeptPageParameters], RawEventRow> | null = null;
  /** With `passOver`: the metadata keys (quoted) whose events are read in any stream. */
  private keptMetadataKeys: Record<string, string> = {};
  private selectRowAt: Database.Statement<[number], RawEventRow> | null = null;
  private readonly selectPositions: Database.Statement<[string], RawEventRow>;
  private readonly selectPositionsOfIds: Database.Statement<[string], [string, number]>;
  private readonly selectHeadPosition: Database.Statement<[], { position: number | null }>;
  private readonly selectCount: Database.Statement<[], { count: number }>;
  private readonly selectRecordedFrom: Database.Statement<
    [number],
    { position: number; recorded_at: number }
  >;
  private readonly appendTransaction: (
    stream: string,
    events: NewEvent[],
    options: AppendOptions,
  ) => AppendResult;

  constructor(options: SqliteEventStoreOptions = {}) {
    const path = options.path ?? './data/bitacora.db';
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(options.durability === 'off' ? 'synchronous = OFF' : 'synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    if (options.queryIndexes !== false) this.createQueryIndexes();
    this.dataVersionAtOpen = this.dataVersion();
    const opened = path === ':memory:' ? null : statSync(realpathSync(path));
    this.file = { dev: opened?.dev ?? -1, ino: opened?.ino ?? -1 };
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? uuidGenerator;
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pageSize = options.pageSize ?? 2000;
    this.lazyDecode = options.lazyDecode === true;
    this.pageColumns = this.lazyDecode ? LAZY_COLUMNS : COLUMNS;

    this.selectHead = this.db.prepare(
      'SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    );
    this.selectLastRecordedAt = this.db.prepare(
      'SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1',
    );
    this.insertEvent = this.db.prepare(
      `INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.selectStream = this.db.prepare(
      `SELECT ${COLUMNS} FROM events
       WHERE stream = ? AND revision >= ? AND recorded_at <= ? ORDER BY revision`,
    );
    this.selectPage = this.db.prepare(
      `SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`,
    );
    this.selectRawPage = this.db
      .prepare(
        `SELECT ${this.pageColumns} FROM events WHERE position >= ? ORDER BY position LIMIT ?`,
      )
      .raw() as unknown as Database.Statement<[number, number], RawEventRow>;
    this.selectPositions = this.db
      .prepare(`SELECT ${COLUMNS} FROM events WHERE position IN (SELECT value FROM json_each(?))`)
      .raw() as unknown as Database.Statement<[string], RawEventRow>;
    this.selectPositionsOfIds = this.db
      .prepare('SELECT id, position FROM events WHERE id IN (SELECT value FROM json_each(?))')
      .raw() as unknown as Database.Statement<[string], [string, number]>;
    this.selectHeadPosition = this.db.prepare('SELECT MAX(position) AS position FROM events');
    this.selectCount = this.db.prepare('SELECT COUNT(*) AS count FROM events');
    this.selectRecordedFrom = this.db.prepare(
      'SELECT position, recorded_at FROM events WHERE position >= ? ORDER BY position LIMIT 1',
    );

    const transaction = this.db.transaction(this.appendInTransaction.bind(this));
    // IMMEDIATE takes the write lock before reading the head, so another process cannot
    // slip an event in between our revision check and our insert.
    this.appendTransaction = (stream, events, options) =>
      transaction.immediate(stream, events, options);
  }

  /**
   * Looks in the schema first: another connection (a worker, another process) opening the log
   * while one creates an index then waits for nothing, where CREATE INDEX IF NOT EXISTS would wait
   * for the write lock.
   */
  private createQueryIndexes(): void {
    const existing = this.indexNames();
    for (const [name, on] of Object.entries(QUERY_INDEXES)) {
      if (!existing.has(name)) this.db.exec(indexStatement(name, on));
    }
  }

  private indexNames(): Set<unknown> {
    return new Set(
      this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").pluck().all(),
    );
  }

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertStreamName(stream);
    assertExpectedRevision(options?.expectedRevision);
    assertNewEvents(events);
    const result = this.appendTransaction(stream, events, options);
    for (const wake of this.wakers) wake();
    return result;
  }

  private appendInTransaction(
    stream: string,
    events: NewEvent[],
    options: AppendOptions,
  ): AppendResult {
    // Ids first, as on EventStoreDB: replaying an append is a duplicate, whatever the revision.
    const chosen = events.flatMap((event) => (event.id === undefined ? [] : [event.id]));
    if (chosen.length > 0) {
      const taken = new Set(
        this.selectPositionsOfIds.all(JSON.stringify(chosen)).map(([id]) => id),
      );
      const index = events.findIndex((event) => event.id !== undefined && taken.has(event.id));
      if (index >= 0)
        throw new DuplicateEventError(`events[${index}].id`, stream, events[index]!.id!);
    }
    const head: StreamHead | null = this.selectHead.get(stream) ?? null;
    checkExpectedRevision(stream, options.expectedRevision, head);
    const sealed = sealEvents(stream, head, events, this.clock, this.ids);
    // Record time never goes backwards in commit order, whatever the clock says, so that
    // "recorded at or before T" is always a prefix of the log.
    const last = this.selectLastRecordedAt.get()?.recorded_at ?? 0;
    const recordedAtMs = Math.max(this.clock.now().getTime(), last);
    const recordedAt = new Date(recordedAtMs);
    const recorded: RecordedEvent[] = sealed.map((event, index) => {
      let position: number;
      try {
        const info = this.insertEvent.run(
          event.id,
          stream,
          event.revision,
          event.type,
          // The canonical JSON the hash covers: stored as hashed, serialized once.
          event.dataJson,
          event.metadataJson,
          recordedAtMs,
          event.prevHash,
          event.hash,
        );
        position = Number(info.lastInsertRowid);
      } catch (error) {
        if (error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
          throw new DuplicateEventError(`events[${index}].id`, stream, event.id);
        }
        throw error;
      }
      return {
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        stream,
        revision: event.revision,
        position,
        recordedAt,
        prevHash: event.prevHash,
        hash: event.hash,
      };
    });
    const lastEvent = recorded[recorded.length - 1]!;
    return {
      nextExpectedRevision: lastEvent.revision,
      position: lastEvent.position,
      events: recorded,
    };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(stream);
    const until = options.until ? options.until.getTime() : Number.MAX_SAFE_INTEGER;
    return this.selectStream.all(stream, options.fromRevision ?? 0, until).map(toRecorded);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    for await (const page of this.readAllPages(options)) yield* page;
  }

  /**
   * The names of the log's streams (from the index on stream and revision: a few milliseconds for
   * thousands of streams).
   */
  streamNames(): string[] {
    return this.db.prepare('SELECT DISTINCT stream FROM events').pluck().all() as string[];
  }

  /**
   * From now on `readAll` and `readAllPages` leave out the events of these streams, but for the
   * log's last event, which ends the read whatever its stream (a reader that passes over these
   * streams, a catch-up worker, still reads up to the head), and for the events whose metadata has
   * one of `keeping.metadataKeys` (a worker's projection may need those in any stream). SQLite
   * skips the other rows without handing their data and metadata to JavaScript. Streams not named
   * (those created later) are read as usual. Says where SQLite finds the keyed events: in the
   * partial index (`KEYED_METADATA`), or by searching every passed-over row's metadata.
   */
  passOver(
    streams: Iterable<string>,
    keeping: { metadataKeys?: readonly string[] } = {},
  ): { keyedEventsFrom: 'index' | 'rows' | null } {
    this.db.exec(
      'CREATE TEMP TABLE IF NOT EXISTS passed_over (stream TEXT PRIMARY KEY) WITHOUT ROWID',
    );
    const insert = this.db.prepare('INSERT OR IGNORE INTO temp.passed_over (stream) VALUES (?)');
    this.db.transaction(() => {
      for (const stream of streams) insert.run(stream);
    })();
    // Metadata is stored as canonical JSON: a key is its quoted name (which may select a few rows
    // more, never fewer: the reader still decides on the parsed metadata).
    const keys = keeping.metadataKeys ?? [];
    const indexed =
      keys.length > 0 &&
      keys.every((key) => KEYED_METADATA_SET.has(key)) &&
      this.indexNames().has('events_keyed');
    this.keptMetadataKeys = Object.fromEntries(
      keys.map((key, index) => [`key${index}`, JSON.stringify(key)]),
    );
    const carriesKey = keys.map((_, index) => `instr(metadata, @key${index}) > 0`).join(' OR ');
    // With the partial index, the keyed events of the streams passed over are read from it (and
    // merged in position order with the rows kept; `+stream` keeps SQLite from reading them by
    // stream instead), and each row kept says whether it is in it: one that is not carries none of
    // the keys, and its metadata is not searched for them (`LazyRecordedEvent`). Without the
    // index, SQLite searches every passed-over row's metadata.
    const keyed = `SELECT position FROM events INDEXED BY events_keyed
         WHERE position >= @from AND position <= @head AND ${carriesKeyedMetadata()}`;
    const kept = indexed
      ? `SELECT ${this.pageColumns}, position IN (${keyed}) AS keyed FROM events
         WHERE position >= @from AND position <= @head AND stream NOT IN temp.passed_over
         UNION ALL
         SELECT ${this.pageColumns}, 1 AS keyed FROM events INDEXED BY events_keyed
         WHERE position >= @from AND position <= @head AND ${carriesKeyedMetadata()}
           AND +stream IN temp.passed_over AND (${carriesKey})`
      : `SELECT ${this.pageColumns} FROM events
         WHERE position >= @from AND position <= @head
           AND (stream NOT IN temp.passed_over${carriesKey ? ` OR ${carriesKey}` : ''})`;
    this.selectKeptPage = this.db
      .prepare(`${kept} ORDER BY position LIMIT @limit`)
      .raw() as unknown as Database.Statement<[KeptPageParameters], RawEventRow>;
    this.selectRowAt = this.db
      .prepare(`SELECT ${this.pageColumns} FROM events WHERE position = ?`)
      .raw() as unknown as Database.Statement<[number], RawEventRow>;
    return { keyedEventsFrom: keys.length === 0 ? null : indexed ? 'index' : 'rows' };
  }

  /**
   * A page passing over streams: the kept rows up to the head as it was before the page was read,
   * then, when they are the last, the head's own row. The head is read first: appended by another
   * connection between the two reads, an event of this share followed by one of another would
   * otherwise end the read past the first, never read (positions are given in commit order, so
   * every row up to a head seen is already there).
   */
  private keptPage(from: number, limit: number): RawEventRow[] {
    const head = this.selectHeadPosition.get()?.position ?? null;
    if (head === null || head < from) return [];
    const rows = this.selectKeptPage!.all({ from, head, limit, ...this.keptMetadataKeys });
    if (rows.length < limit && (rows[rows.length - 1]?.[0] ?? -1) < head) {
      const last = this.selectRowAt!.get(head);
      if (last) rows.push(last);
    }
    return rows;
  }

  async *readAllPages(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent[]> {
    let from = options.fromPosition ?? 0;
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0 && !this.closed) {
      const limit = Math.min(this.pageSize, remaining);
      const rows = this.selectKeptPage
        ? this.keptPage(from, limit)
        : this.selectRawPage.all(from, limit);
      if (rows.length > 0) yield this.lazyDecode ? rows.map(this.lazyOf, this) : rows.map(fromRaw);
      if (rows.length < this.pageSize) return;
      remaining -= rows.length;
      from = rows[rows.length - 1]![0] + 1;
    }
  }

  private lazyOf(row: RawEventRow): RecordedEvent {
    const [position, id, stream, revision, type, data, metadata, recordedAt] = row;
    const counter = this.decoding;
    return new LazyRecordedEvent(
      position,
      id,
      stream,
      revision,
      type,
      data,
      metadata,
      recordedAt,
      this.chainAt,
      counter,
      row[10] === 0 ? KEYED_METADATA_SET : undefined,
    );
  }

  /** The positions of the events with these ids (ids not in the log are left out). */
  positionsOf(ids: readonly string[]): Map<string, Position> {
    if (ids.length === 0) return new Map();
    return new Map(this.selectPositionsOfIds.all(JSON.stringify(ids)));
  }

  /** The events at these positions (any order; positions not in the log are left out). */
  eventsAt(positions: readonly Position[]): RecordedEvent[] {
    if (positions.length === 0) return [];
    return this.selectPositions.all(JSON.stringify(positions)).map(fromRaw);
  }

  /**
   * Up to `limit` positions of the events a selection names, in position order (1) or reverse
   * (-1): what a read model kept as a view of this log reads instead of an index of its own.
   */
  positionsIn(selection: LogSelection, order: 1 | -1, limit: number): Position[] {
    // Each type (or actor) is one range of its index, already in position order; SQLite would
    // sort every match of an IN list before the first row, so several are merged here instead.
    for (const key of ['types', 'actorIds'] as const) {
      const values = [...new Set(selection[key] ?? [])];
      if (values.length < 2) continue;
      const merged = values.flatMap((value) =>
        this.positionsIn({ ...selection, [key]: [value] }, order, limit),
      );
      return merged.sort((a, b) => order * (a - b)).slice(0, limit);
    }
    const sql = this.selectionSql(selection);
    if (sql === null) return [];
    const { where, params } = sql;
    const statement = `SELECT position FROM events ${where} ORDER BY position ${order === 1 ? 'ASC' : 'DESC'} LIMIT ?`;
    return this.cachedStatement(statement)
      .pluck()
      .all(...params, limit) as Position[];
  }

  /** How many events a selection names (counted in an index where it can be). */
  countIn(selection: LogSelection): number {
    const sql = this.selectionSql(selection, true);
    if (sql === null) return 0;
    return this.cachedStatement(`SELECT count(*) FROM events ${sql.where}`)
      .pluck()
      .get(...sql.params) as number;
  }

  /** The connection's journal mode and synchronous level (2: FULL, 0: OFF), as SQLite reports them. */
  durabilitySettings(): { journalMode: string; synchronous: number } {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
    };
  }

  /**
   * The SQL a selection reads, as `countIn` runs it or `positionsIn` runs it for one type and one
   * actor (several: once for each, merged). For tests: EXPLAIN QUERY PLAN.
   */
  selectionStatement(selection: LogSelection, counting = false): string | null {
    const sql = this.selectionSql(selection, counting);
    if (sql === null) return null;
    return counting
      ? `SELECT count(*) FROM events ${sql.where}`
      : `SELECT position FROM events ${sql.where} ORDER BY position DESC LIMIT ?`;
  }

  /** The query plan SQLite chooses for a statement (EXPLAIN QUERY PLAN, its details). */
  queryPlan(statement: string, params: ReadonlyArray<string | number>): string[] {
    return this.db
      .prepare(`EXPLAIN QUERY PLAN ${statement}`)
      .all(...params)
      .map((row) => (row as { detail: string }).detail);
  }

  /**
   * The first position recorded at or after `ms`, null if none: a binary search on position (each
   * step one seek in the primary key), since record time never goes backwards in position order.
   */
  private firstRecordedAtOrAfter(ms: number): Position | null {
    const head = this.selectHeadPosition.get()?.position ?? null;
    if (head === null) return null;
    // The least p whose first event at or after p was recorded at or after ms (head + 1: none).
    let low = 0;
    let high = head + 1;
    while (low < high) {
      const middle = Math.floor((low + high) / 2);
      const row = this.selectRecordedFrom.get(middle)!;
      if (row.recorded_at >= ms) high = middle;
      else low = row.position + 1;
    }
    return low > head ? null : this.selectRecordedFrom.get(low)!.position;
  }

  /** Position bounds of a selection, its record-time range included; null when it names none. */
  private positionBounds(selection: LogSelection): { after?: number; before?: number } | null {
    let { after, before } = selection;
    const { from, to } = selection.recorded ?? {};
    if (from !== undefined) {
      const first = this.firstRecordedAtOrAfter(from);
      if (first === null) return null;
      after = Math.max(after ?? first - 1, first - 1);
    }
    if (to !== undefined) {
      const next = this.firstRecordedAtOrAfter(Math.floor(to) + 1);
      if (next !== null) before = Math.min(before ?? next, next);
    }
    return { after, before };
  }

  /**
   * SQL for a selection; null when it names no event. Named streams and a few prefixes are looked
   * up in the (stream, revision) index, and types and actors tested on each row found (`+`: not
   * through their index). Wide prefixes (many streams): a type or an actor is read in its own index,
   * in position order, the stream tested in the same index entry; with neither, walking the log in
   * position order finds a page sooner than sorting every event of the range (`+stream` keeps
   * SQLite off the stream index), and a count uses the stream index (it reads every entry anyway).
   */
  private selectionSql(
    selection: LogSelection,
    counting = false,
  ): { where: string; params: Array<string | number> } | null {
    const bounds = this.positionBounds(selection);
    if (bounds === null) return null;
    const clauses: string[] = [];
    const params: Array<string | number> = [];
    if (bounds.after !== undefined) {
      clauses.push('position > ?');
      params.push(bounds.after);
    }
    if (bounds.before !== undefined && Number.isFinite(bounds.before)) {
      clauses.push('position < ?');
      params.push(bounds.before);
    }
    const { streams, types, actorIds } = selection;
    const byEvent = types !== undefined || actorIds !== undefined;
    const narrow = streams !== undefined && !streams.wide;
    const unlessNarrow = (column: string) => (narrow ? `+${column}` : column);
    if (types !== undefined) {
      clauses.push(oneOf(unlessNarrow('type'), types, params));
    }
    if (actorIds !== undefined) {
      // With types too, the type index reads the page: an actor is tested on its entries.
      clauses.push(oneOf(narrow || types ? `+${ACTOR_ID}` : ACTOR_ID, actorIds, params));
    }
    if (streams) {
      const column = streams.wide && (byEvent || !counting) ? '+stream' : 'stream';
      const alternatives: string[] = [];
      if (streams.names && streams.names.length > 0) {
        alternatives.push(`${column} IN (SELECT value FROM json_each(?))`);
        params.push(JSON.stringify(streams.names));
      }
      for (const prefix of streams.prefixes ?? []) {
        alternatives.push(`(${column} >= ? AND ${column} < ?)`);
        params.push(prefix, prefixCeiling(prefix));
      }
      clauses.push(alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : '0');
    }
    return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
  }

  /** Selections have a handful of shapes: each is prepared once. */
  private readonly statements = new Map<string, Database.Statement>();
  private cachedStatement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const control: FollowControl = { stopped: false };
    const stop = (): void => {
      control.stopped = true;
      control.wake?.();
    };
    // A signal already aborted never fires 'abort': the subscription ends at once.
    if (options.signal?.aborted) control.stopped = true;
    else options.signal?.addEventListener('abort', stop, { once: true });
    const generator = this.follow(options.afterPosition, control);
    return {
      [Symbol.asyncIterator]: () => generator,
      close: async () => {
        stop();
        options.signal?.removeEventListener('abort', stop);
        await generator.return(undefined);
      },
    };
  }

  private async *follow(
    afterPosition: Position | undefined,
    control: FollowControl,
  ): AsyncGenerator<RecordedEvent> {
    let next = afterPosition === undefined ? 0 : afterPosition + 1;
    while (!control.stopped && !this.closed) {
      const rows = this.selectPage.all(next, this.pageSize);
      for (const row of rows) {
        if (control.stopped) return;
        yield toRecorded(row);
        next = row.position + 1;
      }
      if (rows.length === this.pageSize) continue;
      // Caught up: sleep until an in-process append wakes us, or poll for other writers.
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          this.wakers.delete(done);
          control.wake = undefined;
          resolve();
        };
        // unref: a subscription waiting for events must not keep the process alive by itself.
        const timer = setTimeout(done, this.pollIntervalMs).unref();
        control.wake = done;
        this.wakers.add(done);
      });
    }
  }

  async headPosition(): Promise<Position | null> {
    return this.selectHeadPosition.get()?.position ?? null;
  }

  async count(): Promise<number> {
    return this.selectCount.get()?.count ?? 0;
  }

  /** SQLite's `data_version`: it changes when another connection commits to the file. */
  private dataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  /**
   * Whether a connection other than this store's committed to the log since it opened (another
   * process, a tool): a change this store did not write, so only the integrity monitor vouches for
   * it, and only if it was an append (see `verified-log.ts`). True once closed: it cannot tell.
   */
  writtenElsewhere(): boolean {
    return this.closed || this.dataVersion() !== this.dataVersionAtOpen;
  }

  /** The file this store opened: another file moved to its path since is not what it wrote. */
  openedFile(): { dev: number; ino: number } {
    return { ...this.file };
  }

  /**
   * Copies the write-ahead log into the file and empties it (`wal_checkpoint(TRUNCATE)`), on this
   * store's connection, so that its `data_version` is not moved by it. False when it could not
   * (a reader still in a transaction): asked at a stop, it waits for none.
   */
  emptyWriteAheadLog(): boolean {
    const timeout = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma('busy_timeout = 0');
    try {
      const [result] = this.db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>;
      return result !== undefined && result.busy === 0;
    } finally {
      this.db.pragma(`busy_timeout = ${timeout}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.wakers) wake();
    this.db.close();
  }
}
