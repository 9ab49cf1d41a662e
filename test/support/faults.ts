/**
 * Fault injection for both ports: decorators that wrap a working adapter (the embedded ones here,
 * where no server runs) and make chosen calls fail the way servers do in production:
 *
 * - transient errors (a restart, an election): the call fails and nothing happened;
 * - errors after a successful write (a lost answer, a deadline): the write happened, the caller
 *   is told it failed;
 * - slow calls;
 * - dropped subscriptions: a live subscription ends with an error, as the EventStoreDB client's
 *   does when its connection drops (it never resubscribes by itself);
 * - death between documents and checkpoint: a commit writes its documents, then the process
 *   "dies" before the checkpoint (the store is kept; a new projector over it is the restart).
 *
 * Faults are planned per operation (`plan.fail('append', ...)`) and consumed in order; `calls`
 * counts what reached the wrapped adapter.
 */
import { StoreUnavailableError } from '../../src/eventstore/errors';
import type { Projection } from '../../src/projector/projection';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  Position,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  Subscription,
} from '../../src/eventstore/port';
import {
  commitEntry,
  type Collection,
  type CommitEntry,
  type Fence,
  type ReadDocument,
  type ReadStore,
  type WriteOperation,
} from '../../src/readstore/port';

/** What one planned fault does to one call. */
export type Fault =
  /** Nothing happens to this call (to place a later fault after some calls). */
  | { kind: 'pass' }
  /** The call fails before reaching the store. */
  | { kind: 'error'; error?: Error }
  /** The call reaches the store and succeeds there; the caller gets an error. */
  | { kind: 'error-after'; error?: Error }
  /** The call waits this long first. */
  | { kind: 'slow'; ms: number }
  /** A commit writes its documents, then dies before the checkpoint. */
  | { kind: 'die-before-checkpoint' };

/** The process died (simulated): whatever it was doing stops there. */
export class ProcessDeath extends Error {
  override readonly name = 'ProcessDeath';
  constructor(where: string) {
    super(`el proceso murió: ${where}`);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class FaultPlan<Operation extends string> {
  private readonly planned = new Map<Operation, Fault[]>();
  /** Calls that reached the wrapped adapter, by operation. */
  readonly calls = new Map<Operation, number>();
  /** Faults that were injected, in order (for assertions and failure messages). */
  readonly injected: Array<{ operation: Operation; fault: Fault['kind'] }> = [];

  /** The next `times` calls of `operation` meet `fault`. */
  add(operation: Operation, fault: Fault, times = 1): this {
    const list = this.planned.get(operation) ?? [];
    for (let n = 0; n < times; n++) list.push(fault);
    this.planned.set(operation, list);
    return this;
  }

  /** The next `times` calls go through untouched. */
  pass(operation: Operation, times: number): this {
    return this.add(operation, { kind: 'pass' }, times);
  }

  fail(operation: Operation, times = 1, error?: Error): this {
    return this.add(operation, error ? { kind: 'error', error } : { kind: 'error' }, times);
  }

  pending(operation?: Operation): number {
    if (operation) return this.planned.get(operation)?.length ?? 0;
    return [...this.planned.values()].reduce((sum, list) => sum + list.length, 0);
  }

  /** Takes the next fault of `operation`, if any, and applies the ones that happen before. */
  async before(operation: Operation): Promise<Fault | undefined> {
    const fault = this.planned.get(operation)?.shift();
    if (fault) this.injected.push({ operation, fault: fault.kind });
    if (fault?.kind === 'slow') await sleep(fault.ms);
    if (fault?.kind === 'error') throw fault.error ?? transient(operation);
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    return fault;
  }

  /** Runs `call` under the next fault of `operation`. */
  async run<T>(operation: Operation, call: () => Promise<T>): Promise<T> {
    const fault = await this.before(operation);
    const result = await call();
    if (fault?.kind === 'error-after') {
      throw (
        fault.error ?? new StoreUnavailableError(operation, new Error('respuesta perdida'), true)
      );
    }
    return result;
  }
}

const transient = (operation: string) =>
  new StoreUnavailableError(operation, new Error('servidor reiniciándose (falla inyectada)'));

export type EventStoreOperation =
  'append' | 'readStream' | 'readAll' | 'subscribeAll' | 'subscription' | 'headPosition' | 'count';

/** An event store whose calls fail as planned; `dropSubscriptions` ends the live ones. */
export class FaultyEventStore implements EventStore {
  readonly faults = new FaultPlan<EventStoreOperation>();
  private readonly live = new Set<(error: Error) => void>();

  constructor(readonly inner: EventStore) {}

  append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    return this.faults.run('append', () => this.inner.append(stream, events, options));
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.faults.run('readStream', () => this.inner.readStream(stream, options));
  }

  async *readAll(options?: ReadAllOptions): AsyncGenerator<RecordedEvent> {
    await this.faults.before('readAll');
    yield* this.inner.readAll(options);
  }

  /**
   * A subscription that may fail when opened ('subscribeAll'), and later, before any event
   * ('subscription': the connection drops mid-stream), or when `dropSubscriptions` is called.
   */
  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const inner = this.inner.subscribeAll(options);
    const faults = this.faults;
    let dropped: Error | null = null;
    let wakeDropped: (() => void) | null = null;
    const drop = (error: Error) => {
      dropped = error;
      wakeDropped?.();
    };
    this.live.add(drop);
    const live = this.live;
    async function* iterate(): AsyncGenerator<RecordedEvent> {
      try {
        await faults.before('subscribeAll');
        const iterator = inner[Symbol.asyncIterator]();
        for (;;) {
          if (dropped) throw dropped;
          const droppedNow = new Promise<'dropped'>((resolve) => {
            wakeDropped = () => resolve('dropped');
          });
          const step = await Promise.race([iterator.next(), droppedNow]);
          wakeDropped = null;
          if (step === 'dropped') throw dropped!;
          if (step.done) return;
          await faults.before('subscription');
          yield step.value;
        }
      } finally {
        live.delete(drop);
        await inner.close();
      }
    }
    const generator = iterate();
    return {
      [Symbol.asyncIterator]: () => generator,
      close: async () => {
        await inner.close();
        await generator.return(undefined);
      },
    };
  }

