/**
 * Generations of the read models, for a rebuild without downtime (the blue/green rebuild Marten
 * and Emmett recommend): `npm run rebuild` builds generation n+1 into collections of their own
 * while the API keeps serving and projecting generation n, then switches by moving one pointer
 * (the `_generation` checkpoint, which never moves backwards), and drops generation n once the
 * replicas have followed.
 *
 * The projections' collections and checkpoints carry the generation in their names
 * (`goals__g2`, `goals__g2` for the checkpoint too; generation 0 is unnamed, as stores built
 * before generations are); everything else (the integrity monitor's tree, leases, the views of the
 * log a store computes itself) is shared by every generation. Readers see the generation in
 * force at each call; a projector pins the generation it started on (`pinned`) and starts over on
 * the new one when told (`onSwitch`), from the new generation's own checkpoints: it never writes
 * a batch read from one generation into the other.
 */
import type { Position } from '../eventstore/port';
import { projectionOfShare, shareCheckpoint } from '../projector/stream-share';
import {
  commitEntry,
  type Collection,
  type CommitEntry,
  type Fence,
  type ReadDocument,
  type ReadStore,
  type WriteOperation,
} from './port';

/** The pointer: the generation the API serves. */
export const GENERATION_CHECKPOINT = '_generation';

/** What a generation renames: the projections' names and collections. */
export interface GenerationalModels {
  projections: ReadonlyArray<{
    name: string;
    collection: string;
    /** A projection's summaries are written with its documents: the same generation. */
    summaries?: { collection: string };
  }>;
}

/**
 * The most catch-up workers (`WorkerCatchUp` runs no more): a dropped generation is cleared of the
 * share checkpoints of up to this many, so a rebuild retried on it starts every share from empty.
 */
export const MAX_SHARES = 16;

interface Names {
  collections: ReadonlySet<string>;
  /** Each projection's collection, by name. */
  projections: ReadonlyMap<string, string>;
}

const suffix = (name: string, generation: number) =>
  generation === 0 ? name : `${name}__g${generation}`;

/** A read store seen at one generation: every name of a projection carries it. */
class GenerationView implements ReadStore {
  constructor(
    private readonly inner: ReadStore,
    private readonly names: Names,
    readonly generation: number,
  ) {}

  get stats() {
    return this.inner.stats;
  }

  /** The stored name of a collection at this generation. */
  collectionName(name: string): string {
    if (!this.names.collections.has(name) || this.inner.derives?.(name)) return name;
    return suffix(name, this.generation);
  }

  /** The stored name of a checkpoint (a projection's, or one of its shares') at this generation. */
  checkpointName(name: string): string {
    const collection = this.names.projections.get(projectionOfShare(name) ?? name);
    // A view of the log (computed by the store) is bounded by its one checkpoint, in every
    // generation.
    if (collection === undefined || this.inner.derives?.(collection)) return name;
    return suffix(name, this.generation);
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): Collection<T> {
    return this.inner.collection<T>(this.collectionName(name));
  }

  getCheckpoint(projection: string): Promise<Position | null> {
    return this.inner.getCheckpoint(this.checkpointName(projection));
  }

  commit(
    projection: string,
    writes: ReadonlyMap<string, readonly WriteOperation[]>,
    checkpoint: Position,
    fence?: Fence,
  ): Promise<void> {
    return this.commitMany([commitEntry(projection, writes, checkpoint, fence)]);
  }

  commitMany(entries: readonly CommitEntry[]): Promise<void> {
    return this.inner.commitMany(
      entries.map((entry) => ({
        ...entry,
        projection: this.checkpointName(entry.projection),
        writes: new Map(
          [...entry.writes].map(([name, operations]) => [this.collectionName(name), operations]),
        ),
      })),
    );
  }

  derives(collection: string): boolean {
    return this.inner.derives?.(collection) ?? false;
  }

