/**
 * The embedded read store, persisted: every collection is a SQLite table of documents, so a restart
 * reads them instead of replaying the log.
 *
 * - One row per document: its id, its `_position` (the replay guard) and the document in
 *   MessagePack (msgpackr) with shared record structures: the field names of each document shape
 *   are stored once in the file (`_structures`) instead of in every row, which halves the rows and
 *   makes decoding several times faster than JSON. Dates survive as Dates.
 * - Each field a projection declares in an index becomes a column of the table (see
 *   `sqlite-keys.ts`), with a SQLite index over the declared keys. A query is answered in two
 *   steps: SQL narrows the candidates with the conditions it can answer over those columns (and
 *   sorts and limits when the sort keys are columns), then mingo applies the whole MongoDB filter
 *   to the few documents left. The result is the same as mingo over the whole collection.
 * - A projection's writes and its checkpoint commit in one transaction: a read model is exactly
 *   at its checkpoint, never ahead or behind.
 * - A bounded cache keeps recently read documents decoded. Writes through this connection evict
 *   what they replace; a commit by another connection (the catch-up worker) empties it, which is
 *   detected with `PRAGMA data_version` on every call.
 *
 * The file is separate from the event log's: SQLite has one writer per file, so projection
 * transactions (large during catch-up) never make an append wait for the write lock, and the read
 * models can be deleted and rebuilt without touching the log. Durability is `synchronous=NORMAL`:
 * after a power loss the last commits may be rolled back, never half-applied, and the projector
 * replays them from the checkpoint that survived.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DocumentCache } from './document-cache';
import { mongoFind, mongoQuery } from './mingo';
import { Packr } from 'msgpackr';
import type { Position } from '../eventstore/port';
import { LogViewCollection, type LogView, type LogViewSource } from './log-view';
import {
  commitEntry,
  FencedError,
  type Collection,
  type CommitEntry,
  type Fence,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type ReadDocument,
  type ReadStore,
  type WriteOperation,
} from './port';
import {
  columnValue,
  MULTIKEY,
  translateFilter,
  translateSort,
  valueAtPath,
  type ColumnValue,
} from './sqlite-keys';

/**
 * Bumped when the layout of the tables changes: an older file is incompatible (emptied and rebuilt
 * by the server, refused by other openers; see `onIncompatible`).
 */
const LAYOUT_VERSION = 5;

/** What a file's read models were built with, saved in `_meta`: another opener must expect it. */
export interface ReadStoreLayout {
  /** `LAYOUT_VERSION` of the code that wrote the tables. */
  version: number;
  /** What builds the read models (projection names and versions, see `builtBy`). */
  builtBy: string;
  /** The derived collections (views of the log, not stored), sorted. */
  derived: string[];
}

/**
 * What an opener does with a file built with another layout: `rebuild` empties it (its read models
 * are rebuilt from the log: the server on start, `npm run rebuild`); `refuse` throws
 * `IncompatibleReadStoreError` and leaves the file as it is.
 */
export type OnIncompatible = 'rebuild' | 'refuse';

/** A file built with another layout than the opener's, refused: nothing in it was touched. */
export class IncompatibleReadStoreError extends Error {
  constructor(
    readonly path: string,
    /** What the file says it was built with; null when it has tables but no layout saved. */
    readonly found: ReadStoreLayout | null,
    readonly expected: ReadStoreLayout,
  ) {
    super(
      `el almacén de lectura ${path} fue construido con otra configuración que la de este proceso ` +
        `(${layoutDifferences(found, expected)}); no se modificó nada. Para reconstruir sus ` +
        'modelos de lectura desde la bitácora, inicie el servidor con esta versión (npm start los ' +
        'reconstruye al arrancar) o ejecute npm run rebuild.',
    );
    this.name = 'IncompatibleReadStoreError';
  }
}

/** An incompatible file's layout, and the opener's. */
export interface LayoutChange {
  /** What the file says it was built with; null when it has tables but no layout saved. */
  found: ReadStoreLayout | null;
  expected: ReadStoreLayout;
}

/** The fields in which two layouts differ, in Spanish: only what differs, both sides named. */
export function layoutDifferences(
  found: ReadStoreLayout | null,
  expected: ReadStoreLayout,
): string {
  if (!found) return 'el archivo tiene tablas pero no dice con qué fue construido';
  const differences: string[] = [];
  const sides = (inFile: string, wanted: string) =>
    `el archivo tiene ${inFile}, este proceso espera ${wanted}`;
  const listed = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : 'ninguna');
  if (found.version !== expected.version)
    differences.push(
      `formato de tablas: ${sides(String(found.version), String(expected.version))}`,
    );
  if (found.builtBy !== expected.builtBy) {
    const inFile = found.builtBy ? found.builtBy.split(',') : [];
    const wanted = expected.builtBy ? expected.builtBy.split(',') : [];
    // Only the projections (name@version) on one side; all of them if only the order differs.
    const onlyInFile = inFile.filter((name) => !wanted.includes(name));
    const onlyWanted = wanted.filter((name) => !inFile.includes(name));
    const reordered = onlyInFile.length === 0 && onlyWanted.length === 0;
    differences.push(
      `proyecciones: ${sides(listed(reordered ? inFile : onlyInFile), listed(reordered ? wanted : onlyWanted))}`,
    );
  }
  if (found.derived.join(',') !== expected.derived.join(','))
    differences.push(
      `colecciones derivadas de la bitácora: ${sides(listed(found.derived), listed(expected.derived))}`,
    );
  return differences.join('; ');
}

