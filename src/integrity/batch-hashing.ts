/**
 * Hashing a batch of log rows: shared by the worker threads and by the inline path (tests, small
 * logs), so both compute exactly the same thing. A batch is either rows already read (any event
 * store) or a range of positions of the embedded SQLite file, which the worker then reads itself
 * so that the events' JSON text never crosses threads.
 */
import Database from 'better-sqlite3';
import {
  hashEnvelope,
  SQL_CANONICAL_ENVELOPE,
  storedCanonicalHash,
  storedEventHash,
  type SealedEvent,
} from '../eventstore/integrity';
import type { EventMetadata, JsonObject } from '../eventstore/port';
import { leafHash, subtreeRoot } from './merkle';

/** One event as the log stores it; `data` and `metadata` may still be JSON text (SQLite). */
export interface LogRow {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string | JsonObject;
  metadata: string | EventMetadata;
  recordedAt: number;
  prevHash: string | null;
  hash: string;
  /**
   * The canonical text SQLite built of the stored row (`SQL_CANONICAL_ENVELOPE`), when it was
   * read with it: hashed first, and the payload read only where it does not give the stored hash.
   */
  canonical?: string | null;
}

/** What the checks on the main thread need of a row (no payload). */
export type RowEnvelope = Omit<LogRow, 'data' | 'metadata' | 'type' | 'canonical'>;

export interface EnvelopeColumns {
  positions: Float64Array;
  revisions: Float64Array;
  recordedAt: Float64Array;
  ids: string[];
  streams: string[];
  prevHashes: Array<string | null>;
  hashes: string[];
}

export function columnsOf(rows: readonly RowEnvelope[]): EnvelopeColumns {
  return {
    positions: Float64Array.from(rows, (r) => r.position),
    revisions: Float64Array.from(rows, (r) => r.revision),
    recordedAt: Float64Array.from(rows, (r) => r.recordedAt),
    ids: rows.map((r) => r.id),
    streams: rows.map((r) => r.stream),
    prevHashes: rows.map((r) => r.prevHash),
    hashes: rows.map((r) => r.hash),
  };
}

export function rowsOf(columns: EnvelopeColumns): RowEnvelope[] {
  return columns.ids.map((id, i) => ({
    position: columns.positions[i]!,
    id,
    stream: columns.streams[i]!,
    revision: columns.revisions[i]!,
    recordedAt: columns.recordedAt[i]!,
    prevHash: columns.prevHashes[i]!,
    hash: columns.hashes[i]!,
  }));
}

export interface HashBatch {
  sequence: number;
  /** Rows already read, or a position range (after, through] of a SQLite log file. */
  rows?: LogRow[];
  sqlite?: { path: string; after: number; through: number };
}

export interface HashResult {
  sequence: number;
  /** The rows' envelopes, when the worker read them itself (by column: cheaper across threads). */
  envelopes: EnvelopeColumns | null;
  /** Rows whose stored hash is not the one recomputed from their canonical form. */
  mismatches: Array<{ index: number; recomputed: string }>;
  /** 32 bytes per row: the Merkle leaf hash of the row's stored hash. */
  leaves: Uint8Array;
  /** Root of the subtree the leaves form, when their number is a power of two. */
  subtreeRoot: Uint8Array | null;
  /** Rows whose JSON could not be read, with the parser's message. */
  unreadable: Array<{ index: number; message: string }>;
}

const parse = <T>(value: string | T): T =>
  typeof value === 'string' ? (JSON.parse(value) as T) : value;

