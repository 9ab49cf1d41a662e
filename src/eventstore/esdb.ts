import {
  BACKWARDS,
  CancelledError,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  NotLeaderError,
  START,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import {
  ConcurrencyError,
  DuplicateEventError,
  StoreTimeoutError,
  StoreUnavailableError,
} from './errors';
import { checkExpectedRevision, sealEvents, type SealedEvent, type StreamHead } from './integrity';
import type {
  AppendOptions,
  AppendResult,
  Clock,
  EventMetadata,
  EventStore,
  IdGenerator,
  JsonObject,
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

/** The part of the client this adapter uses (tests pass a fake that behaves like the server). */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'
>;

export interface EsdbEventStoreOptions {
  /**
   * e.g. "esdb://localhost:2113?tls=false", or a cluster:
   * "esdb://es1:2113,es2:2113,es3:2113?tls=false&nodePreference=leader".
   */
  connectionString: string;
  /** Instead of a client made from `connectionString` (tests). */
  client?: EsdbClient;
  clock?: Clock;
  ids?: IdGenerator;
  /**
   * Application-level bound on each call. Reads pass an infinite gRPC deadline, so a server that
   * accepts and never answers would hang them forever. A batch append carries the client's own
   * deadline (`defaultDeadline`, 10 s) to the server, which answers with a timeout then; this
   * bound also covers the connection and capability calls before it.
   */
  timeoutMs?: number;
  /** Attempts for "any" appends that lose a race for the stream head. */
  maxAnyRetries?: number;
  /**
   * Attempts of an append whose outcome was unknown (timeout, deadline, server unavailable, not
   * leader) before the adapter gives up; each retry sends the same event ids.
   */
  maxUnknownOutcomeRetries?: number;
  /** First pause before such a retry (doubles each time). */
  retryBackoffMs?: number;
}

/**
 * The client's errors for "the call did not complete": the server restarting or unreachable, a
 * leader election, the server's commit timeout, the client's deadline, a dropped call.
 */
function isTransient(error: unknown): boolean {
  return (
    error instanceof StoreTimeoutError ||
    error instanceof DeadlineExceededError ||
    error instanceof UnavailableError ||
    error instanceof NotLeaderError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError
  );
}

/** The client's transient errors as the port's; anything else unchanged. */
export function toPortError(error: unknown, operation: string): unknown {
  if (error instanceof StoreTimeoutError || error instanceof StoreUnavailableError) return error;
  return isTransient(error) ? new StoreUnavailableError(operation, error) : error;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What we keep in EventStoreDB's own metadata field, besides the envelope's metadata. */
interface StoredMetadata extends EventMetadata {
  prevHash: string | null;
  hash: string;
  $correlationId?: string;
  $causationId?: string;
}

export async function withTimeout<T>(
  operation: string,
  timeoutMs: number,
  work: Promise<T>,
  onTimeout?: () => void,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new StoreTimeoutError(operation, timeoutMs));
    }, timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Commit positions are byte offsets in the transaction file; they stay below 2^53 (9 PB), so the
 * port's number is exact. For events not written in explicit transactions (we never use those)
 * commit == prepare, which lets us turn a checkpoint back into a server position.
 */
function toPortPosition(position: EsdbPosition): Position {
  const value = Number(position.commit);
  if (!Number.isSafeInteger(value)) throw new Error(`Posición fuera de rango: ${position.commit}`);
  return value;
}

function toEsdbPosition(position: Position): EsdbPosition {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

function toRecorded(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | null {
  const event = resolved.event;
  if (!event || !event.isJson || event.streamId.startsWith('$')) return null;
  const { prevHash, hash, $correlationId, $causationId, ...metadata } =
    event.metadata as unknown as StoredMetadata;
  void $correlationId;
  void $causationId;
  const position =
    event.position ??
    (resolved.commitPosition !== undefined
      ? { commit: resolved.commitPosition, prepare: resolved.commitPosition }
      : undefined);
  if (!position) throw new Error(`El servidor no informó la posición del evento ${event.id}.`);
  return {
    id: event.id,
    type: event.type,
    data: event.data as JsonObject,
    metadata,
    stream: event.streamId,
    revision: Number(event.revision),
    position: toPortPosition(position),
    recordedAt: event.created,
    prevHash,
    hash,
  };
}

function toEventData(event: SealedEvent) {
  const metadata: StoredMetadata = {
    ...event.metadata,
    prevHash: event.prevHash,
    hash: event.hash,
    $correlationId: event.metadata.correlationId,
    ...(event.metadata.causationId ? { $causationId: event.metadata.causationId } : {}),
  };
  return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
}

/**
 * The production event log on EventStoreDB, behaving exactly like the embedded one. Needs a
 * server that reports positions on stream reads (22.6 or later; docker-compose pins 24.10).
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EsdbClient;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly timeoutMs: number;
  private readonly maxAnyRetries: number;
  private readonly maxUnknownOutcomeRetries: number;
  private readonly retryBackoffMs: number;

  constructor(options: EsdbEventStoreOptions) {
    this.client = options.client ?? EventStoreDBClient.connectionString(options.connectionString);
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? uuidGenerator;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxAnyRetries = options.maxAnyRetries ?? 10;
    this.maxUnknownOutcomeRetries = options.maxUnknownOutcomeRetries ?? 4;
    this.retryBackoffMs = options.retryBackoffMs ?? 200;
  }

  /** Iterates a streaming read, bounding each step by the timeout; cancels the read when left. */
  private async *bounded<E>(
    operation: string,
    read: AsyncIterable<E> & { cancel(): Promise<void> },
  ): AsyncGenerator<E> {
    const iterator = read[Symbol.asyncIterator]();
    try {
      for (;;) {
        let step: IteratorResult<E>;
        try {
          step = await withTimeout(operation, this.timeoutMs, iterator.next(), () => {
            void read.cancel();
          });
        } catch (error) {
          throw toPortError(error, operation);
        }
        if (step.done) return;
        yield step.value;
      }
    } finally {
      await read.cancel();
    }
  }

  /** Reads a whole stream read into memory; a stream that does not exist reads as empty. */
  private async collect<E>(
    operation: string,
    read: AsyncIterable<E> & { cancel(): Promise<void> },
  ): Promise<E[]> {
    const items: E[] = [];
    try {
      for await (const item of this.bounded(operation, read)) items.push(item);
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    return items;
  }

  private async readHead(stream: string): Promise<StreamHead | null> {
    const [last] = await this.collect(
      `leer cabeza de ${stream}`,
      this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }),
    );
    if (!last?.event) return null;
    const metadata = last.event.metadata as unknown as StoredMetadata;
    return { revision: Number(last.event.revision), hash: metadata.hash };
  }

  /**
   * Appends at exactly the head revision (chaining needs the head's hash, so even "any" reads it
   * and retries when it loses a race).
   *
   * Ids are fixed before the first attempt: when an attempt's outcome is unknown (timeout, server
   * deadline, unavailable, not leader), the next one first looks for those ids in the stream (the
   * write landed: done) and otherwise sends the same ids at the same revision, which the server
   * takes as the same write if the first one lands meanwhile. New ids on a retry would be a
   * second copy. An id the stream already holds is refused, as on SQLite (the server would store
   * it as a new event when appended at the head).
   */
  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertStreamName(stream);
    assertExpectedRevision(options?.expectedRevision);
    assertNewEvents(events);
    const identified = events.map((event) => ({ ...event, id: event.id ?? this.ids.next() }));
    const callerChoseIds = events.some((event) => event.id !== undefined);
    /** Hashes of what this call sealed in any attempt: a landed attempt is recognized by them. */
    const sealedHashes = new Set<string>();
    let unknownOutcome: unknown = null;
    let unknownAttempts = 0;
    for (let attempt = 1; ; attempt++) {
      if (callerChoseIds || unknownOutcome !== null) {
        const landed = await this.alreadyAppended(stream, identified, sealedHashes);
        if (landed) return landed;
      }
      const head = await this.readHead(stream);
      checkExpectedRevision(stream, options.expectedRevision, head);
      const sealed = sealEvents(stream, head, identified, this.clock, this.ids);
      for (const event of sealed) sealedHashes.add(event.hash);
      try {
        await withTimeout(
          `añadir a ${stream}`,
          this.timeoutMs,
          this.client.appendToStream(stream, sealed.map(toEventData), {
            expectedRevision: head === null ? NO_STREAM : BigInt(head.revision),
          }),
        );
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          // After an unknown outcome the head may have moved because our write landed: look.
          if (unknownOutcome !== null && unknownAttempts <= this.maxUnknownOutcomeRetries) continue;
          if (options.expectedRevision === 'any' && attempt < this.maxAnyRetries) continue;
          const actual =
            typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
          throw new ConcurrencyError(stream, options.expectedRevision, actual);
        }
        if (!isTransient(error)) throw error;
        unknownOutcome = error;
        unknownAttempts += 1;
        if (unknownAttempts > this.maxUnknownOutcomeRetries) {
          // One last look: the write may have landed while we waited.
          const landed = await this.alreadyAppended(stream, identified, sealedHashes);
          if (landed) return landed;
          throw new StoreUnavailableError(`añadir a ${stream}`, error, true);
        }
        await sleep(this.retryBackoffMs * 2 ** (unknownAttempts - 1));
        continue;
      }
      const written = await this.readStream(stream, { fromRevision: sealed[0]!.revision });
      const mine = written.slice(0, sealed.length);
      // The server answers success without writing when these ids were just written at this
      // revision by someone else (its idempotence): then they are not ours.
      mine.forEach((event, index) => {
        if (event.id !== sealed[index]!.id || !sealedHashes.has(event.hash)) {
          throw new DuplicateEventError(`events[${index}].id`, stream, sealed[index]!.id);
        }
      });
      const last = mine[mine.length - 1]!;
      return { nextExpectedRevision: last.revision, position: last.position, events: mine };
    }
  }

  /**
   * Looks for the batch's ids in the stream. None there: null. All there, as this call sealed
   * them (an earlier attempt landed): its result. Otherwise the ids belong to other events.
   */
  private async alreadyAppended(
    stream: string,
    events: ReadonlyArray<NewEvent & { id: string }>,
    sealedHashes: ReadonlySet<string>,
  ): Promise<AppendResult | null> {
    const wanted = new Map(events.map((event, index) => [event.id, index]));
    const found = (await this.readStream(stream)).filter((event) => wanted.has(event.id));
    if (found.length === 0) return null;
    const ours =
      found.length === events.length &&
      found.every(
        (event, index) => wanted.get(event.id) === index && sealedHashes.has(event.hash),
      ) &&
      found.every(
        (event, index) => index === 0 || event.revision === found[index - 1]!.revision + 1,
      );
    if (!ours) {
      const first = found[0]!;
      throw new DuplicateEventError(`events[${wanted.get(first.id)!}].id`, stream, first.id);
    }
    const last = found[found.length - 1]!;
    return { nextExpectedRevision: last.revision, position: last.position, events: found };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamName(stream);
    const resolved = await this.collect(
      `leer ${stream}`,
      this.client.readStream(stream, {
        direction: FORWARDS,
        fromRevision: options.fromRevision ? BigInt(options.fromRevision) : START,
      }),
    );
    const until = options.until?.getTime();
    const events: RecordedEvent[] = [];
    for (const item of resolved) {
      const event = toRecorded(item);
      if (!event) continue;
      if (until !== undefined && event.recordedAt.getTime() > until) break;
      events.push(event);
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const read = this.client.readAll({
      direction: FORWARDS,
      fromPosition:
        options.fromPosition === undefined ? START : toEsdbPosition(options.fromPosition),
    });
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (remaining <= 0) return void (await read.cancel());
    // System events are skipped here rather than by maxCount, which would count them.
    for await (const resolved of this.bounded('leer el registro', read)) {
      const event = toRecorded(resolved);
      if (!event) continue;
      yield event;
      if (--remaining <= 0) return;
    }
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const subscription = this.client.subscribeToAll({
      fromPosition:
        options.afterPosition === undefined ? START : toEsdbPosition(options.afterPosition),
      filter: excludeSystemEvents(),
    });
    const stop = (): void => void subscription.unsubscribe();
    options.signal?.addEventListener('abort', stop, { once: true });
    async function* iterate(): AsyncGenerator<RecordedEvent> {
      try {
        // `for await` (not the "data" event) so that each handler finishes before the next event.
        // The client does not resubscribe: a server restart ends this loop with an error, which
        // the caller sees as StoreUnavailableError and resubscribes from its checkpoint.
        try {
          for await (const resolved of subscription) {
            const event = toRecorded(resolved);
            if (event) yield event;
          }
        } catch (error) {
          throw toPortError(error, 'suscripción al registro');
        }
      } finally {
        options.signal?.removeEventListener('abort', stop);
        await subscription.unsubscribe();
      }
    }
    const generator = iterate();
    return {
      [Symbol.asyncIterator]: () => generator,
      close: async () => {
        await subscription.unsubscribe();
        await generator.return(undefined);
      },
    };
  }

  async headPosition(): Promise<Position | null> {
    const read = this.client.readAll({ direction: BACKWARDS, fromPosition: END });
    for await (const resolved of this.bounded('leer la cabeza del registro', read)) {
      const event = toRecorded(resolved);
      if (event) return event.position;
    }
    return null;
  }

  /** EventStoreDB keeps no count of user events: this reads the whole log (O(n)). */
  async count(): Promise<number> {
    let count = 0;
    for await (const resolved of this.bounded(
      'contar eventos',
      this.client.readAll({ direction: FORWARDS, fromPosition: START }),
    )) {
      if (toRecorded(resolved)) count += 1;
    }
    return count;
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