/** The layout saved in a file, or null when it is missing or unreadable (written by no version). */
function parseLayout(saved: string | undefined): ReadStoreLayout | null {
  if (saved === undefined) return null;
  try {
    const value = JSON.parse(saved) as Partial<ReadStoreLayout>;
    return {
      version: typeof value.version === 'number' ? value.version : 0,
      builtBy: typeof value.builtBy === 'string' ? value.builtBy : '',
      derived: Array.isArray(value.derived) ? value.derived.map(String) : [],
    };
  } catch {
    return null;
  }
}

/**
 * Collections whose documents are each a pure function of one event of the log beside this store
 * (a projection's `derivedFromEvent`): nothing of them is stored; they are views of the log
 * (`log-view.ts`), computed from their events when read.
 */
export interface DerivedDocuments {
  /** By collection: how its documents come from the log. */
  collections: ReadonlyMap<string, LogViewSource>;
  log: LogView;
}

export interface SqliteReadStoreOptions {
  /** File path, or ":memory:" (tests). */
  path: string;
  /** Approximate bytes of serialized documents kept decoded in memory. Default 64 MiB. */
  cacheBytes?: number;
  /** SQLite page cache per connection, in KiB. Default 64 MiB. */
  pageCacheKib?: number;
  /**
   * Pages the WAL may grow to before a commit copies it into the file (SQLite's default 1000).
   * A catch-up writes hundreds of MiB: copying less often writes less.
   */
  walAutocheckpoint?: number;
  /**
   * How long a write waits for another connection's transaction before failing with SQLITE_BUSY
   * (default 10 s). A catch-up thread waits longer: the other thread's large commit is work being
   * done, and on a loaded machine it took over 10 s.
   */
  busyTimeoutMs?: number;
  derived?: DerivedDocuments;
  /** Called with every statement run, as SQLite expands it (tests: which statements a query runs). */
  traceStatement?: (sql: string) => void;
  /**
   * What builds the read models (e.g. projection names and versions): a file built by something
   * else is incompatible (see `onIncompatible`).
   */
  builtBy?: string;
  /**
   * A file built with another layout (`LAYOUT_VERSION`, `builtBy` or `derived`): `rebuild` empties
   * it, only for openers that rebuild the read models from the log; `refuse` (the default) throws
   * `IncompatibleReadStoreError` and touches nothing. An empty or new file is initialised either way.
   */
  onIncompatible?: OnIncompatible;
}

interface ColumnInfo {
  path: string;
  parts: string[];
  /** Quoted column name. */
  column: string;
  /** A document held an array or object there: the column cannot answer queries. */
  multikey: boolean;
}

interface Row {
  /** Where queries select it, the blob of an uncached row is read by rowid (no index lookup). */
  rowid?: number;
  id: string;
  /** Selected by id lookups only. */
  pos?: number | null;
  /** Not selected (undefined) by queries: read if not cached. */
  doc?: Buffer | null;
}

/** Writes encoded ahead of their transaction (see `prepareWrites`). */
interface PreparedWrites {
  /** The indexed columns the values were computed for, in order. */
  columns: string[];
  /** The store's record structures the documents were encoded with (see `structuresGeneration`). */
  structures: number;
  /**
   * What was prepared: prepared again under the lock if the columns or the structures changed
   * meanwhile.
   */
  operations: readonly WriteOperation<ReadDocument>[];
  rows: Array<{ values: ColumnValue[] } | { delete: string; position: Position }>;
  /** Columns a document made multikey. */
  multikeys: ColumnInfo[];
}

/** Rows decoded per step when reading in SQL order. */
const CHUNK = 64;

