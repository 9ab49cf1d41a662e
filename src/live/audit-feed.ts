/**
 * Live audit entries for subscriptions: one feed per server, however many subscribers.
 *
 * The feed announces an entry only once every read model includes its event (the projector's
 * checkpoint has passed it), so that what a subscriber is told, a query then returns. Each time
 * the read models advance, the feed reads the new entries once (`AuditSource`) and offers them in
 * log order to every subscription, which keeps the ones its filter accepts in a bounded queue.
 *
 * Resuming: a subscription opened with `after` (the cursor of the last entry a client saw) first
 * replays the entries after it up to where the feed stood when it opened, page by page as the
 * client reads them, then continues live. Nothing is missed and nothing comes twice, because the
 * live part starts exactly where the replay ends.
 *
 * Backpressure: a subscription's queue holds at most `queueLimit` entries; a client that reads
 * slower than entries arrive gets, instead of an unbounded queue on the server, a final error with
 * the last cursor it was given, from which it resumes.
 */
import type { AuditDocument } from '../../projections/audit';
import type { Position } from '../eventstore/port';
import type { Logger } from '../logging';

/** Where the read models stand: the projector, seen through the two things the feed needs. */
export interface ReadModelProgress {
  /** The position through which every read model includes the log (null: nothing yet). */
  appliedThrough(): Position | null;
  /** Calls `listener` whenever that position may have moved; returns how to stop. */
  onProgress(listener: () => void): () => void;
}

/** Reads audit entries by log position. */
export interface AuditSource {
  /** Entries after `after` (exclusive; null: from the start) through `through`, in log order. */
  entriesBetween(
    after: Position | null,
    through: Position,
    limit: number,
  ): Promise<AuditDocument[]>;
}

/** What a subscription wants. */
export interface SubscriberOptions {
  /** Resume after this position (exclusive). Null: only what the read models add from now. */
  after: Position | null;
  accepts(entry: AuditDocument): boolean;
}

/** The last item of a subscription whose client fell too far behind: where to resume. */
export interface FeedOverflow {
  overflow: true;
  lastDelivered: Position | null;
}

export type FeedItem = AuditDocument | FeedOverflow;
export const isOverflow = (item: FeedItem): item is FeedOverflow => 'overflow' in item;

const PAGE = 500;

const after = (position: Position, than: Position | null) => than === null || position > than;

export class AuditFeed {
  private readonly subscribers = new Set<LiveSubscriber>();
  /** Every entry at or before this position has been offered (null: none yet). */
  private delivered: Position | null;
  private pumping: Promise<void> | null = null;
  private again = false;
  private readonly stopListening: () => void;

  constructor(
    private readonly progress: ReadModelProgress,
    private readonly source: AuditSource,
    private readonly options: { queueLimit: number; logger?: Logger },
  ) {
    this.delivered = progress.appliedThrough();
    this.stopListening = progress.onProgress(() => this.pump());
  }

  /** How many subscriptions are open (for logs and benchmarks). */
  get size(): number {
    return this.subscribers.size;
  }

  subscribe(options: SubscriberOptions): AsyncIterableIterator<FeedItem> {
    // Synchronously with the registration below: no entry can be offered in between.
    const stood = this.delivered;
    const resumes = options.after !== null && stood !== null && stood > options.after;
    const replay = resumes ? { from: options.after!, through: stood } : null;
    const liveAfter = resumes || options.after === null ? stood : options.after;
    const subscriber = new LiveSubscriber(
      this.source,
      options,
      liveAfter,
      replay,
      this.options.queueLimit,
      () => this.subscribers.delete(subscriber),
    );
    this.subscribers.add(subscriber);
    return subscriber;
  }

  /** Reads what the read models added since the last time and offers it; one pump at a time. */
  private pump(): void {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = (async () => {
      do {
        this.again = false;
        const through = this.progress.appliedThrough();
        while (through !== null && after(through, this.delivered)) {
          if (this.subscribers.size === 0) {
            // Nobody listens: nothing to read. A later subscriber starts from here or replays.
            this.delivered = through;
            break;
          }
          const entries = await this.source.entriesBetween(this.delivered, through, PAGE);
          for (const entry of entries)
            for (const subscriber of this.subscribers) subscriber.offer(entry);
          this.delivered = entries.length < PAGE ? through : entries.at(-1)!.position;
        }
      } while (this.again);
    })()
      .catch((error: unknown) => {
        // The next advance retries from `delivered`: nothing is skipped.
        this.options.logger?.error({ err: error }, 'no se pudieron leer las entradas nuevas');
      })
      .finally(() => {
        this.pumping = null;
      });
  }

  /** Ends every subscription (the server is stopping). */
  async close(): Promise<void> {
    this.stopListening();
    for (const subscriber of [...this.subscribers]) await subscriber.return();
    await this.pumping;
  }
}

/** One subscription: replay (if resuming), then the live queue, read at the client's pace. */
class LiveSubscriber implements AsyncIterableIterator<FeedItem> {
  private readonly queue: AuditDocument[] = [];
  private wake: (() => void) | null = null;
  private done = false;
  private overflowed = false;
  private lastDelivered: Position | null;
  private replayed: AuditDocument[] = [];

  constructor(
    private readonly source: AuditSource,
    private readonly options: SubscriberOptions,
    /** Live entries at or before this position are the replay's (or were before it opened). */
    private readonly liveAfter: Position | null,
    private replay: { from: Position; through: Position } | null,
    private readonly queueLimit: number,
    private readonly unregister: () => void,
  ) {
    this.lastDelivered = options.after;
  }

  offer(entry: AuditDocument): void {
    if (this.done || this.overflowed || !after(entry.position, this.liveAfter)) return;
    if (!this.options.accepts(entry)) return;
    if (this.queue.length >= this.queueLimit) {
      this.overflowed = true;
      this.unregister();
    } else this.queue.push(entry);
    this.wake?.();
  }

  async next(): Promise<IteratorResult<FeedItem>> {
    for (;;) {
      if (this.done) return { done: true, value: undefined };
      const replayed = await this.nextReplayed();
      if (replayed) return this.deliver(replayed);
      const live = this.queue.shift();
      if (live) return this.deliver(live);
      if (this.overflowed) {
        this.done = true;
        return { done: false, value: { overflow: true, lastDelivered: this.lastDelivered } };
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
  }

  private deliver(entry: AuditDocument): IteratorResult<FeedItem> {
    this.lastDelivered = entry.position;
    return { done: false, value: entry };
  }

  /** The next entry of the replay, read a page at a time as the client consumes it. */
  private async nextReplayed(): Promise<AuditDocument | null> {
    while (this.replayed.length === 0 && this.replay) {
      const { from, through } = this.replay;
      const page = await this.source.entriesBetween(from, through, PAGE);
      this.replay = page.length < PAGE ? null : { from: page.at(-1)!.position, through };
      this.replayed = page.filter((entry) => this.options.accepts(entry));
    }
    return this.replayed.shift() ?? null;
  }

  async return(): Promise<IteratorResult<FeedItem>> {
    this.done = true;
    this.unregister();
    this.wake?.();
    return { done: true, value: undefined };
  }

  async throw(error?: unknown): Promise<IteratorResult<FeedItem>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator]() {
    return this;
  }
}