  /** Drops this generation's collections and checkpoints (the rest is shared). */
  async dropAll(): Promise<void> {
    const collections = [...this.names.collections].filter((c) => !this.inner.derives?.(c));
    const checkpoints = [...this.names.projections]
      .filter(([, collection]) => !this.inner.derives?.(collection))
      .map(([name]) => name);
    // With the checkpoints of the shares a catch-up in worker threads left (one per core).
    const shares = Array.from({ length: MAX_SHARES }, (_, k) => k + 1).flatMap((count) =>
      Array.from({ length: count }, (_, index) => ({ index, count })),
    );
    await this.inner.drop(
      collections.map((c) => suffix(c, this.generation)),
      [
        ...checkpoints,
        ...checkpoints.flatMap((p) => shares.map((share) => shareCheckpoint(p, share))),
      ].map((p) => suffix(p, this.generation)),
    );
  }

  drop(collections: readonly string[], checkpoints: readonly string[]): Promise<void> {
    return this.inner.drop(
      collections.map((c) => this.collectionName(c)),
      checkpoints.map((p) => this.checkpointName(p)),
    );
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * The read store at the generation in force, which it checks every `watchMs` (another process,
 * `npm run rebuild`, moves it).
 */
export class GenerationalReadStore implements ReadStore {
  private view: GenerationView;
  private readonly listeners = new Set<(generation: number) => void>();
  private timer: NodeJS.Timeout | null = null;
  private readonly names: Names;

  private constructor(
    readonly inner: ReadStore,
    models: GenerationalModels,
    generation: number,
  ) {
    this.names = {
      collections: new Set(
        models.projections.flatMap((p) =>
          p.summaries ? [p.collection, p.summaries.collection] : [p.collection],
        ),
      ),
      projections: new Map(models.projections.map((p) => [p.name, p.collection])),
    };
    this.view = new GenerationView(inner, this.names, generation);
  }

  /** Over `inner`, at the generation its pointer names. */
  static async open(inner: ReadStore, models: GenerationalModels): Promise<GenerationalReadStore> {
    const generation = (await inner.getCheckpoint(GENERATION_CHECKPOINT)) ?? 0;
    return new GenerationalReadStore(inner, models, generation);
  }

  get generation(): number {
    return this.view.generation;
  }

  get stats() {
    return this.inner.stats;
  }

  /** The store at one generation (a rebuild writes the next one through it). */
  at(generation: number): ReadStore {
    return new GenerationView(this.inner, this.names, generation);
  }

  /** The store at the generation in force now, whatever switches later (for a projector's run). */
  pinned(): ReadStore {
    return this.view;
  }

  /** Hears each switch to another generation (after readers already see it). */
  onSwitch(listener: (generation: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Checks the pointer now; switches if it moved. */
  async refresh(): Promise<void> {
    const generation = (await this.inner.getCheckpoint(GENERATION_CHECKPOINT)) ?? 0;
    if (generation === this.view.generation) return;
    this.view = new GenerationView(this.inner, this.names, generation);
    for (const listener of this.listeners) listener(generation);
  }

  /** Checks the pointer every `intervalMs` until closed. */
  watch(intervalMs: number, onError: (error: unknown) => void): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  /** Moves the pointer to `generation` (never backwards), for every replica to follow. */
  async switchTo(generation: number): Promise<void> {
    await this.inner.commit(GENERATION_CHECKPOINT, new Map(), generation);
    await this.refresh();
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): Collection<T> {
    return this.view.collection<T>(name);
  }

  getCheckpoint(projection: string): Promise<Position | null> {
    return this.view.getCheckpoint(projection);
  }

  commit(
    projection: string,
    writes: ReadonlyMap<string, readonly WriteOperation[]>,
    checkpoint: Position,
    fence?: Fence,
  ): Promise<void> {
    return this.view.commit(projection, writes, checkpoint, fence);
  }

  commitMany(entries: readonly CommitEntry[]): Promise<void> {
    return this.view.commitMany(entries);
  }

  derives(collection: string): boolean {
    return this.view.derives(collection);
  }

  /** Drops everything of every generation (the pointer too: back to generation 0). */
  async dropAll(): Promise<void> {
    await this.inner.dropAll();
    await this.refresh();
  }

  drop(collections: readonly string[], checkpoints: readonly string[]): Promise<void> {
    return this.view.drop(collections, checkpoints);
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.inner.close();
  }
}

/** The store a projector's run uses: pinned to one generation when the store has several. */
export function pinnedStore(store: ReadStore): ReadStore {
  return store instanceof GenerationalReadStore ? store.pinned() : store;
}
