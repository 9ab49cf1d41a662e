/**
 * The read store port: the subset of MongoDB's collection API that projections and queries use.
 * Filters are MongoDB query documents on both adapters (the embedded one evaluates them with
 * mingo), so a query written once behaves the same on either.
 */
import type { Position } from '../eventstore/port';

export interface ReadDocument {
  _id: string;
}

export type Filter = Record<string, unknown>;
export type SortSpec = Record<string, 1 | -1>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  limit?: number;
}

export interface IndexSpec {
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  name?: string;
}

/**
 * One write of a batch: the whole document replaced (upserted) or deleted by id. A document that
 * records `_position` (the last event applied to it) is only replaced by one with a higher
 * position, and a delete only removes a document older than it: replaying an event is a no-op.
 */
export type WriteOperation<T extends ReadDocument = ReadDocument> =
  { kind: 'put'; document: T } | { kind: 'delete'; id: string; position: Position };

/** Whether a write at `incoming` may replace a document last written at `existing`. */
export function isNewer(existing: unknown, incoming: unknown): boolean {
  if (typeof existing !== 'number' || typeof incoming !== 'number') return true;
  return incoming > existing;
}

export interface Collection<T extends ReadDocument = ReadDocument> {
  readonly name: string;
  find(filter?: Filter, options?: FindOptions): Promise<T[]>;
  findOne(filter: Filter, options?: Omit<FindOptions, 'limit'>): Promise<T | null>;
  /**
   * Many documents by id in one round trip (DataLoader batches). Order follows `ids`. With
   * `owned`, the documents are the caller's to change (the projector's drafts): no one else
   * holds them, not even a cache.
   */
  findByIds(ids: readonly string[], options?: { owned?: boolean }): Promise<Array<T | null>>;
  count(filter?: Filter): Promise<number>;
  write(operations: readonly WriteOperation<T>[]): Promise<void>;
  createIndex(index: IndexSpec): Promise<void>;
}

/** One projection's batch: its writes by collection, and the checkpoint they bring it to. */
export interface CommitEntry {
  projection: string;
  writes: ReadonlyMap<string, readonly WriteOperation[]>;
  checkpoint: Position;
}

export interface ReadStore {
  collection<T extends ReadDocument = ReadDocument>(name: string): Collection<T>;
  getCheckpoint(projection: string): Promise<Position | null>;
  /**
   * Applies a projection's batch and advances its checkpoint. Writes land before the checkpoint:
   * after a crash in between, the batch is replayed, and every write is idempotent.
   */
  commit(
    projection: string,
    writes: ReadonlyMap<string, readonly WriteOperation[]>,
    checkpoint: Position,
  ): Promise<void>;
  /**
   * Several projections' batches, in order, as one unit where the store can (one transaction on
   * SQLite; one commit after another on MongoDB, each with its writes before its checkpoint).
   */
  commitMany(entries: readonly CommitEntry[]): Promise<void>;
  /**
   * True for a collection this store computes from the log beside it (a projection's
   * `derivedFromEvent` documents): the projector need not compute or write its documents, only
   * move its checkpoint. Absent: the store keeps every collection it is sent.
   */
  derives?(collection: string): boolean;
  /** Drops every collection and checkpoint (rebuild from scratch). */
  dropAll(): Promise<void>;
  /** Counts round trips to the store, for tests of batching (DataLoader). */
  readonly stats: { calls: number };
  ping(): Promise<void>;
  close(): Promise<void>;
}
