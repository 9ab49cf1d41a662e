/**
 * Runs the projections over the log: one read of the log feeds every projection, each batch's
 * writes and checkpoints commit together, and the lag between the log and each read model is
 * known at any time.
 *
 * Two speeds. Far behind the head (an empty read store, a restart after many appends, a rebuild)
 * the projector catches up in large batches, with drafts changed in place and derived figures
 * computed once per document per batch; a `CatchUpRunner` may do this in another thread so that
 * the caller's event loop stays free. Near the head it follows the log live, in small batches of
 * pure `apply`.
 */
import { StoreUnavailableError } from '../eventstore/errors';
import { carriesMetadataKey } from '../eventstore/lazy-event';
import type { EventStore, Position, ReadAllOptions, RecordedEvent } from '../eventstore/port';
import type { Logger } from '../logging';
import { pinnedStore } from '../readstore/generations';
import { HeldLease, type LeaseStore } from '../readstore/lease';
import { retryUntilStopped } from '../retry';
import {
  commitEntry,
  type CommitEntry,
  type Fence,
  type ReadStore,
  type WriteOperation,
} from '../readstore/port';
import { concernsStream, type ProjectedDocument, type Projection } from './projection';
import { isShared, projectionOfShare, shareCheckpoint } from './stream-share';
import type { ThreadFigures } from './worker-thread';

export interface ProjectorOptions {
  /** Events per batch when following the log live. */
  batchSize?: number;
  /**
   * Events per batch while catching up or rebuilding. Drafts are held across batches (see
   * `holdLimit`), so a batch need not be large: a few thousand events die young in the garbage
   * collector's nursery (measured faster than 20,000 on the national log).
   */
  catchUpBatchSize?: number;
  /** @deprecated the name `catchUpBatchSize` had before catch-up and rebuild shared it. */
  rebuildBatchSize?: number;
  /**
   * A partial batch is written when no new event arrived for this long (default 5 ms). Zero
   * wrote one batch per network chunk of a subscription catching up (EventStoreDB delivers a few
   * events per chunk): a commit each time instead of one per `batchSize` events.
   */
  idleFlushMs?: number;
  /**
   * Where the log is further ahead than this many positions at start, `catchUp` (if given) runs
   * the catch-up; otherwise this projector does it in its own thread.
   */
  catchUpThreshold?: number;
  catchUp?: CatchUpRunner;
  /** While catching up, a projection commits when it holds this many documents. */
  holdLimit?: number;
  /** While catching up, every projection commits at least this often (ms). */
  holdMs?: number;
  /**
   * One active projector per projection across replicas: a projection runs here only while this
   * process holds its lease (`projection:{name}`); its commits carry the lease's fencing token.
   * The others wait in `standby`, follow the checkpoints the holder commits, and take over when
   * the lease is free. Absent: every projection runs here.
   */
  leases?: ProjectorLeases;
  /**
   * Fencing tokens of leases held elsewhere (a catch-up worker runs under its main thread's
   * leases), by projection: commits carry them.
   */
  fences?: Readonly<Record<string, number>>;
  /** Pauses between attempts after an infrastructure error (exponential, full jitter). */
  retry?: { firstDelayMs?: number; maxDelayMs?: number };
  logger?: Logger;
}

export interface ProjectorLeases {
  store: LeaseStore;
  /** This process, unique among replicas (host, pid and a random id). */
  owner: string;
  /** Time to live of a lease; renewed every third of it (default 15 s). */
  ttlMs?: number;
}

/**
 * - `idle`: not started; `catching-up`: far behind the log, in large batches; `running`:
 *   following the log live; `stopped`.
 * - `retrying`: an infrastructure error (a store restarting, an election, a dropped
 *   subscription): the projector resubscribes from its checkpoint with backoff.
 * - `standby`: another replica holds the projection's lease and runs it.
 * - `parked`: the projection threw on one event (`parked` says which): it stays at the event
 *   before it, and the other projections go on. Deterministic: retrying would throw again.
 */
export type ProjectionState =
  'idle' | 'catching-up' | 'running' | 'retrying' | 'standby' | 'parked' | 'stopped';

/** The event a projection threw on, where it stopped. */
export interface ParkedEvent {
  eventId: string;
  type: string;
  stream: string;
  revision: number;
  position: Position;
  error: string;
}

export interface ProjectionStatus {
  projection: string;
  checkpoint: Position | null;
  state: ProjectionState;
  /** Why it is parked or retrying. */
  error: string | null;
  parked: ParkedEvent | null;
}

/** The lease that makes a projector the one that runs a projection. */
export const projectionLease = (projection: string): string => `projection:${projection}`;

/** Runs a catch-up elsewhere (e.g. a worker thread with its own connections to the stores). */
export interface CatchUpRunner {
  /**
   * Brings the projections `scope` names close to the log's head, under its fencing tokens,
   * reporting each batch (with the events read so far, when it counts them: its threads' sum).
   * Resolves when done; rejects if the runner itself failed (a parked projection is reported in a
   * status).
   */
  run(
    onProgress: (statuses: readonly ProjectionStatus[], eventsRead?: number) => void,
    signal: AbortSignal,
    scope?: CatchUpScope,
  ): Promise<CatchUpResult | void>;
  /** Its last run's threads and what each cost, if it runs in threads. */
  figures?(): CatchUpFigures | null;
}

