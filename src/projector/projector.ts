/**
 * Runs projections over the log: one catch-up-then-live subscription per projection from its
 * checkpoint, batched writes, the replay guard, and the lag between the log and each read model.
 */
import type { EventStore, Position, RecordedEvent } from '../eventstore/port';
import type { Logger } from '../logging';
import type { ReadStore, WriteOperation } from '../readstore/port';
import type { ProjectedDocument, Projection } from './projection';

export interface ProjectorOptions {
  batchSize?: number;
  /**
   * Events per batch when rebuilding. Larger than live batches: derived fields are computed once
   * per document per batch, and a national log interleaves thousands of plans.
   */
  rebuildBatchSize?: number;
  /** A partial batch is written when no new event arrived for this long. */
  idleFlushMs?: number;
  logger?: Logger;
}

export interface ProjectionStatus {
  projection: string;
  checkpoint: Position | null;
  state: 'idle' | 'running' | 'stopped' | 'failed';
  error: string | null;
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

const IDLE = Symbol('idle');

export class Projector {
  private readonly batchSize: number;
  private readonly rebuildBatchSize: number;
  private readonly idleFlushMs: number;
  private readonly logger: Logger | undefined;
  private readonly status = new Map<string, ProjectionStatus>();
  private readonly running = new Map<
    string,
    { controller: AbortController; done: Promise<void> }
  >();
  /** Woken whenever a checkpoint moves or a projection fails, so waiters need not poll. */
  private readonly waiters = new Set<() => void>();

  private notify(): void {
    for (const wake of this.waiters) wake();
  }

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    readonly projections: readonly Projection[],
    options: ProjectorOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.rebuildBatchSize = options.rebuildBatchSize ?? 25_000;
    this.idleFlushMs = options.idleFlushMs ?? 0;
    this.logger = options.logger;
    for (const projection of projections) {
      this.status.set(projection.name, {
        projection: projection.name,
        checkpoint: null,
        state: 'idle',
        error: null,
      });
    }
  }

  async ensureIndexes(): Promise<void> {
    for (const projection of this.projections) {
      const collection = this.store.collection(projection.collection);
      for (const index of projection.indexes) await collection.createIndex(index);
    }
  }

  /**
   * Applies a batch to one projection: loads the touched documents in one round trip, applies
   * each event in order (skipping those a document has already seen), finalizes each document
   * once, and commits the writes with the checkpoint.
   */
  async applyBatch(projection: Projection, batch: readonly RecordedEvent[]): Promise<void> {
    if (batch.length === 0) return;
    const idsByEvent = batch.map((event) => projection.idsOf(event));
    const ids = [...new Set(idsByEvent.flat())];
    const collection = this.store.collection<ProjectedDocument>(projection.collection);
    const loaded = ids.length > 0 ? await collection.findByIds(ids) : [];
    const documents = new Map<string, ProjectedDocument | null>(
      ids.map((id, i) => [id, loaded[i] ?? null]),
    );
    const touched = new Map<string, number>();
    let applied: RecordedEvent | null = null;
    let failure: ProjectionFailure | null = null;
    for (let index = 0; index < batch.length; index++) {
      const event = batch[index]!;
      const eventIds = idsByEvent[index]!;
      try {
        // Apply to every id first, then keep the results: an event applies whole or not at all.
        const results: Array<ProjectedDocument | null> = [];
        for (const id of eventIds) {
          const current = documents.get(id) ?? null;
          if (current && current._position >= event.position) {
            results.push(current);
            continue;
          }
          const result = projection.apply(current, event, id) as ProjectedDocument | null;
          // apply returns a new object (projections never mutate their input): stamp it in place.
          if (result !== null) result._position = event.position;
          results.push(result);
        }
        for (let k = 0; k < eventIds.length; k++) {
          const id = eventIds[k]!;
          if (results[k] === documents.get(id)) continue;
          documents.set(id, results[k]!);
          touched.set(id, event.position);
        }
        applied = event;
      } catch (error) {
        failure = new ProjectionFailure(projection.name, event, error);
        break;
      }
    }
    if (applied) {
      const writes: WriteOperation[] = [...touched].map(([id, position]) => {
        const document = documents.get(id) ?? null;
        if (document === null) return { kind: 'delete', id, position };
        return {
          kind: 'put',
          document: projection.finalize ? projection.finalize(document) : document,
        };
      });
      await this.store.commit(
        projection.name,
        new Map([[projection.collection, writes]]),
        applied.position,
      );
      this.status.get(projection.name)!.checkpoint = applied.position;
      this.notify();
    }
    if (failure) throw failure;
  }

  /** Starts every projection: catch up from its checkpoint, then follow the log live. */
  async start(): Promise<void> {
    await this.ensureIndexes();
    for (const projection of this.projections) {
      const checkpoint = await this.store.getCheckpoint(projection.name);
      const status = this.status.get(projection.name)!;
      Object.assign(status, { checkpoint, state: 'running', error: null });
      const controller = new AbortController();
      const done = this.follow(projection, checkpoint, controller.signal).catch(
        (error: unknown) => {
          status.state = 'failed';
          status.error = error instanceof Error ? error.message : String(error);
          this.notify();
          const event = error instanceof ProjectionFailure ? error.event : undefined;
          this.logger?.error({ projection: projection.name, event, err: error }, status.error);
        },
      );
      this.running.set(projection.name, { controller, done });
    }
  }

  private async follow(
    projection: Projection,
    checkpoint: Position | null,
    signal: AbortSignal,
  ): Promise<void> {
    const subscription = this.events.subscribeAll({
      ...(checkpoint === null ? {} : { afterPosition: checkpoint }),
      signal,
    });
    const iterator = subscription[Symbol.asyncIterator]();
    const batch: RecordedEvent[] = [];
    const flush = async () => {
      await this.applyBatch(projection, batch);
      batch.length = 0;
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
        if (batch.length >= this.batchSize) await flush();
        pending = iterator.next();
      }
      await flush();
    } finally {
      await subscription.close();
      const status = this.status.get(projection.name)!;
      if (status.state === 'running') status.state = 'stopped';
    }
  }

  async stop(): Promise<void> {
    for (const { controller } of this.running.values()) controller.abort();
    await Promise.all([...this.running.values()].map((r) => r.done));
    this.running.clear();
  }

  /** Each projection's checkpoint against the log's head. */
  async lag(): Promise<{
    head: Position | null;
    projections: Array<ProjectionStatus & { behind: boolean }>;
  }> {
    const head = await this.events.headPosition();
    return {
      head,
      projections: [...this.status.values()].map((s) => ({
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
      const failed = statuses.find((s) => s.state === 'failed');
      if (failed) throw new Error(failed.error ?? `la proyección ${failed.projection} falló`);
      if (statuses.every((s) => s.checkpoint !== null && s.checkpoint >= target)) return;
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
   * Drops every read model and rebuilds it from the whole log in one read pass, batch by batch.
   * `onProgress` receives the events done so far.
   */
  async rebuild(onProgress?: (done: number) => void): Promise<number> {
    await this.store.dropAll();
    await this.ensureIndexes();
    let done = 0;
    let batch: RecordedEvent[] = [];
    const flush = async () => {
      for (const projection of this.projections) await this.applyBatch(projection, batch);
      done += batch.length;
      batch = [];
      onProgress?.(done);
    };
    for await (const event of this.events.readAll()) {
      batch.push(event);
      if (batch.length >= this.rebuildBatchSize) await flush();
    }
    await flush();
    return done;
  }
}
