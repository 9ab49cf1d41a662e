import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
  type Position as EsdbPosition,
} from '@eventstore/db-client';
import { ConcurrencyError, StoreTimeoutError } from './errors';
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

export interface EsdbEventStoreOptions {
  /** e.g. "esdb://localhost:2113?tls=false" */
  connectionString: string;
  clock?: Clock;
  ids?: IdGenerator;
  /**
   * Application-level bound on each call. The client passes an infinite gRPC deadline to reads
   * and batch appends, so a server that accepts and never answers would hang us forever.
   */
  timeoutMs?: number;
  /** Attempts for "any" appends that lose a race for the stream head. */
  maxAnyRetries?: number;
}

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
  private readonly client: EventStoreDBClient;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly timeoutMs: number;
  private readonly maxAnyRetries: number;

  constructor(options: EsdbEventStoreOptions) {
    this.client = EventStoreDBClient.connectionString(options.connectionString);
    this.clock = options.clock ?? systemClock;
    this.ids = options.ids ?? uuidGenerator;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.maxAnyRetries = options.maxAnyRetries ?? 10;
  }

  /** Iterates a streaming read, bounding each step by the timeout; cancels the read when left. */
  private async *bounded<E>(
    operation: string,
    read: AsyncIterable<E> & { cancel(): Promise<void> },
  ): AsyncGenerator<E> {
    const iterator = read[Symbol.asyncIterator]();
    try {
      for (;;) {
        const step = await withTimeout(operation, this.timeoutMs, iterator.next(), () => {
          void read.cancel();
        });
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

  async append(stream: string, events: NewEvent[], options: AppendOptions): Promise<AppendResult> {
    assertStreamName(stream);
    assertExpectedRevision(options?.expectedRevision);
    assertNewEvents(events);
    // Chaining needs the head's hash, so even "any" reads the head and appends at exactly that
    // revision; losing the race means reading again, never skipping the chain.
    for (let attempt = 1; ; attempt++) {
      const head = await this.readHead(stream);
      checkExpectedRevision(stream, options.expectedRevision, head);
      const sealed = sealEvents(stream, head, events, this.clock, this.ids);
      try {
        await withTimeout(
          `añadir a ${stream}`,
          this.timeoutMs,
          this.client.appendToStream(stream, sealed.map(toEventData), {
            expectedRevision: head === null ? NO_STREAM : BigInt(head.revision),
          }),
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
        if (options.expectedRevision === 'any' && attempt < this.maxAnyRetries) continue;
        const actual =
          typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : 'no_stream';
        throw new ConcurrencyError(stream, options.expectedRevision, actual);
      }
      const written = await this.readStream(stream, { fromRevision: sealed[0]!.revision });
      const mine = written.slice(0, sealed.length);
      const last = mine[mine.length - 1]!;
      return { nextExpectedRevision: last.revision, position: last.position, events: mine };
    }
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
        for await (const resolved of subscription) {
          const event = toRecorded(resolved);
          if (event) yield event;
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