/** The threads of a catch-up run elsewhere, in share order (null: not reported yet). */
export interface CatchUpFigures {
  workers: number;
  threads: Array<ThreadFigures | null>;
}

export interface CatchUpScope {
  projections: string[];
  fences: Record<string, number>;
}

export interface CatchUpResult {
  /**
   * The stream-local projections were shared out by stream (`stream-share.ts`) this many ways,
   * each share with its own checkpoint: the projector sets each projection's from them.
   */
  shares: number;
}

/** A projection threw: names the event, so an operator can find it in the log. */
export class ProjectionFailure extends Error {
  override readonly name = 'ProjectionFailure';
  constructor(
    readonly projection: string,
    readonly event: Pick<RecordedEvent, 'id' | 'type' | 'stream' | 'revision' | 'position'>,
    override readonly cause: unknown,
  ) {
    super(
      `La proyección "${projection}" falló con el evento ${event.type} ${event.id} (${event.stream}@${event.revision}, posición ${event.position}): ${cause instanceof Error ? cause.message : String(cause)}`,
    );
  }
}

/** What a projection has applied and not committed yet. */
interface Work {
  /** Documents may be changed in place (`applyInPlace`): the projector owns them. */
  drafts: boolean;
  /** Every document loaded or produced, by id (null: absent or deleted). */
  documents: Map<string, ProjectedDocument | null>;
  /** Ids changed, with the position of the last event that changed each. */
  touched: Map<string, Position>;
  /** The last event applied. */
  applied: Position | null;
}

const newWork = (drafts: boolean): Work => ({
  drafts,
  documents: new Map(),
  touched: new Map(),
  applied: null,
});

const IDLE = Symbol('idle');

/** A state in which a projection is not run by this projector. */
const inactive = (state: ProjectionState) => state === 'parked' || state === 'standby';

/** A document had already seen the event (a replay): nothing to write. */
const SEEN = Symbol('seen');