/** A row's envelope, its type, and the canonical text SQLite built of it. */
type CanonicalRow = [
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

const CANONICAL_ROWS = `SELECT position, id, stream, revision, type, recorded_at, prev_hash, hash,
  ${SQL_CANONICAL_ENVELOPE} FROM events WHERE position > ? AND position <= ? ORDER BY position`;

interface LogFile {
  range: Database.Statement<[number, number], CanonicalRow>;
  payload: Database.Statement<[number], [string, string]>;
}

/** A row's payload, read by position where the canonical text SQLite built does not do. */
export const PAYLOAD_AT = 'SELECT data, metadata FROM events WHERE position = ?';

/** A row read a moment ago is gone (the log refuses deletions: a change to the file). */
export function vanished(position: number): never {
  throw new Error(`la fila de la posición ${position} desapareció de la bitácora mientras se leía`);
}

/** One read-only connection per file and thread. */
const connections = new Map<string, LogFile>();

function logFile(path: string): LogFile {
  let file = connections.get(path);
  if (!file) {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    file = {
      range: db.prepare<[number, number], CanonicalRow>(CANONICAL_ROWS).raw(),
      payload: db.prepare<[number], [string, string]>(PAYLOAD_AT).raw(),
    };
    connections.set(path, file);
  }
  return file;
}

/**
 * The hash a row should carry, recomputed: on the canonical text SQLite built of it when it was
 * read with one (see `storedCanonicalHash`), else on the stored JSON text when the row has it (see
 * `storedEventHash`), else on the canonical form of its values. Throws on unreadable JSON.
 */
export function hashOfRow(row: LogRow): string {
  const envelope = {
    id: row.id,
    type: row.type,
    stream: row.stream,
    revision: row.revision,
    prevHash: row.prevHash,
  };
  if (row.canonical !== undefined) {
    return storedCanonicalHash(envelope, row.canonical, row.hash, () =>
      hashOfPayload(envelope, row),
    );
  }
  return hashOfPayload(envelope, row);
}

/** `hashOfRow` on the row's data and metadata. */
function hashOfPayload(
  envelope: Omit<SealedEvent, 'hash' | 'data' | 'metadata'>,
  row: LogRow,
): string {
  if (typeof row.data === 'string' && typeof row.metadata === 'string') {
    return storedEventHash(envelope, row.data, row.metadata, row.hash);
  }
  return hashEnvelope({
    ...envelope,
    data: parse<JsonObject>(row.data),
    metadata: parse<EventMetadata>(row.metadata),
  });
}

/**
 * Hashes `count` rows (`recompute(index)` gives one's hash from its content, throwing on
 * unreadable JSON) and builds their Merkle leaves from their stored hashes (`stored(index)`).
 */
function hashed(
  sequence: number,
  count: number,
  stored: (index: number) => string,
  recompute: (index: number) => string,
): Omit<HashResult, 'envelopes'> {
  const mismatches: HashResult['mismatches'] = [];
  const leaves = new Uint8Array(count * 32);
  const leafHashes: Buffer[] = [];
  const unreadable: HashResult['unreadable'] = [];
  for (let index = 0; index < count; index++) {
    const hash = stored(index);
    try {
      const recomputed = recompute(index);
      if (recomputed !== hash) mismatches.push({ index, recomputed });
    } catch (error) {
      unreadable.push({ index, message: error instanceof Error ? error.message : String(error) });
    }
    const leaf = leafHash(Buffer.from(hash, 'hex'));
    leaves.set(leaf, index * 32);
    leafHashes.push(leaf);
  }
  const powerOfTwo = count > 0 && Number.isInteger(Math.log2(count));
  return {
    sequence,
    mismatches,
    leaves,
    subtreeRoot: powerOfTwo ? subtreeRoot(leafHashes) : null,
    unreadable,
  };
}

/**
 * Rows of a SQLite log file, hashed on the canonical text SQLite builds of them (see
 * `storedCanonicalHash`): their JSON is read only where that text does not give the stored hash.
 */
function hashFileRange(sequence: number, path: string, after: number, through: number) {
  const file = logFile(path);
  const rows = file.range.all(after, through);
  const result = hashed(
    sequence,
    rows.length,
    (index) => rows[index]![7],
    (index) => {
      const [position, id, stream, revision, type, recordedAt, prevHash, hash, canonical] =
        rows[index]!;
      const envelope = { id, type, stream, revision, prevHash };
      return storedCanonicalHash(envelope, canonical, hash, () => {
        const [data, metadata] = file.payload.get(position) ?? vanished(position);
        return hashOfRow({ ...envelope, position, recordedAt, hash, data, metadata });
      });
    },
  );
  const envelopes: EnvelopeColumns = {
    positions: Float64Array.from(rows, (row) => row[0]),
    revisions: Float64Array.from(rows, (row) => row[3]),
    recordedAt: Float64Array.from(rows, (row) => row[5]),
    ids: rows.map((row) => row[1]),
    streams: rows.map((row) => row[2]),
    prevHashes: rows.map((row) => row[6]),
    hashes: rows.map((row) => row[7]),
  };
  return { ...result, envelopes };
}

export function hashBatch(batch: HashBatch): HashResult {
  if (batch.rows) {
    const rows = batch.rows;
    const result = hashed(
      batch.sequence,
      rows.length,
      (index) => rows[index]!.hash,
      (index) => hashOfRow(rows[index]!),
    );
    return { ...result, envelopes: null };
  }
  const { path, after, through } = batch.sqlite!;
  return hashFileRange(batch.sequence, path, after, through);
}
