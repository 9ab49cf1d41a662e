import {
  MongoBulkWriteError,
  MongoClient,
  MongoServerError,
  type AnyBulkWriteOperation,
  type Db,
  type Document,
  type Collection as MongoCollection,
} from 'mongodb';
import type { Position } from '../eventstore/port';
import type { LeaseStore } from './lease';
import { MongoLeases } from './lease-mongo';
import {
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

const DUPLICATE_KEY = 11000;
const CHECKPOINTS = '_checkpoints';
/** The highest fencing token seen per projection; never dropped (a token only grows). */
const FENCES = '_fences';

/**
 * A put is guarded by `_position`: replace only an older document. When a newer one exists the
 * filter misses, the upsert tries to insert the same `_id` and fails with a duplicate key: that is
 * the replayed event being a no-op, so those errors are expected and ignored.
 */
function toBulkOperation(operation: WriteOperation): AnyBulkWriteOperation<Document> {
  if (operation.kind === 'delete') {
    return {
      deleteOne: {
        filter: {
          _id: operation.id,
          $or: [{ _position: { $lt: operation.position } }, { _position: { $exists: false } }],
        } as Document,
      },
    };
  }
  const { document } = operation;
  const position = (document as { _position?: unknown })._position;
  const guard =
    typeof position === 'number'
      ? { $or: [{ _position: { $lt: position } }, { _position: { $exists: false } }] }
      : {};
  return {
    replaceOne: {
      filter: { _id: document._id, ...guard } as Document,
      replacement: document as unknown as Document,
      upsert: true,
    },
  };
}

/**
 * Whether a failed bulk write failed only because documents were already newer (a replay). With
 * driver 7, a network, not-primary or server-selection error, and a write-concern error, arrive as
 * a `MongoBulkWriteError` with an EMPTY `writeErrors`: "every write error is a duplicate key" is
 * then vacuously true, and taking it for a replay would move the checkpoint past writes that never
 * landed. So: at least one write error, all of them duplicate keys, and no write-concern error.
 */
export function isReplayOnly(error: unknown): boolean {
  if (!(error instanceof MongoBulkWriteError)) return false;
  const writeErrors = Array.isArray(error.writeErrors)
    ? error.writeErrors
    : error.writeErrors
      ? [error.writeErrors]
      : [];
  if (writeErrors.length === 0) return false;
  if (!writeErrors.every((writeError) => writeError?.code === DUPLICATE_KEY)) return false;
  // A write-concern error travels beside the write errors (in the result) or as the error itself.
  if (error.err) return false;
  if (error.result?.getWriteConcernError?.()) return false;
  return true;
}

export async function bulkWrite(
  collection: Pick<MongoCollection<Document>, 'bulkWrite'>,
  operations: readonly WriteOperation[],
): Promise<void> {
  if (operations.length === 0) return;
  try {
    await collection.bulkWrite(operations.map(toBulkOperation), { ordered: false });
  } catch (error) {
    if (!isReplayOnly(error)) throw error;
  }
}

class MongoReadCollection<T extends ReadDocument> implements Collection<T> {
  constructor(
    private readonly collection: MongoCollection<Document>,
    private readonly stats: { calls: number },
  ) {}

  get name(): string {
    return this.collection.collectionName;
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    this.stats.calls += 1;
    let cursor = this.collection.find(filter as Document);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  async findOne(filter: Filter, options: Omit<FindOptions, 'limit'> = {}): Promise<T | null> {
    const [first] = await this.find(filter, { ...options, limit: 1 });
    return first ?? null;
  }

  async findByIds(ids: readonly string[]): Promise<Array<T | null>> {
    const found = await this.find({ _id: { $in: [...new Set(ids)] } });
    const byId = new Map(found.map((document) => [document._id, document]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async count(filter: Filter = {}): Promise<number> {
    this.stats.calls += 1;
    return this.collection.countDocuments(filter as Document);
  }

  async write(operations: readonly WriteOperation<T>[]): Promise<void> {
    this.stats.calls += 1;
    await bulkWrite(this.collection, operations);
  }

  async createIndex(spec: IndexSpec): Promise<void> {
    await this.collection.createIndex(spec.keys, {
      ...(spec.unique ? { unique: true } : {}),
      ...(spec.name ? { name: spec.name } : {}),
    });
  }
}

export interface MongoReadStoreOptions {
  /** e.g. "mongodb://localhost:27017/bitacora?replicaSet=rs0" */
  url: string;
  /** Database name when the URL names none. */
  database?: string;
  /**
   * How long an operation waits for a suitable server (default 30 s). A replica-set election
   * takes up to about 12 s: a shorter bound turns every failover into errors. Tests of an
   * unreachable server pass a short one.
   */
  serverSelectionTimeoutMS?: number;
}

/** The production read store on MongoDB. */
export class MongoReadStore implements ReadStore {
  readonly stats = { calls: 0 };
  private readonly collections = new Map<string, MongoReadCollection<ReadDocument>>();

  /** Use `connect`; tests may drive the adapter over a fake database with `overDatabase`. */
  private constructor(
    private readonly client: Pick<MongoClient, 'close'>,
    private readonly db: Db,
  ) {}

  /** The adapter over a database handle it does not own (tests: a fake that injects faults). */
  static overDatabase(db: Db): MongoReadStore {
    return new MongoReadStore({ close: async () => undefined }, db);
  }

  static async connect(options: MongoReadStoreOptions): Promise<MongoReadStore> {
    const client = new MongoClient(options.url, {
      serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 30_000,
      // Read models and checkpoints acknowledged by a majority, journaled: a primary that fails
      // over cannot roll back a checkpoint the projector has moved past (nor a lease it holds).
      writeConcern: { w: 'majority', journal: true },
      readConcern: { level: 'majority' },
      retryWrites: true,
    });
    await client.connect();
    return new MongoReadStore(client, client.db(options.database));
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): Collection<T> {
    let collection = this.collections.get(name);
    if (!collection) {
      collection = new MongoReadCollection(this.db.collection(name), this.stats);
      this.collections.set(name, collection);
    }
    return collection as unknown as Collection<T>;
  }

  /** Leases kept in this database (`_leases`), for jobs only one replica may run at a time. */
  leases(): LeaseStore {
    return new MongoLeases(this.db);
  }

  async getCheckpoint(projection: string): Promise<Position | null> {
    this.stats.calls += 1;
    const found = await this.db
      .collection<{ _id: string; position: number }>(CHECKPOINTS)
      .findOne({ _id: projection });
    return found?.position ?? null;
  }

  async commit(
    projection: string,
    writes: ReadonlyMap<string, readonly WriteOperation[]>,
    checkpoint: Position,
    fence?: Fence,
  ): Promise<void> {
    this.stats.calls += 1;
    // Fenced before the documents (a stale holder writes nothing) and again before the checkpoint
    // (a successor that took over meanwhile keeps it). The documents between are guarded by
    // `_position`, and a projection is deterministic: a late duplicate write changes nothing.
    if (fence) await this.raiseFence(fence);
    await Promise.all(
      [...writes].map(([name, operations]) => bulkWrite(this.db.collection(name), operations)),
    );
    if (fence) await this.raiseFence(fence);
    // Checkpoints never move backwards: an older commit arriving late changes nothing.
    await this.db
      .collection<{ _id: string; position: number }>(CHECKPOINTS)
      .updateOne({ _id: projection }, { $max: { position: checkpoint } }, { upsert: true });
  }

  /**
   * Records `fence.token` unless a higher one is there, in one conditional upsert: when a higher
   * token exists the filter misses, and the upsert's insert of the same `_id` fails with a
   * duplicate key, which is the refusal.
   */
  private async raiseFence(fence: Fence): Promise<void> {
    const fences = this.db.collection<{ _id: string; token: number }>(FENCES);
    try {
      await fences.updateOne(
        { _id: fence.name, token: { $lte: fence.token } },
        { $set: { token: fence.token } },
        { upsert: true },
      );
    } catch (error) {
      if (!(error instanceof MongoServerError) || error.code !== DUPLICATE_KEY) throw error;
      const seen = await fences.findOne({ _id: fence.name });
      throw new FencedError(fence, seen?.token ?? Number.NaN);
    }
  }

  async commitMany(entries: readonly CommitEntry[]): Promise<void> {
    for (const { projection, writes, checkpoint, fence } of entries) {
      await this.commit(projection, writes, checkpoint, fence);
    }
  }

  async dropAll(): Promise<void> {
    const existing = await this.db.listCollections({}, { nameOnly: true }).toArray();
    await Promise.all(
      existing.filter((c) => c.name !== FENCES).map((c) => this.db.collection(c.name).drop()),
    );
  }

  async drop(collections: readonly string[], checkpoints: readonly string[]): Promise<void> {
    const existing = new Set(
      (await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name),
    );
    for (const name of collections) if (existing.has(name)) await this.db.collection(name).drop();
    if (checkpoints.length > 0)
      await this.db
        .collection<{ _id: string }>(CHECKPOINTS)
        .deleteMany({ _id: { $in: [...checkpoints] } });
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
