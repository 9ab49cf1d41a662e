/**
 * An in-memory stand-in for `@eventstore/db-client`'s client, behaving as the EventStoreDB server
 * is documented to, so that the adapter (`src/eventstore/esdb.ts`) runs its contract suite and its
 * failure cases here, where no server can run:
 *
 * - appends check the expected revision; a batch whose ids were written right after the expected
 *   revision is an idempotent success that writes nothing (the server's idempotence), while the
 *   same ids appended AT the head are stored again as new events (what defect 4 was about);
 * - reads of a missing stream fail with `StreamNotFoundError`; `$all` holds system events too;
 *   commit positions are byte offsets (not contiguous);
 * - `subscribeToAll` from a position delivers what follows it, then live events; it never
 *   resubscribes: a dropped connection ends it with an error.
 *
 * Faults are injected per call: an append may fail before writing, or write and then fail (the
 * client's deadline or an unavailable server after the commit), or hang and commit later.
 */
import {
  ANY,
  BACKWARDS,
  END,
  NO_STREAM,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type EventData,
} from '@eventstore/db-client';
import type { EsdbClient } from '../../src/eventstore/esdb';
import type { Clock } from '../../src/eventstore/port';

interface StoredEvent {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  data: unknown;
  metadata: unknown;
  isJson: true;
  created: Date;
  position: { commit: bigint; prepare: bigint };
}

/** What the next append does. */
export type AppendFault =
  | { kind: 'fail-before'; error: Error }
  | { kind: 'fail-after'; error: Error }
  | { kind: 'hang-then-commit'; afterMs: number };

type ReadPosition = typeof START | typeof END | { commit: bigint; prepare: bigint };

interface ReadStreamOptions {
  direction?: string;
  fromRevision?: bigint | typeof START | typeof END;
  maxCount?: number;
}

interface ReadAllOptions {
  direction?: string;
  fromPosition?: ReadPosition;
  maxCount?: number;
}

interface Cancellable<T> extends AsyncIterable<T> {
  cancel(): Promise<void>;
}

export class FakeEsdbServer {
  private readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private nextPosition = 4096n;
  private readonly wakers = new Set<() => void>();
  private readonly subscriptions = new Set<{ drop(error: Error): void; stop(): void }>();
  /** Faults for the next appends, in order. */
  readonly appendFaults: AppendFault[] = [];
  /** Errors for the next reads (stream or $all), in order: the read fails when iterated. */
  readonly readFaults: Error[] = [];
  /** Appends actually written (not idempotent no-ops). */
  writes = 0;

  constructor(private readonly clock: Clock = { now: () => new Date() }) {
    // $all begins with the server's own events, which the adapter must skip.
    this.store('$epochs', 'system-epoch', '$epoch', {}, {});
  }

  /** Ends every live subscription with `error` (a server restart, a dropped connection). */
  dropSubscriptions(error: Error = new UnavailableError(undefined, 'Connection dropped')): void {
    for (const subscription of [...this.subscriptions]) subscription.drop(error);
  }

  private store(
    streamId: string,
    id: string,
    type: string,
    data: unknown,
    metadata: unknown,
  ): StoredEvent {
    const stream = this.streams.get(streamId) ?? [];
    const serialized = JSON.stringify(data) + JSON.stringify(metadata);
    const event: StoredEvent = {
      streamId,
      id,
      revision: BigInt(stream.length),
      type,
      // What the server sends back is what it was sent, serialized.
      data: JSON.parse(JSON.stringify(data)),
      metadata: JSON.parse(JSON.stringify(metadata)),
      isJson: true,
      created: this.clock.now(),
      position: { commit: this.nextPosition, prepare: this.nextPosition },
    };
    // Byte offsets: the next position is after this record.
    this.nextPosition += BigInt(128 + Buffer.byteLength(serialized));
    stream.push(event);
    this.streams.set(streamId, stream);
    this.log.push(event);
    return event;
  }

  private wake(): void {
    for (const wake of [...this.wakers]) wake();
  }

  private appendNow(
    streamName: string,
    events: EventData[],
    expectedRevision: bigint | typeof NO_STREAM | typeof ANY,
  ) {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const sameIdsFrom = (from: number) =>
      events.every((event, index) => stream[from + index]?.id === event.id);
    const success = (last: StoredEvent) => ({
      success: true as const,
      nextExpectedRevision: last.revision,
      position: last.position,
    });
    if (expectedRevision === ANY) {
      // Best effort: a batch just written with these ids is not written again.
      const first = stream.findIndex((event) => event.id === events[0]!.id);
      if (first >= 0 && sameIdsFrom(first)) return success(stream[first + events.length - 1]!);
    } else {
      const expected = expectedRevision === NO_STREAM ? -1 : Number(expectedRevision);
      if (current > expected && sameIdsFrom(expected + 1)) {
        return success(stream[expected + events.length]!);
      }
      if (current !== expected) {
        throw new WrongExpectedVersionError(undefined, {
          streamName,
          expected: expectedRevision === NO_STREAM ? NO_STREAM : BigInt(expected),
          current: current < 0 ? NO_STREAM : BigInt(current),
        } as never);
      }
    }
    let last: StoredEvent | undefined;
    for (const event of events) {
      last = this.store(streamName, event.id, event.type, event.data, event.metadata);
    }
    this.writes += 1;
    this.wake();
    return success(last!);
  }