  /** Ends every live subscription with a transient error, as a server restart does. */
  dropSubscriptions(error: Error = transient('suscripción')): number {
    const count = this.live.size;
    for (const drop of [...this.live]) drop(error);
    return count;
  }

  headPosition(): Promise<Position | null> {
    return this.faults.run('headPosition', () => this.inner.headPosition());
  }

  count(): Promise<number> {
    return this.faults.run('count', () => this.inner.count());
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export type ReadStoreOperation = 'commit' | 'getCheckpoint' | 'find' | 'write' | 'ping';

/** A read store whose calls fail as planned, including death between documents and checkpoint. */
export class FaultyReadStore implements ReadStore {
  readonly faults = new FaultPlan<ReadStoreOperation>();

  constructor(readonly inner: ReadStore) {}

  get stats() {
    return this.inner.stats;
  }

  collection<T extends ReadDocument = ReadDocument>(name: string): Collection<T> {
    const inner = this.inner.collection<T>(name);
    const faults = this.faults;
    return {
      name: inner.name,
      find: (filter, options) => faults.run('find', () => inner.find(filter, options)),
      findOne: (filter, options) => faults.run('find', () => inner.findOne(filter, options)),
      findByIds: (ids, options) => faults.run('find', () => inner.findByIds(ids, options)),
      count: (filter) => faults.run('find', () => inner.count(filter)),
      write: (operations) => faults.run('write', () => inner.write(operations)),
      createIndex: (index) => inner.createIndex(index),
    };
  }

  getCheckpoint(projection: string): Promise<Position | null> {
    return this.faults.run('getCheckpoint', () => this.inner.getCheckpoint(projection));
  }

  commit(
    projection: string,
    writes: ReadonlyMap<string, readonly WriteOperation[]>,
    checkpoint: Position,
    fence?: Fence,
  ): Promise<void> {
    return this.commitMany([commitEntry(projection, writes, checkpoint, fence)]);
  }

  async commitMany(entries: readonly CommitEntry[]): Promise<void> {
    const fault = await this.faults.before('commit');
    if (fault?.kind === 'die-before-checkpoint') {
      // The documents land (as on MongoDB, where they are written before the checkpoint)...
      for (const entry of entries) {
        for (const [name, operations] of entry.writes) {
          await this.inner.collection(name).write(operations);
        }
      }
      // ...and the checkpoints never do.
      throw new ProcessDeath('entre los documentos y el punto de control');
    }
    await this.inner.commitMany(entries);
    if (fault?.kind === 'error-after') {
      throw (
        fault.error ?? new StoreUnavailableError('commit', new Error('respuesta perdida'), true)
      );
    }
  }

  dropAll(): Promise<void> {
    return this.inner.dropAll();
  }

  drop(collections: readonly string[], checkpoints: readonly string[]): Promise<void> {
    return this.inner.drop(collections, checkpoints);
  }

  derives(collection: string): boolean {
    return this.inner.derives?.(collection) ?? false;
  }

  ping(): Promise<void> {
    return this.faults.run('ping', () => this.inner.ping());
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * A projection with a poison event: it throws, deterministically, on the events `poisonous`
 * picks (a projection bug, or data it cannot read), and keeps one document per stream otherwise.
 */
export function poisonedProjection(
  poisonous: (event: RecordedEvent) => boolean,
  message: string,
  /** Where it throws: applying the event, or naming the documents it changes. */
  throwsIn: 'apply' | 'idsOf' = 'apply',
): Projection {
  return {
    name: 'poisoned',
    collection: 'poisoned',
    indexes: [],
    idsOf: (event) => {
      if (throwsIn === 'idsOf' && poisonous(event)) throw new Error(message);
      return [event.stream];
    },
    apply: (_doc, event) => {
      if (throwsIn === 'apply' && poisonous(event)) throw new Error(message);
      return { _id: event.stream, type: event.type };
    },
  };
}
