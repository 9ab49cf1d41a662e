/**
 * The feed behind subscriptions, on a log of numbered entries: nothing before the read models
 * include it, everything in order, a replay that hands over to live without gap or repeat, and a
 * bounded queue that ends a slow subscription with the cursor to resume from.
 */
import type { AuditDocument } from '../../projections/audit';
import {
  AuditFeed,
  isOverflow,
  type AuditSource,
  type FeedItem,
  type ReadModelProgress,
} from '../../src/live/audit-feed';

/** A log whose positions are 10, 20, 30...; the read models include it through `applied`. */
class FakeLog implements ReadModelProgress, AuditSource {
  entries: AuditDocument[] = [];
  applied: number | null = null;
  reads = 0;
  private readonly listeners = new Set<() => void>();

  append(count: number, planId = 'plan-73001-2024'): void {
    for (let i = 0; i < count; i++) {
      const position = (this.entries.length + 1) * 10;
      this.entries.push({ _id: `e${position}`, position, planId } as AuditDocument);
    }
  }
  /** The projector commits through the newest entry. */
  project(): void {
    this.applied = this.entries.at(-1)?.position ?? null;
    for (const listener of this.listeners) listener();
  }
  appliedThrough() {
    return this.applied;
  }
  onProgress(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async entriesBetween(after: number | null, through: number, limit: number) {
    this.reads += 1;
    return this.entries
      .filter((e) => (after === null || e.position > after) && e.position <= through)
      .slice(0, limit);
  }
}

const all = () => true;
const positions = (items: FeedItem[]) =>
  items.map((item) => (isOverflow(item) ? `overflow@${item.lastDelivered}` : item.position));

async function take(iterator: AsyncIterator<FeedItem>, count: number): Promise<FeedItem[]> {
  const items: FeedItem[] = [];
  while (items.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    items.push(next.value);
  }
  return items;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the audit feed', () => {
  it('announces an entry only once the read models include it, in log order', async () => {
    const log = new FakeLog();
    const feed = new AuditFeed(log, log, { queueLimit: 100 });
    const subscription = feed.subscribe({ after: null, accepts: all });
    log.append(3);
    await settle();
    const pending = take(subscription, 3);
    let settled = false;
    void pending.then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    log.project();
    expect(positions(await pending)).toEqual([10, 20, 30]);
    await feed.close();
  });

  it('reads each advance once, whatever the number of subscribers, and not at all for none', async () => {
    const log = new FakeLog();
    const feed = new AuditFeed(log, log, { queueLimit: 100 });
    log.append(2);
    log.project();
    await settle();
    expect(log.reads).toBe(0);
    const subscriptions = Array.from({ length: 50 }, () =>
      feed.subscribe({ after: null, accepts: all }),
    );
    log.append(2);
    log.project();
    const received = await Promise.all(subscriptions.map((s) => take(s, 2)));
    expect(received.every((items) => positions(items).join() === '30,40')).toBe(true);
    expect(log.reads).toBe(1);
    await feed.close();
  });

  it('resumes after a cursor: replays what came since, then live, with no gap and no repeat', async () => {
    const log = new FakeLog();
    const feed = new AuditFeed(log, log, { queueLimit: 10_000 });
    log.append(1_200);
    log.project();
    await settle();
    // Resume from the 100th entry while the log keeps growing.
    const resumed = feed.subscribe({ after: 1_000, accepts: all });
    log.append(5);
    log.project();
    const items = await take(resumed, 1_105);
    expect(positions(items)).toEqual(Array.from({ length: 1_105 }, (_, i) => 1_010 + i * 10));
    await feed.close();
  });

  it('applies the filter to the replay and to live entries alike', async () => {
    const log = new FakeLog();
    const feed = new AuditFeed(log, log, { queueLimit: 100 });
    log.append(2, 'plan-73001-2024');
    log.append(2, 'plan-73268-2024');
    log.project();
    await settle();
    const subscription = feed.subscribe({
      after: 0,
      accepts: (entry) => entry.planId === 'plan-73268-2024',
    });
    log.append(1, 'plan-73001-2024');
    log.append(1, 'plan-73268-2024');
    log.project();
    expect(positions(await take(subscription, 3))).toEqual([30, 40, 60]);
    await feed.close();
  });

  it('ends a slow subscription with the last cursor it was given, and the resume misses nothing', async () => {
    const log = new FakeLog();
    const feed = new AuditFeed(log, log, { queueLimit: 5 });
    const slow = feed.subscribe({ after: null, accepts: all });
    const fast = feed.subscribe({ after: null, accepts: all });
    for (let i = 0; i < 8; i++) {
      log.append(1);
      log.project();
      await settle();
      await take(fast, 1);
    }
    // The slow client reads now: the 5 it had queued, then where to resume.
    const items = await take(slow, 10);
    expect(positions(items)).toEqual([10, 20, 30, 40, 50, 'overflow@50']);
    expect(await slow.next()).toEqual({ done: true, value: undefined });
    expect(feed.size).toBe(1);
    const resumed = feed.subscribe({ after: 50, accepts: all });
    expect(positions(await take(resumed, 3))).toEqual([60, 70, 80]);
    await feed.close();
  });

  it('stops offering to a subscription its client closed', async () => {
    const log = new FakeLog();
    const feed = new AuditFeed(log, log, { queueLimit: 100 });
    const subscription = feed.subscribe({ after: null, accepts: all });
    await subscription.return!();
    expect(feed.size).toBe(0);
    log.append(1);
    log.project();
    expect(await subscription.next()).toEqual({ done: true, value: undefined });
    await feed.close();
  });
});
