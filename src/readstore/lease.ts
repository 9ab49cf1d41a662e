/**
 * Leases: which process may do a job that only one may do at a time (run a projection, seed the
 * demo, rebuild the read models), across API replicas and command-line runs.
 *
 * A lease is held by an owner until it expires; its holder renews it well before. Each time the
 * lease changes hands its fencing token grows, so a holder that stalled (a long GC pause, a
 * partition) and lost the lease without knowing can be refused by the store: writes carry the
 * token, and a store that has seen a higher one refuses a lower one (M. Kleppmann, "How to do
 * distributed locking"). Expiry alone is not enough for that.
 *
 * Adapters: MongoDB (a document per lease, changed atomically with the server's clock), SQLite (a
 * table in a file beside the embedded read store: several processes on one machine) and
 * in-process (tests, `:memory:` stores).
 */

export interface Lease {
  name: string;
  owner: string;
  /** Grows each time the lease changes hands; the same while one owner renews it. */
  token: number;
  expiresAt: Date;
}

export interface LeaseStore {
  /**
   * Takes the lease when it is free or expired, or renews it when `owner` holds it; null when
   * another owner holds it.
   */
  acquire(name: string, owner: string, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up if `lease.owner` still holds it (another holder is left alone). */
  release(lease: Pick<Lease, 'name' | 'owner'>): Promise<void>;
  /** The lease as it stands (held or expired), or null if never taken. */
  current(name: string): Promise<Lease | null>;
  close(): Promise<void>;
}

/** Leases within one process (tests, a `:memory:` store): shared by whoever holds this object. */
export class InProcessLeases implements LeaseStore {
  private readonly leases = new Map<string, Lease>();

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(name: string, owner: string, ttlMs: number): Promise<Lease | null> {
    const now = this.now();
    const held = this.leases.get(name);
    if (held && held.owner !== owner && held.expiresAt.getTime() > now) return null;
    const lease: Lease = {
      name,
      owner,
      token:
        held?.owner === owner && held.expiresAt.getTime() > now
          ? held.token
          : (held?.token ?? 0) + 1,
      expiresAt: new Date(now + ttlMs),
    };
    this.leases.set(name, lease);
    return { ...lease };
  }

  async release(lease: Pick<Lease, 'name' | 'owner'>): Promise<void> {
    const held = this.leases.get(lease.name);
    // Expired now, but the token is kept: the next holder's must be higher.
    if (held?.owner === lease.owner)
      this.leases.set(lease.name, { ...held, expiresAt: new Date(0) });
  }

  async current(name: string): Promise<Lease | null> {
    const held = this.leases.get(name);
    return held ? { ...held } : null;
  }

  async close(): Promise<void> {}
}

/**
 * Keeps a lease while a job runs: renews it every third of its time to live and tells the job
 * (through `lost`) when a renewal found another holder or failed until the lease had expired.
 */
export class HeldLease {
  private timer: NodeJS.Timeout | null = null;
  private readonly controller = new AbortController();

  private constructor(
    private readonly store: LeaseStore,
    private lease: Lease,
    private readonly ttlMs: number,
  ) {}

  /** Takes the lease, or null when another owner holds it. */
  static async take(
    store: LeaseStore,
    name: string,
    owner: string,
    ttlMs: number,
  ): Promise<HeldLease | null> {
    const lease = await store.acquire(name, owner, ttlMs);
    if (!lease) return null;
    const held = new HeldLease(store, lease, ttlMs);
    held.schedule();
    return held;
  }

  /** Aborted when the lease is lost: stop writing under its token. */
  get lost(): AbortSignal {
    return this.controller.signal;
  }

  get token(): number {
    return this.lease.token;
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.renew(), Math.max(1, Math.floor(this.ttlMs / 3)));
    this.timer.unref();
  }

  private async renew(): Promise<void> {
    try {
      const renewed = await this.store.acquire(this.lease.name, this.lease.owner, this.ttlMs);
      if (!renewed || renewed.token !== this.lease.token) return this.lose();
      this.lease = renewed;
    } catch {
      // The store did not answer: keep trying while the lease may still be ours.
      if (Date.now() >= this.lease.expiresAt.getTime()) return this.lose();
    }
    if (!this.controller.signal.aborted) this.schedule();
  }

  private lose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.controller.abort(new Error(`se perdió el arriendo "${this.lease.name}"`));
  }

  /** Stops renewing and gives the lease up. */
  async release(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.controller.signal.aborted) await this.store.release(this.lease);
  }
}