function* chunks<T>(rows: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length >= size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const tableOf = (collection: string) => quote(`c:${collection}`);
const columnOf = (path: string) => quote(`k:${path}`);

function positionOf(document: ReadDocument): number | null {
  const position = (document as { _position?: unknown })._position;
  return typeof position === 'number' ? position : null;
}

class SqliteCollection<T extends ReadDocument> implements Collection<T> {
  private columns = new Map<string, ColumnInfo>();
  private exists = false;
  private statements: {
    upsert: Database.Statement;
    remove: Database.Statement<[string, number]>;
    byId: Database.Statement<[string | number], Row>;
    byIds: Database.Statement<[string], Row>;
  } | null = null;

  constructor(
    readonly name: string,
    private readonly store: SqliteReadStore,
  ) {
    this.reload();
  }

  private get db(): Database.Database {
    return this.store.db;
  }

  /** Queries are few and repeat (one per loader and filter shape): prepare each once. */
  private readonly queries = new Map<string, Database.Statement>();
  private query(sql: string): Database.Statement {
    let statement = this.queries.get(sql);
    if (!statement) this.queries.set(sql, (statement = this.db.prepare(sql)));
    return statement;
  }

  /** Reads the table's columns from the file (another connection may have created them). */
  reload(): void {
    const table = this.db
      .prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?')
      .get('table', `c:${this.name}`);
    this.exists = table !== undefined;
    this.columns = new Map();
    this.statements = null;
    this.queries.clear();
    if (!this.exists) return;
    const rows = this.db
      .prepare('SELECT path, multikey FROM _columns WHERE collection = ? ORDER BY rowid')
      .all(this.name) as Array<{ path: string; multikey: number }>;
    for (const { path, multikey } of rows) {
      this.columns.set(path, {
        path,
        parts: path.split('.'),
        column: columnOf(path),
        multikey: multikey === 1,
      });
    }
  }

  private ensureTable(): void {
    if (this.exists) return;
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${tableOf(this.name)} (id TEXT PRIMARY KEY, pos INTEGER, doc BLOB)`,
    );
    this.db.prepare('INSERT OR IGNORE INTO _collections (name) VALUES (?)').run(this.name);
    this.exists = true;
  }

  private prepared() {
    if (this.statements) return this.statements;
    this.ensureTable();
    const table = tableOf(this.name);
    const columns = [...this.columns.values()].map((c) => c.column);
    const names = ['id', 'pos', 'doc', ...columns];
    const updates = ['pos', 'doc', ...columns].map((c) => `${c} = excluded.${c}`).join(', ');
    this.statements = {
      upsert: this.db.prepare(
        `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})
         ON CONFLICT (id) DO UPDATE SET ${updates}
         WHERE ${table}.pos IS NULL OR excluded.pos IS NULL OR excluded.pos > ${table}.pos`,
      ),
      remove: this.db.prepare(`DELETE FROM ${table} WHERE id = ? AND (pos IS NULL OR pos < ?)`),
      byId: this.db.prepare(`SELECT id, pos, doc FROM ${table} WHERE id = ?`),
      byIds: this.db.prepare(
        `SELECT id, pos, doc FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`,
      ),
    };
    return this.statements;
  }

  /** The quoted column that answers queries on `path`, or null. */
  private usableColumn = (path: string): string | null => {
    if (path === '_id') return 'id';
    const info = this.columns.get(path);
    return info && !info.multikey ? info.column : null;
  };

  /**
   * The documents of rows, in order: from the cache, or decoded (the blobs the cache lacks read
   * in one query). `owned` bypasses the cache.
   */
  private documentsOf(rows: readonly Row[], owned = false): T[] {
    const documents = new Array<T>(rows.length);
    const unread: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const hit = owned ? undefined : this.store.cacheGet<T>(this.name, row.id);
      if (hit) documents[i] = hit;
      else if (row.doc) documents[i] = this.decoded(row.id, row.doc, owned);
      else unread.push(i);
    }
    if (unread.length > 0) {
      // Queries select ids first; the blobs of documents the cache lacks are read here.
      const blobs = new Map<string, Buffer | null>();
      const byRowid = rows[unread[0]!]!.rowid !== undefined;
      const fetched = byRowid
        ? (this.query(
            `SELECT id, doc FROM ${tableOf(this.name)} WHERE rowid IN (SELECT value FROM json_each(?))`,
          ).all(JSON.stringify(unread.map((i) => rows[i]!.rowid))) as Row[])
        : this.prepared().byIds.all(JSON.stringify(unread.map((i) => rows[i]!.id)));
      for (const row of fetched) blobs.set(row.id, row.doc ?? null);
      for (const i of unread) {
        const blob = blobs.get(rows[i]!.id);
        if (!blob)
          throw new Error(`El documento ${rows[i]!.id} de ${this.name} no tiene contenido.`);
        documents[i] = this.decoded(rows[i]!.id, blob, owned);
      }
    }
    return documents;
  }

  private decoded(id: string, blob: Buffer, owned: boolean): T {
    const document = this.store.decode<T>(blob);
    if (!owned) this.store.cacheSet(this.name, id, document, blob.length);
    return document;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    this.store.touch();
    return this.findNow(filter, options);
  }

  private findNow(filter: Filter, options: FindOptions): T[] {
    if (!this.exists) return [];
    const condition = translateFilter(filter, this.usableColumn);
    const orderBy = translateSort(options.sort, this.usableColumn);
    const where = condition.clauses.length > 0 ? `WHERE ${condition.clauses.join(' AND ')}` : '';
    const table = tableOf(this.name);
    if (orderBy === null) {
      // The sort needs values SQL does not have: mingo sorts the candidates.
      const rows = this.query(`SELECT rowid, id FROM ${table} ${where}`).all(
        ...condition.params,
      ) as Row[];
      // When SQL answered the whole filter, mingo only sorts.
      let cursor = mongoFind<T>(this.documentsOf(rows), condition.exact ? {} : filter);
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit) cursor = cursor.limit(options.limit);
      return cursor.all();
    }
    if (condition.exact) {
      const page =
        options.limit || options.skip
          ? ` LIMIT ${options.limit || -1} OFFSET ${options.skip ?? 0}`
          : '';
      // Ids alone, as plain strings: a row object per match cost more than the index search on
      // nested lists (thousands of goals); the documents come from the cache, the others by id.
      const ids = this.query(`SELECT id FROM ${table} ${where} ${orderBy}${page}`)
        .pluck()
        .all(...condition.params) as string[];
      return this.findByIdsNow(ids, false).map((document, i) => {
        if (!document)
          throw new Error(`El documento ${ids[i]} de ${this.name} no tiene contenido.`);
        return document;
      });
    }
    // In SQL order, keep what mingo accepts until the page is full.
    const query = mongoQuery(filter);
    const skip = options.skip ?? 0;
    const limit = options.limit || Number.POSITIVE_INFINITY;
    const result: T[] = [];
    let skipped = 0;
    const rows = this.query(`SELECT rowid, id FROM ${table} ${where} ${orderBy}`).iterate(
      ...condition.params,
    ) as IterableIterator<Row>;
    try {
      for (const chunk of chunks(rows, CHUNK)) {
        for (const document of this.documentsOf(chunk)) {
          if (!query.test(document as unknown as Record<string, unknown>)) continue;
          if (skipped < skip) {
            skipped += 1;
            continue;
          }
          result.push(document);
          if (result.length >= limit) return result;
        }
      }
    } finally {
      rows.return?.();
    }
    return result;
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | null> {
    this.store.touch();
    return this.findNow(filter, { ...options, limit: 1 })[0] ?? null;
  }

  async findByIds(
    ids: readonly string[],
    options: { owned?: boolean } = {},
  ): Promise<Array<T | null>> {
    this.store.touch();
    return this.findByIdsNow(ids, options.owned ?? false);
  }

  findByIdsNow(ids: readonly string[], owned: boolean): Array<T | null> {
    if (!this.exists || ids.length === 0) return ids.map(() => null);
    // Straight into place: no set or map of the ids unless some are not in the cache.
    const documents = new Array<T | null>(ids.length);
    let missing: number[] | undefined;
    for (let i = 0; i < ids.length; i++) {
      const hit = owned ? undefined : this.store.cacheGet<T>(this.name, ids[i]!);
      if (hit !== undefined) documents[i] = hit;
      else (missing ??= []).push(i);
    }
    if (missing !== undefined) {
      const wanted = [...new Set(missing.map((i) => ids[i]!))];
      const statements = this.prepared();
      const rows =
        wanted.length === 1
          ? [statements.byId.get(wanted[0]!)].filter((r): r is Row => r !== undefined)
          : statements.byIds.all(JSON.stringify(wanted));
      const decoded = this.documentsOf(rows, owned);
      const found = new Map(rows.map((row, i) => [row.id, decoded[i]!]));
      for (const i of missing) documents[i] = found.get(ids[i]!) ?? null;
    }
    return documents;
  }

  async count(filter: Filter = {}): Promise<number> {
    this.store.touch();
    if (!this.exists) return 0;
    const condition = translateFilter(filter, this.usableColumn);
    const where = condition.clauses.length > 0 ? `WHERE ${condition.clauses.join(' AND ')}` : '';
    const table = tableOf(this.name);
    if (condition.exact) {
      return (
        this.query(`SELECT count(*) AS n FROM ${table} ${where}`).get(...condition.params) as {
          n: number;
        }
      ).n;
    }
    const query = mongoQuery(filter);
    let count = 0;
    const rows = this.query(`SELECT rowid, id FROM ${table} ${where}`).iterate(
      ...condition.params,
    ) as IterableIterator<Row>;
    for (const chunk of chunks(rows, CHUNK)) {
      for (const document of this.documentsOf(chunk)) {
        if (query.test(document as unknown as Record<string, unknown>)) count += 1;
      }
    }
    return count;
  }

  async write(operations: readonly WriteOperation<T>[]): Promise<void> {
    this.store.touch();
    const prepared = this.prepareWrites(operations);
    await this.store.writeTransaction(() => this.applyWrites(prepared));
  }

  /**
   * Encodes the documents and computes their column values, before the transaction: a large
   * batch then holds the file's write lock only for its statements, not for its encoding (the
   * catch-up threads and the monitor write the same file).
   */
  prepareWrites(operations: readonly WriteOperation<T>[]): PreparedWrites {
    const columns = [...this.columns.values()];
    const rows: PreparedWrites['rows'] = [];
    const multikeys = new Set<ColumnInfo>();
    for (const operation of operations) {
      if (operation.kind === 'delete') {
        rows.push({ delete: operation.id, position: operation.position });
        continue;
      }
      const { document } = operation;
      const values: ColumnValue[] = new Array(3 + columns.length);
      values[0] = document._id;
      values[1] = positionOf(document);
      values[2] = this.store.encode(document);
      for (let i = 0; i < columns.length; i++) {
        const info = columns[i]!;
        let value = columnValue(valueAtPath(document, info.parts));
        if (value === MULTIKEY) {
          // From now on the column answers no query (mingo does); the file learns it below.
          info.multikey = true;
          multikeys.add(info);
          value = null;
        }
        values[3 + i] = value;
      }
      rows.push({ values });
    }
    return {
      columns: columns.map((info) => info.path),
      structures: this.store.structuresGeneration,
      operations,
      rows,
      multikeys: [...multikeys],
    };
  }

  /**
   * Runs prepared writes; the caller holds a transaction. Prepared before it, while waiting for
   * the lock (`writeTransaction`), the columns may have changed (reloaded after another
   * connection's commit): the operations are then prepared again, now under the lock.
   */
  applyWrites(prepared: PreparedWrites): void {
    const current = [...this.columns.keys()];
    if (
      prepared.structures !== this.store.structuresGeneration ||
      prepared.columns.length !== current.length ||
      prepared.columns.some((path, i) => path !== current[i])
    ) {
      prepared = this.prepareWrites(prepared.operations as readonly WriteOperation<T>[]);
    }
    const statements = this.prepared();
    for (const info of prepared.multikeys) {
      // The column this collection holds now (a reload meanwhile replaced the one prepared with).
      const column = this.columns.get(info.path);
      if (column) column.multikey = true;
      this.db
        .prepare('UPDATE _columns SET multikey = 1 WHERE collection = ? AND path = ?')
        .run(this.name, info.path);
    }
    for (const row of prepared.rows) {
      if ('delete' in row) {
        statements.remove.run(row.delete, row.position);
        this.store.evict(this.name, row.delete);
      } else {
        statements.upsert.run(...row.values);
        this.store.evict(this.name, row.values[0] as string);
      }
    }
  }

  /** Applies the operations; the caller holds a transaction. */
  writeNow(operations: readonly WriteOperation<T>[]): void {
    this.applyWrites(this.prepareWrites(operations));
  }

  private markMultikey(info: ColumnInfo): void {
    if (info.multikey) return;
    info.multikey = true;
    this.db
      .prepare('UPDATE _columns SET multikey = 1 WHERE collection = ? AND path = ?')
      .run(this.name, info.path);
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    this.store.touch();
    const paths = Object.keys(spec.keys);
    const name = quote(`i:${this.name}:${spec.name ?? paths.join(',')}`);
    const freshPaths = () => paths.filter((path) => path !== '_id' && !this.columns.has(path));
    const indexed = () =>
      this.db
        .prepare('SELECT 1 FROM sqlite_master WHERE type = ? AND name = ?')
        .get('index', name.slice(1, -1)) !== undefined;
    if (freshPaths().length === 0 && indexed()) return;
    await this.store.writeTransaction(() => {
      // Again under the write lock: another connection (a catch-up worker opening the same new
      // file) may have added these columns since this one looked, and adding one twice fails.
      this.store.refresh();
      const fresh = freshPaths();
      if (fresh.length === 0 && indexed()) return;
      this.ensureTable();
      const table = tableOf(this.name);
      for (const path of fresh) {
        const info: ColumnInfo = {
          path,
          parts: path.split('.'),
          column: columnOf(path),
          multikey: false,
        };
        this.db.exec(`ALTER TABLE ${table} ADD COLUMN ${info.column}`);
        this.db
          .prepare('INSERT INTO _columns (collection, path, multikey) VALUES (?, ?, 0)')
          .run(this.name, path);
        this.columns.set(path, info);
        this.backfill(info);
      }
      this.statements = null;
      this.queries.clear();
      const keys = paths
        .map(
          (path) =>
            `${path === '_id' ? 'id' : columnOf(path)} ${spec.keys[path] === -1 ? 'DESC' : 'ASC'}`,
        )
        .join(', ');
      // Queries select ids by index: with the id in it (and the rowid, always there), the index
      // answers them without a lookup in the table per row (1,760 goals of a nested list).
      this.db.exec(
        spec.unique
          ? `CREATE UNIQUE INDEX IF NOT EXISTS ${name} ON ${table} (${keys})`
          : `CREATE INDEX IF NOT EXISTS ${name} ON ${table} (${keys}, id)`,
      );
    });
  }

  /** Fills a new column from the documents already stored. */
  private backfill(info: ColumnInfo): void {
    const table = tableOf(this.name);
    const update = this.db.prepare(`UPDATE ${table} SET ${info.column} = ? WHERE id = ?`);
    const rows = this.db.prepare(`SELECT id, pos, doc FROM ${table}`).all() as Row[];
    for (const chunk of chunks(rows, CHUNK)) {
      const documents = this.documentsOf(chunk, true);
      for (let i = 0; i < chunk.length; i++) {
        let value = columnValue(valueAtPath(documents[i], info.parts));
        if (value === MULTIKEY) {
          this.markMultikey(info);
          value = null;
        }
        update.run(value, chunk[i]!.id);
      }
    }
  }
}

/** The persisted embedded read store (see the module comment). */
export class SqliteReadStore implements ReadStore {
  readonly db: Database.Database;
  readonly stats = { calls: 0 };
  private readonly collections = new Map<string, SqliteCollection<ReadDocument>>();
  private readonly views = new Map<string, LogViewCollection<ReadDocument>>();
  private readonly cache: DocumentCache;
  private readonly dataVersion: Database.Statement<[], number>;
  private readonly selectCheckpoint: Database.Statement<[string], { position: number }>;
  private readonly upsertCheckpoint: Database.Statement<[string, number]>;
  private readonly selectFence: Database.Statement<[string], number>;
  private readonly raiseFence: Database.Statement<[string, number]>;
  private lastDataVersion: number;
  private closed = false;
  private packr!: Packr;
  /**
   * Bumped each time this connection forgets its record structures (emptied, or a transaction
   * rolled back): documents encoded before, still waiting for the lock, are encoded again.
   */
  structuresGeneration = 0;
  private readonly busyTimeoutMs: number;
  readonly derived: DerivedDocuments | undefined;
  /** What this opener found when it emptied an incompatible file (`rebuild`); else null. */
  readonly emptiedOnOpen: LayoutChange | null;

  constructor(options: SqliteReadStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.derived = options.derived;
    const trace = options.traceStatement;
    this.db = new Database(options.path, trace ? { verbose: (sql) => trace(String(sql)) } : {});
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.busyTimeoutMs = options.busyTimeoutMs ?? 10_000;
    this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    this.db.pragma(`cache_size = -${options.pageCacheKib ?? 65_536}`);
    this.db.pragma('temp_store = MEMORY');
    this.db.pragma('journal_size_limit = 67108864');
    if (options.walAutocheckpoint)
      this.db.pragma(`wal_autocheckpoint = ${options.walAutocheckpoint}`);
    try {
      this.emptiedOnOpen = this.migrate(
        options.path,
        options.builtBy ?? '',
        options.onIncompatible ?? 'refuse',
      );
    } catch (error) {
      this.db.close();
      throw error;
    }
    this.resetPackr();
    this.cache = new DocumentCache(options.cacheBytes ?? 64 * 1024 * 1024);
    this.dataVersion = this.db.prepare('PRAGMA data_version').pluck() as Database.Statement<
      [],
      number
    >;
    this.lastDataVersion = this.dataVersion.get()!;
    this.selectCheckpoint = this.db.prepare(
      'SELECT position FROM _checkpoints WHERE projection = ?',
    );
    this.upsertCheckpoint = this.db.prepare(
      `INSERT INTO _checkpoints (projection, position) VALUES (?, ?)
       ON CONFLICT (projection) DO UPDATE SET position = excluded.position
       WHERE excluded.position > _checkpoints.position`,
    );
    // Kept when the read models are dropped: a fencing token only ever grows.
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS _fences (name TEXT PRIMARY KEY, token INTEGER NOT NULL)',
    );
    this.selectFence = this.db
      .prepare('SELECT token FROM _fences WHERE name = ?')
      .pluck() as Database.Statement<[string], number>;
    this.raiseFence = this.db.prepare(
      `INSERT INTO _fences (name, token) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET token = excluded.token WHERE excluded.token > _fences.token`,
    );
  }

  /** In the commit's transaction: refuses a token lower than one seen, and records it. */
  private checkFence(fence: Fence): void {
    const seen = this.selectFence.get(fence.name);
    if (seen !== undefined && seen > fence.token) throw new FencedError(fence, seen);
    this.raiseFence.run(fence.name, fence.token);
  }

  /**
   * The layout of the tables, and which collections are derived. A new or empty file is
   * initialised; one written with another layout (an older version, other projections, another set
   * of derived collections) is emptied to be rebuilt from the log, or refused (see
   * `onIncompatible`). Returns the layout of a file it emptied.
   */
  private migrate(
    path: string,
    builtBy: string,
    onIncompatible: OnIncompatible,
  ): LayoutChange | null {
    const expected: ReadStoreLayout = {
      version: LAYOUT_VERSION,
      builtBy,
      derived: [...(this.derived?.collections.keys() ?? [])].sort(),
    };
    const layout = JSON.stringify(expected);
    /** Null when the file has the opener's layout; else its tables, to be emptied. */
    const incompatibility = () => {
      const tables = this.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .pluck()
        .all() as string[];
      const saved = tables.includes('_meta')
        ? (this.db.prepare("SELECT value FROM _meta WHERE key = 'layout'").pluck().get() as
            string | undefined)
        : undefined;
      if (saved === layout) return null;
      const change = tables.length > 0 ? { found: parseLayout(saved), expected } : null;
      if (change && onIncompatible === 'refuse')
        throw new IncompatibleReadStoreError(path, change.found, expected);
      return { tables, change };
    };
    // First without the write lock: opening a compatible file (or refusing one) waits for no writer.
    if (incompatibility() === null) return null;
    // Again under the write lock: another opener may have initialised the file meanwhile.
    return this.db
      .transaction((): LayoutChange | null => {
        const incompatible = incompatibility();
        if (incompatible === null) return null;
        for (const table of incompatible.tables) this.db.exec(`DROP TABLE ${quote(table)}`);
        this.db.exec(`
          CREATE TABLE _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
          CREATE TABLE _collections (name TEXT PRIMARY KEY);
          CREATE TABLE _columns (
            collection TEXT NOT NULL, path TEXT NOT NULL, multikey INTEGER NOT NULL,
            PRIMARY KEY (collection, path));
          CREATE TABLE _checkpoints (projection TEXT PRIMARY KEY, position INTEGER NOT NULL);
          CREATE TABLE _structures (id INTEGER PRIMARY KEY, structures BLOB NOT NULL);
        `);
        this.db.prepare("INSERT INTO _meta (key, value) VALUES ('layout', ?)").run(layout);
        return incompatible.change;
      })
      .immediate();
  }

  private dropTables(): void {
    const names = this.db.prepare('SELECT name FROM _collections').pluck().all() as string[];
    for (const name of names) this.db.exec(`DROP TABLE IF EXISTS ${tableOf(name)}`);
    this.db.exec(
      'DELETE FROM _collections; DELETE FROM _columns; DELETE FROM _checkpoints; DELETE FROM _structures;',
    );
  }

  /**
   * Record structures are shared by every connection to the file. A structure is saved in the
   * transaction of the write that first uses it; a writer whose list is out of date (another
   * connection saved more since) is refused by `isCompatible`, reloads, and encodes again.
   */
  private resetPackr(): void {
    this.structuresGeneration += 1;
    const select = this.db.prepare('SELECT structures FROM _structures WHERE id = 1').pluck();
    const upsert = this.db.prepare(
      'INSERT INTO _structures (id, structures) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET structures = excluded.structures',
    );
    const plain = new Packr({ useRecords: false });
    const load = (): object[] | undefined => {
      const blob = select.get() as Buffer | undefined;
      return blob ? (plain.unpack(blob) as object[]) : undefined;
    };
    this.packr = new Packr({
      maxSharedStructures: 4096,
      getStructures: () => load() ?? [],
      // Checked and saved under the write lock: two connections never save different lists as
      // the same one (documents may be encoded before their own transaction, see prepareWrites).
      saveStructures: (structures: object[], isCompatible: (existing?: object[]) => boolean) => {
        let saved = false;
        this.transaction(() => {
          if (!isCompatible(load())) return;
          upsert.run(plain.pack(structures));
          saved = true;
        });
        return saved;
      },
    } as ConstructorParameters<typeof Packr>[0]);
  }

  encode(document: ReadDocument): Buffer {
    return this.packr.pack(document);
  }

  decode<T>(buffer: Buffer): T {
    return this.packr.unpack(buffer) as T;
  }

  /**
   * Counts a round trip, and empties the cache when another connection committed since the last
   * call (the documents it holds may have been replaced).
   */
  touch(): void {
    this.stats.calls += 1;
    this.refresh();
  }

  /** Reads the file's structures again if another connection changed it since this one looked. */
  refresh(): void {
    const version = this.dataVersion.get()!;
    if (version === this.lastDataVersion) return;
    this.lastDataVersion = version;
    this.cache.clear();
    for (const collection of this.collections.values()) collection.reload();
  }

  cacheGet<T>(collection: string, id: string): T | undefined {
    return this.cache.get<T>(collection, id);
  }

  cacheSet(collection: string, id: string, document: unknown, size: number): void {
    this.cache.set(collection, id, document, size);
  }

  evict(collection: string, id: string): void {
    this.cache.delete(collection, id);
  }

  transaction(work: () => void): void {
    if (this.db.inTransaction) return work();
    try {
      this.db.transaction(work).immediate();
    } catch (error) {
      this.forgetFileState();
      throw error;
    }
  }

  /**
   * Forgets what this connection holds of the file (structures, cache, columns), to read it again:
   * after emptying the file, and after a rollback (structures saved, columns added or dropped,
   * tables emptied in the transaction are gone from the file; a connection's own rollback does not
   * change `data_version`, which `refresh` watches).
   */
  private forgetFileState(): void {
    this.resetPackr();
    this.cache.clear();
    for (const collection of this.collections.values()) collection.reload();
  }

  /**
   * `transaction` for the asynchronous writes (commits, a collection's writes, indexes): while
   * another connection holds the write lock, this one waits in timers, not in SQLite's busy
   * handler, which sleeps on the calling thread. On the main thread that was the event loop
   * standing still while a catch-up worker committed a large batch (160-180 ms at ready on a log
   * of 200,000 events, the main thread joining the workers' checkpoints). Past the busy timeout it
   * fails with SQLITE_BUSY, as SQLite would.
   */
  async writeTransaction(work: () => void): Promise<void> {
    if (this.db.inTransaction) return work();
    const deadline = Date.now() + this.busyTimeoutMs;
    for (let pauseMs = 1; ; pauseMs = Math.min(pauseMs * 2, 20)) {
      if (this.closed) throw new Error('el almacén de lectura se cerró antes de escribir');
      const busy = this.transactionIfFree(work);
      if (busy === null) return;
      if (Date.now() >= deadline) throw busy;
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
  }

  /**
   * Runs `work` in a transaction if no other connection holds the write lock: null when done, and
   * SQLite's SQLITE_BUSY error (nothing run) when one does.
   */
  private transactionIfFree(work: () => void): Error | null {
    this.db.pragma('busy_timeout = 0');
    try {
      this.db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      // By its code: under Jest's module registries the addon's error class is another file's.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return error as Error;
      throw error;
    } finally {
      this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    }
    try {
      // What other connections committed while this one waited (columns added, documents).
      this.refresh();
      work();
      this.db.exec('COMMIT');
      return null;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.forgetFileState();
      throw error;
    }
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): Collection<T> {
    const source = this.derived?.collections.get(name);
    if (source) {
      let view = this.views.get(name);
      if (!view)
        this.views.set(name, (view = new LogViewCollection(name, source, this.derived!.log, this)));
      return view as unknown as Collection<T>;
    }
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new SqliteCollection<ReadDocument>(name, this);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  /** The collections computed from the log beside this store (nothing of them is written). */
  derives(collection: string): boolean {
    return this.derived?.collections.has(collection) ?? false;
  }

  /** A projection's checkpoint, without counting a round trip (log views bound what they show). */
  checkpointOf(projection: string): Position | null {
    return this.selectCheckpoint.get(projection)?.position ?? null;
  }

  private sqliteCollection(name: string): SqliteCollection<ReadDocument> {
    return this.collection(name) as unknown as SqliteCollection<ReadDocument>;
  }

  async getCheckpoint(projection: string): Promise<Position | null> {
    this.touch();
    return this.selectCheckpoint.get(projection)?.position ?? null;
  }

  async commit(
    projection: string,
    writes: ReadonlyMap<string, readonly WriteOperation[]>,
    checkpoint: Position,
    fence?: Fence,
  ): Promise<void> {
    await this.commitMany([commitEntry(projection, writes, checkpoint, fence)]);
  }

  async commitMany(entries: readonly CommitEntry[]): Promise<void> {
    this.touch();
    // Encoded first, then written under the lock with the checkpoints.
    const prepared = entries.map(({ projection, writes, checkpoint, fence }) => ({
      projection,
      checkpoint,
      fence,
      writes: [...writes]
        .filter(([name]) => !this.derives(name))
        .map(([name, operations]) => {
          const collection = this.sqliteCollection(name);
          return { collection, prepared: collection.prepareWrites(operations) };
        }),
    }));
    await this.writeTransaction(() => {
      // A fenced-out entry rolls the whole transaction back: nothing of the batch lands.
      for (const { fence } of prepared) if (fence) this.checkFence(fence);
      for (const { projection, checkpoint, writes } of prepared) {
        for (const { collection, prepared: rows } of writes) collection.applyWrites(rows);
        this.upsertCheckpoint.run(projection, checkpoint);
      }
    });
  }

  async dropAll(): Promise<void> {
    this.touch();
    // Forgotten in the same turn as the tables go: a write waiting for the lock meanwhile would
    // otherwise encode with structures no longer in the file.
    await this.writeTransaction(() => {
      this.dropTables();
      this.forgetFileState();
    });
  }

  async drop(collections: readonly string[], checkpoints: readonly string[]): Promise<void> {
    this.touch();
    await this.writeTransaction(() => {
      for (const name of collections) {
        this.db.exec(`DROP TABLE IF EXISTS ${tableOf(name)}`);
        this.db.prepare('DELETE FROM _collections WHERE name = ?').run(name);
        this.db.prepare('DELETE FROM _columns WHERE collection = ?').run(name);
        this.collections.get(name)?.reload();
      }
      for (const name of checkpoints)
        this.db.prepare('DELETE FROM _checkpoints WHERE projection = ?').run(name);
    });
    this.cache.clear();
  }

  /**
   * Copies the write-ahead log into the file (a passive checkpoint: it waits for no connection).
   * A catch-up thread does it before it reports done: its last commits leave tens of MiB in the
   * log, short of its own threshold (`walAutocheckpoint`), and the next connection to commit, the
   * server's main thread, would copy them on its event loop (150 ms on a log of 200,000 events).
   * While another connection checkpoints, or the copy advances (other threads still committing),
   * it tries again for up to `timeoutMs`; what is left (frames a reader still holds, or past the
   * time) is copied by the next commit, as before.
   */
  async checkpointWal(timeoutMs = 2_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let copiedBefore = -1;
    for (;;) {
      // [busy, frames in the log, frames copied]: busy while another connection checkpoints.
      const [result] = this.db.pragma('wal_checkpoint(PASSIVE)') as Array<{
        busy: number;
        log: number;
        checkpointed: number;
      }>;
      if (!result || (result.busy === 0 && result.checkpointed >= result.log)) return;
      if (result.busy === 0 && result.checkpointed <= copiedBefore) return;
      copiedBefore = result.checkpointed;
      if (Date.now() >= deadline) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('el almacén de lectura está cerrado');
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
