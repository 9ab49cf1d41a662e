import { mongoFind, mongoQuery } from './mingo';
import type { Position } from '../eventstore/port';
import {
  commitEntry,
  FencedError,
  isNewer,
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

/** Indexes key on the primitive value itself: a Map tells "1" from 1 without prefixes. */
type IndexKey = string | number | boolean;

const positionOf = (document: ReadDocument): unknown =>
  (document as { _position?: unknown })._position;

function valueAt(document: ReadDocument, path: readonly string[]): unknown {
  let current: unknown = document as unknown;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function keyOf(value: unknown): IndexKey | null {
  const type = typeof value;
  return type === 'string' || type === 'number' || type === 'boolean' ? (value as IndexKey) : null;
}

/** Equality (or $in) values a filter requires of a field, or null when it does not pin it. */
function pinnedValues(filter: Filter, field: string): unknown[] | null {
  if (!(field in filter)) return null;
  const condition = filter[field];
  if (condition === null || typeof condition !== 'object') return [condition];
  const operators = condition as Record<string, unknown>;
  if ('$eq' in operators && Object.keys(operators).length === 1) return [operators.$eq];
  if (Array.isArray(operators.$in) && Object.keys(operators).length === 1) return operators.$in;
  return null;
}

/**
 * An in-memory collection evaluated with mingo. Documents are stored as given and returned
 * without copying: read models are immutable values (projections build new documents).
 * A declared index keeps, for its first field, the ids per value, so that equality filters on it
 * touch only their candidates instead of scanning the collection.
 */
class EmbeddedCollection<T extends ReadDocument> implements Collection<T> {
  private readonly documents = new Map<string, T>();
  /** By indexed field: its path, split once, and the ids per value. */
  private readonly indexes = new Map<string, { path: string[]; ids: Map<IndexKey, Set<string>> }>();

  constructor(
    readonly name: string,
    private readonly stats: { calls: number },
  ) {}

  private candidates(filter: Filter): Iterable<T> {
    if ('_id' in filter) {
      const ids = pinnedValues(filter, '_id');
      if (ids) return ids.map((id) => this.documents.get(String(id))).filter((d): d is T => !!d);
    }
    for (const [field, index] of this.indexes) {
      const values = pinnedValues(filter, field);
      if (!values) continue;
      const result: T[] = [];
      for (const value of values) {
        const key = keyOf(value);
        if (key === null) return this.documents.values();
        for (const id of index.ids.get(key) ?? []) result.push(this.documents.get(id)!);
      }
      return result;
    }
    return this.documents.values();
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    this.stats.calls += 1;
    return this.findNow(filter, options);
  }

  private findNow(filter: Filter, options: FindOptions): T[] {
    const source = [...this.candidates(filter)];
    let cursor = mongoFind<T>(source, filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.all();
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | null> {
    this.stats.calls += 1;
    return this.findNow(filter, { ...options, limit: 1 })[0] ?? null;
  }

  async findByIds(
    ids: readonly string[],
    options: { owned?: boolean } = {},
  ): Promise<Array<T | null>> {
    this.stats.calls += 1;
    return ids.map((id) => {
      const document = this.documents.get(id) ?? null;
      // Stored documents are shared with every reader: an owner gets its own copy.
      return document && options.owned ? structuredClone(document) : document;
    });
  }

  async count(filter: Filter = {}): Promise<number> {
    this.stats.calls += 1;
    if (Object.keys(filter).length === 0) return this.documents.size;
    const query = mongoQuery(filter);
    let count = 0;
    for (const document of this.candidates(filter)) {
      if (query.test(document as unknown as Record<string, unknown>)) count += 1;
    }
    return count;
  }

  async write(operations: readonly WriteOperation<T>[]): Promise<void> {
    this.stats.calls += 1;
    this.writeNow(operations);
  }

  writeNow(operations: readonly WriteOperation<T>[]): void {
    for (const operation of operations) {
      if (operation.kind === 'put') {
        const existing = this.documents.get(operation.document._id);
        if (existing && !isNewer(positionOf(existing), positionOf(operation.document))) continue;
        this.documents.set(operation.document._id, operation.document);
        this.reindex(existing, operation.document);
      } else {
        const existing = this.documents.get(operation.id);
        if (!existing || !isNewer(positionOf(existing), operation.position)) continue;
        this.reindex(existing, undefined);
        this.documents.delete(operation.id);
      }
    }
  }

  /** Moves a document between index entries, touching only the fields whose value changed. */
  private reindex(before: T | undefined, after: T | undefined): void {
    for (const { path, ids } of this.indexes.values()) {
      const oldKey = before ? keyOf(valueAt(before, path)) : null;
      const newKey = after ? keyOf(valueAt(after, path)) : null;
      if (oldKey === newKey && before?._id === after?._id) continue;
      if (oldKey !== null) ids.get(oldKey)?.delete(before!._id);
      if (newKey !== null) {
        let entry = ids.get(newKey);
        if (!entry) ids.set(newKey, (entry = new Set()));
        entry.add(after!._id);
      }
    }
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    const field = Object.keys(spec.keys)[0];
    if (!field || this.indexes.has(field)) return;
    this.indexes.set(field, { path: field.split('.'), ids: new Map() });
    for (const document of this.documents.values()) this.reindex(undefined, document);
  }

  clear(): void {
    this.documents.clear();
    for (const index of this.indexes.values()) index.ids.clear();
  }
}

/**
 * The in-memory read store (tests, and `READSTORE=memory`): collections evaluated with mingo,
 * rebuilt from the log at every start. The persisted default is `SqliteReadStore`.
 */
export class EmbeddedReadStore implements ReadStore {
  private readonly collections = new Map<string, EmbeddedCollection<ReadDocument>>();
  private readonly checkpoints = new Map<string, Position>();
  /** The highest fencing token seen per projection. */
  private readonly fences = new Map<string, number>();
  readonly stats = { calls: 0 };

  collection<T extends ReadDocument = ReadDocument>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new EmbeddedCollection<ReadDocument>(name, this.stats);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  async getCheckpoint(projection: string): Promise<Position | null> {
    this.stats.calls += 1;
    return this.checkpoints.get(projection) ?? null;
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
    this.stats.calls += 1;
    // All or nothing, like the SQLite transaction: every fence is checked before any write.
    for (const { fence } of entries) {
      const seen = fence ? this.fences.get(fence.name) : undefined;
      if (fence && seen !== undefined && seen > fence.token) throw new FencedError(fence, seen);
    }
    for (const { projection, writes, checkpoint, fence } of entries) {
      if (fence) this.fences.set(fence.name, fence.token);
      for (const [name, operations] of writes) {
        (this.collection(name) as unknown as EmbeddedCollection<ReadDocument>).writeNow(operations);
      }
      const previous = this.checkpoints.get(projection);
      if (previous === undefined || checkpoint > previous)
        this.checkpoints.set(projection, checkpoint);
    }
  }

  async dropAll(): Promise<void> {
    for (const collection of this.collections.values()) collection.clear();
    this.checkpoints.clear();
  }

  async drop(collections: readonly string[], checkpoints: readonly string[]): Promise<void> {
    for (const name of collections) this.collections.delete(name);
    for (const name of checkpoints) this.checkpoints.delete(name);
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {}
}