  /** The client API the adapter uses. */
  readonly client: EsdbClient = {
    appendToStream: (async (
      streamName: string,
      event: EventData | EventData[],
      options: { expectedRevision?: bigint | typeof NO_STREAM | typeof ANY } = {},
    ) => {
      const events = Array.isArray(event) ? event : [event];
      const expected = options.expectedRevision ?? ANY;
      await Promise.resolve();
      const fault = this.appendFaults.shift();
      if (fault?.kind === 'fail-before') throw fault.error;
      if (fault?.kind === 'hang-then-commit') {
        // The caller gives up first; the write still lands later (the timeout cancels nothing).
        return new Promise((_resolve, reject) =>
          setTimeout(() => {
            try {
              this.appendNow(streamName, events, expected);
            } catch (error) {
              reject(error);
            }
          }, fault.afterMs),
        );
      }
      const result = this.appendNow(streamName, events, expected);
      if (fault?.kind === 'fail-after') throw fault.error;
      return result;
    }) as unknown as EsdbClient['appendToStream'],

    readStream: ((streamName: string, options: ReadStreamOptions = {}) =>
      this.cancellable(() =>
        this.streamEvents(streamName, options),
      )) as unknown as EsdbClient['readStream'],

    readAll: ((options: ReadAllOptions = {}) =>
      this.cancellable(() => this.allEvents(options))) as unknown as EsdbClient['readAll'],

    subscribeToAll: ((options: { fromPosition?: ReadPosition } = {}) =>
      this.subscribe(options.fromPosition ?? START)) as unknown as EsdbClient['subscribeToAll'],

    dispose: async () => {
      for (const subscription of [...this.subscriptions]) subscription.stop();
    },
  };

  private async *streamEvents(streamName: string, options: ReadStreamOptions) {
    const fault = this.readFaults.shift();
    if (fault) throw fault;
    const stream = this.streams.get(streamName);
    if (!stream) throw new StreamNotFoundError(undefined, streamName);
    const backwards = options.direction === BACKWARDS;
    const ordered = backwards ? [...stream].reverse() : stream;
    const from = options.fromRevision ?? (backwards ? END : START);
    const selected = ordered.filter((event) => {
      if (from === START || from === END) return true;
      return backwards ? event.revision <= from : event.revision >= from;
    });
    for (const event of selected.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)) {
      yield { event: { ...event } };
    }
  }

  private async *allEvents(options: ReadAllOptions) {
    const fault = this.readFaults.shift();
    if (fault) throw fault;
    const backwards = options.direction === BACKWARDS;
    const from = options.fromPosition ?? (backwards ? END : START);
    const snapshot = [...this.log];
    const ordered = backwards ? snapshot.reverse() : snapshot;
    const selected = ordered.filter((event) => {
      if (from === START || from === END) return true;
      return backwards
        ? event.position.commit <= from.commit
        : event.position.commit >= from.commit;
    });
    for (const event of selected.slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER)) {
      yield { event: { ...event }, commitPosition: event.position.commit };
    }
  }

  /** Live after the catch-up; ends when unsubscribed, or with the error it is dropped with. */
  private subscribe(from: ReadPosition) {
    const state: { stopped: boolean; error: Error | null; wake: (() => void) | null } = {
      stopped: false,
      error: null,
      wake: null,
    };
    const handle = {
      drop(error: Error) {
        state.error = error;
        state.wake?.();
      },
      stop() {
        state.stopped = true;
        state.wake?.();
      },
    };
    this.subscriptions.add(handle);
    const generator = this.follow(from, state, () => this.subscriptions.delete(handle));
    return {
      [Symbol.asyncIterator]: () => generator,
      unsubscribe: async () => handle.stop(),
    };
  }

  private async *follow(
    from: ReadPosition,
    state: { stopped: boolean; error: Error | null; wake: (() => void) | null },
    done: () => void,
  ) {
    try {
      let index =
        from === START
          ? 0
          : from === END
            ? this.log.length
            : this.log.findIndex((event) => event.position.commit > from.commit);
      if (index < 0) index = this.log.length;
      for (;;) {
        if (state.error) throw state.error;
        if (state.stopped) return;
        const event = this.log[index];
        if (event) {
          index += 1;
          if (event.streamId.startsWith('$')) continue;
          yield { event: { ...event }, commitPosition: event.position.commit };
          continue;
        }
        await new Promise<void>((resolve) => {
          const wake = () => {
            this.wakers.delete(wake);
            state.wake = null;
            resolve();
          };
          state.wake = wake;
          this.wakers.add(wake);
        });
      }
    } finally {
      done();
    }
  }

  private cancellable<T>(produce: () => AsyncGenerator<T>): Cancellable<T> {
    let generator: AsyncGenerator<T> | null = null;
    return {
      [Symbol.asyncIterator]: () => (generator ??= produce()),
      cancel: async () => {
        await generator?.return(undefined);
      },
    };
  }

  /** Every stored event of a stream (for assertions). */
  eventsOf(streamName: string): ReadonlyArray<{ id: string; revision: bigint; type: string }> {
    return this.streams.get(streamName) ?? [];
  }
}