/** The log a page at a time: the store's own pages, or its events batched. */
async function* pagesOf(
  events: EventStore,
  options: ReadAllOptions,
): AsyncGenerator<readonly RecordedEvent[]> {
  if (events.readAllPages) {
    yield* events.readAllPages(options);
    return;
  }
  let page: RecordedEvent[] = [];
  for await (const event of events.readAll(options)) {
    page.push(event);
    if (page.length >= 1000) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

/** For each event of the batch, 1 if its stream is of the share (`Projection.ownsStream`). */
function ownership(owns: (stream: string) => boolean, batch: readonly RecordedEvent[]): Uint8Array {
  const owned = new Uint8Array(batch.length);
  for (let index = 0; index < batch.length; index++) {
    if (owns(batch[index]!.stream)) owned[index] = 1;
  }
  return owned;
}

/** Lets the event loop run pending callbacks between batches. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export class Projector {
  private readonly batchSize: number;
  private readonly catchUpBatchSize: number;
  private readonly idleFlushMs: number;
  private readonly catchUpThreshold: number;
  private readonly catchUpRunner: CatchUpRunner | undefined;
  private readonly logger: Logger | undefined;
  private readonly status = new Map<string, ProjectionStatus>();
  private controller: AbortController | null = null;
  private running: Promise<void> | null = null;
  /** The current run from the checkpoints; aborted to start over (a lease changed hands). */
  private epoch: AbortController | null = null;
  private readonly leases: ProjectorLeases | undefined;
  /** Leases this projector holds, by projection. */
  private readonly leasesHeld = new Map<string, HeldLease>();
  private standbyTimer: NodeJS.Timeout | null = null;
  private readonly fences: Readonly<Record<string, number>>;
  private readonly retry: { firstDelayMs: number; maxDelayMs: number };
  private indexed = false;
  /** The read store at the generation this run started on (see `readstore/generations.ts`). */
  private store: ReadStore;
  /** Woken whenever a checkpoint moves or a projection fails, so waiters need not poll. */
  private readonly waiters = new Set<() => void>();
  /** Catch-up work not committed yet, by projection. */
  private readonly held = new Map<string, Work>();
  private readonly holdLimit: number;
  private readonly holdMs: number;
  private lastFlush = Date.now();
  /** When the last catch-up ended (epoch ms), null before one has. */
  private catchUpEndedAt: number | null = null;
  /** Projections whose documents the store computes from the log itself: only checkpoints move. */
  private readonly derivedByStore: ReadonlySet<string>;

  constructor(
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    readonly projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.catchUpBatchSize = options.catchUpBatchSize ?? options.rebuildBatchSize ?? 2_000;
    this.idleFlushMs = options.idleFlushMs ?? 5;
    this.catchUpThreshold = options.catchUpThreshold ?? 5_000;
    this.catchUpRunner = options.catchUp;
    this.holdLimit = options.holdLimit ?? 50_000;
    this.holdMs = options.holdMs ?? 30_000;
    this.logger = options.logger;
    this.store = pinnedStore(readStore);
    this.leases = options.leases;
    this.fences = options.fences ?? {};
    this.retry = {
      firstDelayMs: options.retry?.firstDelayMs ?? 200,
      maxDelayMs: options.retry?.maxDelayMs ?? 10_000,
    };
    this.derivedByStore = new Set(
      projections
        .filter((p) => p.derivedFromEvent && readStore.derives?.(p.collection))
        .map((p) => p.name),
    );
    for (const projection of projections) {
      this.status.set(projection.name, {
        projection: projection.name,
        checkpoint: null,
        state: 'idle',
        error: null,
        parked: null,
      });
    }
  }

  /** The fencing token this projector writes a projection (or one of its shares) under. */
  private fenceOf(projection: string): Fence | undefined {
    const name = projectionOfShare(projection) ?? projection;
    const token = this.leasesHeld.get(name)?.token ?? this.fences[name];
    return token === undefined ? undefined : { name, token };
  }

  /** Whether this projector runs the projection now. */
  private runs(projection: string): boolean {
    return !inactive(this.status.get(projection)!.state);
  }

  private notify(): void {
    for (const wake of this.waiters) wake();
  }

  /** The threads of the last catch-up run elsewhere and what each cost (none: null). */
  catchUpFigures(): CatchUpFigures | null {
    return this.catchUpRunner?.figures?.() ?? null;
  }

  /**
   * When the last catch-up ended, i.e. the read models became current (epoch ms; null before a
   * catch-up has run to its end): /readyz tells it apart from readiness, which may also wait for
   * the integrity monitor's start-up check.
   */
  caughtUpAt(): number | null {
    return this.catchUpEndedAt;
  }

  /** True while a catch-up runs: the read models are far behind the log. */
  get catchingUp(): boolean {
    return [...this.status.values()].some((s) => s.state === 'catching-up');
  }

  async ensureIndexes(): Promise<void> {
    for (const projection of this.projections) {
      const collection = this.store.collection(projection.collection);
      for (const index of projection.indexes) await collection.createIndex(index);
      if (!projection.summaries) continue;
      const summaries = this.store.collection(projection.summaries.collection);
      for (const index of projection.summaries.indexes) await summaries.createIndex(index);
    }
    this.indexed = true;
  }

  /**
   * One projection over a batch: loads the documents it touches that `work` does not hold yet (in
   * one round trip), applies each event in order (skipping those a document has already seen),
   * and records what changed in `work`. Stops at the first event that throws, keeping everything
   * before it.
   */
  private async project(
    projection: Projection,
    batch: readonly RecordedEvent[],
    work: Work,
    ownedEvents?: Uint8Array,
  ): Promise<ProjectionFailure | null> {
    if (this.derivedByStore.has(projection.name)) {
      // The store reads these documents from the log: applying the batch is moving the checkpoint.
      if (batch.length > 0) work.applied = batch[batch.length - 1]!.position;
      return null;
    }
    const inPlace = work.drafts ? projection.applyInPlace : undefined;
    const apply = inPlace ?? projection.apply;
    // Most events concern few projections: those an event does not concern cost one call.
    const idsByEvent = new Array<readonly string[] | undefined>(batch.length);
    const documents = work.documents;
    const missing: string[] = [];
    const prefixes = projection.streamPrefixes;
    const keys = projection.metadataKeys;
    const owned = projection.ownsStream && (ownedEvents ?? ownership(projection.ownsStream, batch));
    let previousId: string | undefined;
    // An event whose documents cannot be named (idsOf throws) parks the projection there, as one
    // that apply throws on does: the events before it are applied.
    let unplaced: { index: number; error: unknown } | undefined;
    for (let index = 0; index < batch.length; index++) {
      const event = batch[index]!;
      if (owned && owned[index] === 0) continue;
      if (
        prefixes &&
        !concernsStream(prefixes, event.stream) &&
        !(keys && carriesMetadataKey(event, keys))
      )
        continue;
      let ids: readonly string[];
      try {
        ids = projection.idsOf(event);
      } catch (error) {
        unplaced = { index, error };
        break;
      }
      if (ids.length === 0) continue;
      idsByEvent[index] = ids;
      // The document of the event before (consecutive events of a stream): known already.
      if (ids.length === 1 && ids[0] === previousId) continue;
      previousId = ids.length === 1 ? ids[0] : undefined;
      for (const id of ids) {
        if (documents.has(id)) continue;
        documents.set(id, null);
        // A document derived from one event cannot exist before that event: nothing to load.
        if (!projection.derivedFromEvent) missing.push(id);
      }
    }
    if (missing.length > 0) {
      const loaded = await this.store
        .collection<ProjectedDocument>(projection.collection)
        .findByIds(missing, inPlace ? { owned: true } : {});
      for (let i = 0; i < missing.length; i++) documents.set(missing[i]!, loaded[i] ?? null);
    }
    // Consecutive events of a stream mostly change the same document: the last one is at hand.
    let lastId: string | undefined;
    let last: ProjectedDocument | null = null;
    for (let index = 0; index < batch.length; index++) {
      const eventIds = idsByEvent[index];
      if (eventIds === undefined) continue;
      const event = batch[index]!;
      try {
        if (eventIds.length === 1) {
          // Most events change one document: no list of results to keep.
          const id = eventIds[0]!;
          const current: ProjectedDocument | null =
            id === lastId ? last : (documents.get(id) ?? null);
          if (current && current._position >= event.position) continue;
          const result = apply(current, event, id) as ProjectedDocument | null;
          if (result !== null) result._position = event.position;
          // A draft changed in place is already there.
          if (result !== current || id !== lastId) documents.set(id, result);
          work.touched.set(id, event.position);
          lastId = id;
          last = result;
          continue;
        }
        lastId = undefined;
        // Apply to every id first, then keep the results: an event applies whole or not at all.
        const results: Array<ProjectedDocument | null | typeof SEEN> = [];
        for (const id of eventIds) {
          const current = documents.get(id) ?? null;
          if (current && current._position >= event.position) {
            results.push(SEEN);
            continue;
          }
          const result = apply(current, event, id) as ProjectedDocument | null;
          // The result is new, or a draft this run owns: stamp it in place.
          if (result !== null) result._position = event.position;
          results.push(result);
        }
        for (let k = 0; k < eventIds.length; k++) {
          const result = results[k]!;
          if (result === SEEN) continue;
          documents.set(eventIds[k]!, result);
          work.touched.set(eventIds[k]!, event.position);
        }
      } catch (error) {
        // Everything before this event is applied.
        if (index > 0) work.applied = batch[index - 1]!.position;
        return new ProjectionFailure(projection.name, event, error);
      }
    }
    if (unplaced) {
      if (unplaced.index > 0) work.applied = batch[unplaced.index - 1]!.position;
      return new ProjectionFailure(projection.name, batch[unplaced.index]!, unplaced.error);
    }
    if (batch.length > 0) work.applied = batch[batch.length - 1]!.position;
    return null;
  }

  /**
   * The writes of what `work` changed, by collection: each document finalized once, and its
   * summaries (if the projection keeps them) beside it.
   */
  private writesOf(projection: Projection, work: Work): Map<string, WriteOperation[]> {
    const writes: WriteOperation[] = [];
    const summaries = projection.summaries;
    const summaryWrites: WriteOperation[] = [];
    for (const [id, position] of work.touched) {
      const document = work.documents.get(id) ?? null;
      if (document === null) {
        if (summaries) {
          throw new Error(
            `La proyección "${projection.name}" guarda resúmenes y no puede borrar el documento ${id}.`,
          );
        }
        writes.push({ kind: 'delete', id, position });
        continue;
      }
      const finalized = projection.finalize ? projection.finalize(document) : document;
      writes.push({ kind: 'put', document: finalized });
      if (!summaries) continue;
      for (const summary of summaries.of(finalized)) {
        (summary as ProjectedDocument)._position = finalized._position;
        summaryWrites.push({ kind: 'put', document: summary });
      }
    }
    const byCollection = new Map([[projection.collection, writes]]);
    if (summaries) byCollection.set(summaries.collection, summaryWrites);
    return byCollection;
  }

  /** Takes out of `work` the documents the projection says are complete, as writes. */
  private takeComplete(projection: Projection, work: Work): WriteOperation[] {
    const writes: WriteOperation[] = [];
    // Summaries are written with their document in `writesOf`: such documents wait for it.
    if (projection.summaries) return writes;
    for (const id of work.touched.keys()) {
      const document = work.documents.get(id);
      if (!document || !projection.isComplete!(document)) continue;
      writes.push({
        kind: 'put',
        document: projection.finalize ? projection.finalize(document) : document,
      });
      work.touched.delete(id);
      work.documents.delete(id);
    }
    return writes;
  }

  /** Applies a batch to one projection and commits it with its checkpoint. */
  async applyBatch(projection: Projection, batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const work = newWork(false);
    const failure = await this.project(projection, batch, work);
    if (work.applied !== null) {
      await this.store.commit(
        projection.name,
        this.writesOf(projection, work),
        work.applied,
        this.fenceOf(projection.name),
      );
      this.advance(projection.name, work.applied);
    }
    if (failure) throw failure;
  }

  private advance(projection: string, checkpoint: Position): void {
    const status = this.status.get(projection)!;
    if (status.checkpoint === null || checkpoint > status.checkpoint)
      status.checkpoint = checkpoint;
  }

  /** Parks a projection at the event it threw on: the others go on. */
  private park(projection: string, failure: ProjectionFailure): void {
    const status = this.status.get(projection)!;
    const { event } = failure;
    const cause = failure.cause instanceof Error ? failure.cause.message : String(failure.cause);
    Object.assign(status, {
      state: 'parked',
      error: failure.message,
      parked: {
        eventId: event.id,
        type: event.type,
        stream: event.stream,
        revision: event.revision,
        position: event.position,
        error: cause,
      },
    });
    this.logger?.error({ projection, event, err: failure }, failure.message);
  }

  /** How far a projection has applied the log: what it holds uncommitted, or its checkpoint. */
  private appliedUpTo(projection: string): Position | null {
    return this.held.get(projection)?.applied ?? this.status.get(projection)!.checkpoint;
  }

  /**
   * Every projection that is not failed, over the events of the batch it has not applied yet,
   * then one commit of their writes and checkpoints.
   *
   * Live (`catchUp` false), each batch commits whole. While catching up, each projection keeps
   * its drafts across batches and commits only when it holds `holdLimit` documents, when
   * `flushAll` is set (the end of a catch-up, or every `holdMs`), or when it fails: a projection
   * of a few thousand documents rewritten by every batch (plans, goals) then writes each once,
   * with its derived figures computed once, instead of once per batch.
   */
  private async processBatch(
    batch: readonly RecordedEvent[],
    catchUp: boolean,
    flushAll = !catchUp,
  ): Promise<void> {
    const entries: CommitEntry[] = [];
    const failures: ProjectionFailure[] = [];
    const flushed: string[] = [];
    const finished: Array<[string, WriteOperation[]]> = [];
    // A share's projections ask the same test of each event's stream: asked once per event.
    const owned = new Map<(stream: string) => boolean, Uint8Array>();
    const ownedBy = (owns: (stream: string) => boolean) => {
      let events = owned.get(owns);
      if (!events) owned.set(owns, (events = ownership(owns, batch)));
      return events;
    };
    for (const projection of this.projections) {
      const status = this.status.get(projection.name)!;
      if (inactive(status.state)) continue;
      let work = this.held.get(projection.name);
      if (!work) {
        work = newWork(catchUp);
        if (catchUp) this.held.set(projection.name, work);
      }
      const after = this.appliedUpTo(projection.name);
      const start = after === null ? 0 : batch.findIndex((e) => e.position > after);
      let failure: ProjectionFailure | null = null;
      if (batch.length > 0 && start >= 0) {
        const owns = projection.ownsStream;
        failure = await this.project(
          projection,
          start === 0 ? batch : batch.slice(start),
          work,
          owns && ownedBy(owns).subarray(start),
        );
        // A draft may have been half changed by the event that threw: redo the uncommitted
        // work purely, which stops at the same event with every document as it was before it.
        if (failure && work.drafts) {
          const redo = newWork(false);
          const events = await this.uncommittedEvents(status.checkpoint, failure.event.position);
          failure = (await this.project(projection, events, redo)) ?? failure;
          work = redo;
        }
      }
      if (failure) failures.push(failure);
      const flush =
        !catchUp || flushAll || failure !== null || work.documents.size >= this.holdLimit;
      if (!flush) {
        if (projection.isComplete)
          finished.push([projection.collection, this.takeComplete(projection, work)]);
        continue;
      }
      if (work.applied !== null) {
        entries.push(
          commitEntry(
            projection.name,
            this.writesOf(projection, work),
            work.applied,
            this.fenceOf(projection.name),
          ),
        );
      }
      flushed.push(projection.name);
    }
    // Documents no later event changes are written at once, ahead of their checkpoint (a crash
    // replays their events, and the replay guard makes that harmless): they need not be held.
    for (const [collection, writes] of finished) {
      if (writes.length > 0) await this.store.collection(collection).write(writes);
    }
    if (entries.length > 0) await this.store.commitMany(entries);
    for (const name of flushed) this.held.delete(name);
    if (flushAll) this.lastFlush = Date.now();
    for (const entry of entries) this.advance(entry.projection, entry.checkpoint);
    for (const failure of failures) this.park(failure.projection, failure);
    this.notify();
  }

  /** The events after `checkpoint` up to `until` (a failed catch-up batch, to redo purely). */
  private async uncommittedEvents(
    checkpoint: Position | null,
    until: Position,
  ): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    for await (const event of this.events.readAll(
      checkpoint === null ? {} : { fromPosition: checkpoint },
    )) {
      if (event.position > until) break;
      if (checkpoint === null || event.position > checkpoint) events.push(event);
    }
    return events;
  }

  /** Creates the indexes and reads every checkpoint (before `catchUp` or `start`). */
  async prepare(): Promise<void> {
    await this.ensureIndexes();
    await this.loadCheckpoints();
  }

  private async loadCheckpoints(): Promise<void> {
    for (const projection of this.projections) {
      const status = this.status.get(projection.name)!;
      status.checkpoint = await this.store.getCheckpoint(projection.name);
    }
  }

  /** The lowest checkpoint among projections that run here (null: one starts from the start). */
  private lowestCheckpoint(): Position | null | undefined {
    const active = [...this.status.values()].filter((s) => !inactive(s.state));
    if (active.length === 0) return undefined;
    if (active.some((s) => s.checkpoint === null)) return null;
    return Math.min(...active.map((s) => s.checkpoint!));
  }

  private setStates(state: ProjectionState, error: string | null = null): void {
    for (const status of this.status.values()) {
      if (!inactive(status.state)) Object.assign(status, { state, error });
    }
    this.notify();
  }

  /**
   * Starts every projection from its checkpoint and returns at once: a long catch-up runs in the
   * background (on the runner when one is given), then the projector follows the log live. An
   * infrastructure error (a store restarting, an election, a dropped subscription) starts over
   * from the committed checkpoints after a pause that grows with each failure in a row; only
   * `stop` ends it.
   */
  async start(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    try {
      // Known before this returns (/readyz, `catchingUp`); each run from the checkpoints checks
      // again, and a store that does not answer yet is retried there.
      await this.prepare();
      if (this.leases) await this.takeLeases();
      this.setStates((await this.farBehind()) ? 'catching-up' : 'running');
    } catch (error) {
      this.setStates('retrying', error instanceof Error ? error.message : String(error));
    }
    if (this.leases) {
      const every = Math.max(10, Math.floor((this.leases.ttlMs ?? 15_000) / 3));
      this.standbyTimer = setInterval(() => void this.watchStandby(), every);
      this.standbyTimer.unref();
    }
    this.running = this.supervise(controller.signal);
  }

  private supervise(signal: AbortSignal): Promise<void> {
    return retryUntilStopped((progressed) => this.runEpoch(signal, progressed), {
      ...this.retry,
      signal,
      onError: (error, failures) => this.retrying(error, failures),
    });
  }

  /** After an infrastructure error: reported, and retried unless stopping. */
  private retrying(error: unknown, failures: number): void {
    const message = error instanceof Error ? error.message : String(error);
    this.setStates('retrying', message);
    this.logger?.warn(
      { err: error, failures },
      `proyecciones: error de infraestructura; se reanuda desde el punto de control (${message})`,
    );
  }

  /**
   * One run from the committed checkpoints: drafts of an earlier run are dropped (what they held
   * is replayed from the checkpoint), a catch-up if far behind, then live. Returns when stopped or
   * started over (`restart`); throws on an infrastructure error.
   */
  private async runEpoch(signal: AbortSignal, progressed: () => void): Promise<void> {
    if (signal.aborted) return;
    const epoch = new AbortController();
    this.epoch = epoch;
    const stop = () => epoch.abort();
    signal.addEventListener('abort', stop, { once: true });
    try {
      this.held.clear();
      const store = pinnedStore(this.readStore);
      if (store !== this.store) {
        // The read models switched generation (a rebuild): its own checkpoints and indexes.
        this.store = store;
        this.indexed = false;
      }
      if (!this.indexed) await this.ensureIndexes();
      // A projection runs only under its lease: none is run without one.
      if (this.leases) await this.takeLeases();
      await this.loadCheckpoints();
      const behind = await this.farBehind();
      this.setStates(behind ? 'catching-up' : 'running');
      if (behind) {
        if (this.catchUpRunner) await this.runCatchUpRunner(epoch.signal);
        else await this.catchUp(epoch.signal);
        if (epoch.signal.aborted) return;
        this.catchUpEndedAt = Date.now();
        this.setStates('running');
      }
      progressed();
      if (this.lowestCheckpoint() === undefined) {
        // Nothing runs here (standby or parked): wait for a lease or the stop.
        await new Promise((resolve) => epoch.signal.addEventListener('abort', resolve));
        return;
      }
      await this.follow(epoch.signal, progressed);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  }

  /** Whether the log is further ahead of the checkpoints than a live run should take on. */
  private async farBehind(): Promise<boolean> {
    const head = await this.events.headPosition();
    const lowest = this.lowestCheckpoint();
    return head !== null && lowest !== undefined && head - (lowest ?? 0) > this.catchUpThreshold;
  }

  /**
   * Starts over from the checkpoints: the projections this projector runs changed, or the read
   * models switched generation (`readstore/generations.ts`).
   */
  restart(): void {
    this.epoch?.abort();
  }

  /** Takes the leases of the projections that are free; the others wait in standby. */
  private async takeLeases(): Promise<boolean> {
    const { store, owner, ttlMs = 15_000 } = this.leases!;
    let taken = false;
    for (const projection of this.projections) {
      const status = this.status.get(projection.name)!;
      if (this.leasesHeld.has(projection.name) || status.state === 'parked') continue;
      const lease = await HeldLease.take(store, projectionLease(projection.name), owner, ttlMs);
      if (!lease) {
        Object.assign(status, { state: 'standby', error: null });
        continue;
      }
      taken = true;
      this.leasesHeld.set(projection.name, lease);
      if (status.state === 'standby') status.state = 'idle';
      lease.lost.addEventListener('abort', () => {
        this.leasesHeld.delete(projection.name);
        Object.assign(status, { state: 'standby', error: null });
        this.logger?.warn({ projection: projection.name }, 'otra réplica tomó la proyección');
        this.restart();
      });
    }
    return taken;
  }

  /**
   * In standby: the checkpoints the holder commits (for `waitFor` and /readyz), and the leases
   * it left (a replica stopped or died): those are taken, and the run starts over with them.
   */
  private async watchStandby(): Promise<void> {
    try {
      let waiting = false;
      for (const projection of this.projections) {
        if (this.status.get(projection.name)!.state !== 'standby') continue;
        waiting = true;
        const checkpoint = await this.store.getCheckpoint(projection.name);
        if (checkpoint !== null) this.advance(projection.name, checkpoint);
      }
      if (!waiting) return;
      this.notify();
      if (this.controller && !this.controller.signal.aborted && (await this.takeLeases()))
        this.restart();
    } catch (error) {
      this.logger?.warn({ err: error }, 'no se pudo consultar los arriendos de las proyecciones');
    }
  }

  private async runCatchUpRunner(
    signal: AbortSignal,
    onRead?: (eventsRead: number) => void,
  ): Promise<void> {
    const scope: CatchUpScope = { projections: [], fences: {} };
    for (const projection of this.projections) {
      if (!this.runs(projection.name)) continue;
      scope.projections.push(projection.name);
      const fence = this.fenceOf(projection.name);
      if (fence) scope.fences[projection.name] = fence.token;
    }
    const result = await this.catchUpRunner!.run(
      (statuses, eventsRead) => {
        if (eventsRead !== undefined) onRead?.(eventsRead);
        for (const reported of statuses) {
          const status = this.status.get(reported.projection);
          if (!status) continue;
          if (reported.checkpoint !== null) this.advance(reported.projection, reported.checkpoint);
          if (reported.state === 'parked' && status.state !== 'parked') {
            Object.assign(status, {
              state: 'parked',
              error: reported.error,
              parked: reported.parked,
            });
            this.logger?.error({ projection: reported.projection }, reported.error ?? 'detenida');
          }
        }
        this.notify();
      },
      signal,
      scope,
    );
    if (result && result.shares > 1 && !signal.aborted) await this.joinShares(result.shares);
    // The runner wrote with its own connection: read back where it left every projection.
    for (const projection of this.projections) {
      const checkpoint = await this.store.getCheckpoint(projection.name);
      if (checkpoint !== null) this.advance(projection.name, checkpoint);
    }
  }

  /**
   * A projection caught up in shares of the streams is where its least advanced share is: that
   * becomes its own checkpoint (which never moves backwards).
   */
  private async joinShares(count: number): Promise<void> {
    for (const projection of this.projections) {
      if (!isShared(projection)) continue;
      const reached: Position[] = [];
      for (let index = 0; index < count; index++) {
        const checkpoint = await this.store.getCheckpoint(
          shareCheckpoint(projection.name, { index, count }),
        );
        if (checkpoint !== null) reached.push(checkpoint);
      }
      if (reached.length === count && this.runs(projection.name)) {
        const fence = this.fenceOf(projection.name);
        await this.store.commit(projection.name, new Map(), Math.min(...reached), fence);
      }
    }
  }

  /**
   * Catches up in large batches with drafts, reading the log once for every projection, until
   * what arrived during a pass is no more than a live batch. Yields to the event loop between
   * batches; `onBatch` hears of every batch with the committed checkpoints.
   */
  async catchUp(
    signal?: AbortSignal,
    onBatch?: (done: number, statuses: readonly ProjectionStatus[]) => void,
  ): Promise<number> {
    let done = 0;
    try {
      for (;;) {
        const lowest = this.lowestCheckpoint();
        if (lowest === undefined) return done;
        let read = 0;
        let batch: RecordedEvent[] = [];
        const flush = async (all: boolean) => {
          await this.processBatch(batch, true, all || Date.now() - this.lastFlush >= this.holdMs);
          done += batch.length;
          batch = [];
          onBatch?.(done, this.statuses());
          await yieldToLoop();
        };
        // Positions are compared, never computed (they are byte offsets on EventStoreDB).
        for await (const page of pagesOf(
          this.events,
          lowest === null ? {} : { fromPosition: lowest },
        )) {
          for (const event of page) {
            if (lowest !== null && event.position <= lowest) continue;
            read += 1;
            batch.push(event);
            if (batch.length >= this.catchUpBatchSize) {
              await flush(false);
              if (signal?.aborted) return done;
            }
          }
        }
        await flush(true);
        if (signal?.aborted || read <= this.batchSize) return done;
      }
    } finally {
      // Stopped midway: keep what was done.
      if (this.held.size > 0) await this.processBatch([], true, true);
    }
  }

  /** Follows the log live from the lowest checkpoint, in small batches. */
  private async follow(
    signal: AbortSignal,
    progressed: () => void = () => undefined,
  ): Promise<void> {
    const lowest = this.lowestCheckpoint();
    if (lowest === undefined) return;
    const subscription = this.events.subscribeAll({
      ...(lowest === null ? {} : { afterPosition: lowest }),
      signal,
    });
    const iterator = subscription[Symbol.asyncIterator]();
    let batch: RecordedEvent[] = [];
    const flush = async () => {
      const events = batch;
      batch = [];
      await this.processBatch(events, false);
      if (events.length > 0) progressed();
    };
    try {
      let pending = iterator.next();
      for (;;) {
        // With a partial batch, wait for the next event only briefly: then write what we have.
        const step =
          batch.length === 0
            ? await pending
            : await Promise.race([
                pending,
                new Promise<typeof IDLE>((r) => setTimeout(() => r(IDLE), this.idleFlushMs)),
              ]);
        if (step === IDLE) {
          await flush();
          continue;
        }
        if (step.done) break;
        batch.push(step.value);
        if (batch.length >= this.batchSize) {
          await flush();
          await yieldToLoop();
        }
        pending = iterator.next();
      }
      await flush();
      // A live subscription ends only when asked to: otherwise the server ended it.
      if (!signal.aborted)
        throw new StoreUnavailableError('suscripción', new Error('la suscripción terminó'));
    } finally {
      // Closing a dropped connection may fail too: the run starts over either way.
      await subscription.close().catch(() => undefined);
      if (this.controller?.signal.aborted !== false) {
        for (const status of this.status.values()) {
          if (status.state === 'running') status.state = 'stopped';
        }
      }
    }
  }

  async stop(): Promise<void> {
    this.controller?.abort();
    if (this.standbyTimer) clearInterval(this.standbyTimer);
    this.standbyTimer = null;
    await this.running;
    this.controller = null;
    this.running = null;
    // Given up at once: a standby replica takes over without waiting for expiry.
    const leases = [...this.leasesHeld.values()];
    this.leasesHeld.clear();
    await Promise.all(leases.map((lease) => lease.release().catch(() => undefined)));
  }

  statuses(): ProjectionStatus[] {
    return [...this.status.values()].map((s) => ({ ...s }));
  }

  /** Each projection's checkpoint against the log's head. */
  async lag(): Promise<{
    head: Position | null;
    projections: Array<ProjectionStatus & { behind: boolean }>;
  }> {
    const head = await this.events.headPosition();
    return {
      head,
      projections: this.statuses().map((s) => ({
        ...s,
        behind: head !== null && (s.checkpoint === null || s.checkpoint < head),
      })),
    };
  }

  /**
   * The position through which every read model includes the log (null while one has applied
   * nothing): what a subscription may announce, since a query would now return it.
   */
  appliedThrough(): Position | null {
    let through: Position | null = null;
    for (const { checkpoint } of this.status.values()) {
      if (checkpoint === null) return null;
      if (through === null || checkpoint < through) through = checkpoint;
    }
    return through;
  }

  /** Calls `listener` whenever a checkpoint moves or a projection fails; returns how to stop. */
  onProgress(listener: () => void): () => void {
    this.waiters.add(listener);
    return () => this.waiters.delete(listener);
  }

  /** Resolves when every projection has applied the log up to `position` (default: the head). */
  async waitFor(position?: Position | null, timeoutMs = 30_000): Promise<void> {
    const target = position === undefined ? await this.events.headPosition() : position;
    if (target === null) return;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const statuses = [...this.status.values()];
      // A parked projection will not get there (a retrying one will, once the store is back).
      const parked = statuses.find((s) => s.state === 'parked');
      if (parked) throw new Error(parked.error ?? `la proyección ${parked.projection} se detuvo`);
      // A catch-up elsewhere reports checkpoints before it is done (and has read back its work).
      const there = statuses.every((s) => s.checkpoint !== null && s.checkpoint >= target);
      if (there && !this.catchingUp) return;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(`las proyecciones no alcanzaron la posición ${target} a tiempo`);
      }
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        // The timer is only a backstop (e.g. checkpoints moved by another process's projector).
        const timer = setTimeout(wake, Math.min(remaining, 50));
        this.waiters.add(wake);
      });
    }
  }

  /**
   * Drops every read model and rebuilds it from the whole log (a catch-up from nothing): in one
   * read pass here, or by the catch-up runner when this projector has one (worker threads, a
   * share of the streams each). `onProgress` receives the events done so far.
   */
  async rebuild(onProgress?: (done: number) => void): Promise<number> {
    await this.store.dropAll();
    await this.ensureIndexes();
    for (const status of this.status.values()) {
      Object.assign(status, { checkpoint: null, state: 'catching-up', error: null, parked: null });
    }
    const done = this.catchUpRunner
      ? await this.rebuildByRunner(onProgress)
      : await this.catchUp(undefined, (count) => onProgress?.(count));
    for (const status of this.status.values()) {
      if (status.state === 'catching-up') status.state = 'idle';
    }
    return done;
  }

  /**
   * A rebuild by the catch-up runner (worker threads, each a share of the log's streams): the
   * runner writes this projector's store with its own connections. Progress is the events its
   * threads have read (commits come seldom in a catch-up: drafts are held); the result is the
   * position every read model reached, which on the SQLite log (positions 1, 2, …) counts the
   * events.
   */
  private async rebuildByRunner(onProgress?: (done: number) => void): Promise<number> {
    await this.runCatchUpRunner(new AbortController().signal, onProgress);
    const reached = this.appliedThrough() ?? 0;
    onProgress?.(reached);
    return reached;
  }
}
