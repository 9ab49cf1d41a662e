/**
 * Leases with fencing tokens, on every adapter: one holder at a time, tokens that grow whenever the
 * lease changes hands, expiry, release, and a holder that learns it lost the lease.
 */
import { randomUUID } from 'node:crypto';
import { HeldLease, type LeaseStore } from '../../src/readstore/lease';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `open` gives two handles on one lease table, as two processes would have. */
export function describeLeaseContract(
  adapter: string,
  open: () => Promise<{ a: LeaseStore; b: LeaseStore; close(): Promise<void> }>,
): void {
  describe(`Lease contract: ${adapter}`, () => {
    let a: LeaseStore;
    let b: LeaseStore;
    let close: () => Promise<void>;
    let name: string;
    beforeEach(async () => {
      ({ a, b, close } = await open());
      name = `projection-${randomUUID().slice(0, 8)}`;
    });
    afterEach(() => close());

    it('is held by one owner at a time, renewed with the same token', async () => {
      const first = await a.acquire(name, 'replica-a', 10_000);
      expect(first).toMatchObject({ name, owner: 'replica-a', token: expect.any(Number) });
      expect(await b.acquire(name, 'replica-b', 10_000)).toBeNull();
      const renewed = await a.acquire(name, 'replica-a', 20_000);
      expect(renewed!.token).toBe(first!.token);
      expect(renewed!.expiresAt.getTime()).toBeGreaterThan(first!.expiresAt.getTime());
      expect(await b.current(name)).toMatchObject({ owner: 'replica-a', token: first!.token });
    });

    it('passes to another owner when it expires, with a higher token', async () => {
      const first = await a.acquire(name, 'replica-a', 100);
      await sleep(250);
      const second = await b.acquire(name, 'replica-b', 10_000);
      expect(second).toMatchObject({ owner: 'replica-b' });
      expect(second!.token).toBeGreaterThan(first!.token);
      // The first owner, back from a pause, does not get it back.
      expect(await a.acquire(name, 'replica-a', 10_000)).toBeNull();
    });

    it('is released only by its holder, and then taken at once with a higher token', async () => {
      const first = await a.acquire(name, 'replica-a', 10_000);
      await b.release({ name, owner: 'replica-b' });
      expect(await b.acquire(name, 'replica-b', 10_000)).toBeNull();
      await a.release(first!);
      const second = await b.acquire(name, 'replica-b', 10_000);
      expect(second!.token).toBeGreaterThan(first!.token);
    });

    it('goes to exactly one of several owners asking at once', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 6 }, (_, n) => (n % 2 ? a : b).acquire(name, `replica-${n}`, 10_000)),
      );
      expect(attempts.filter((lease) => lease !== null)).toHaveLength(1);
    });

    it('a held lease renews itself, and tells its holder when another took it', async () => {
      const held = await HeldLease.take(a, name, 'replica-a', 300);
      expect(held).not.toBeNull();
      await sleep(500); // past its first time to live: renewed meanwhile
      expect(await b.acquire(name, 'replica-b', 10_000)).toBeNull();
      expect(held!.lost.aborted).toBe(false);
      // An operator (or an expiry during a long pause) hands it over.
      await a.release({ name, owner: 'replica-a' });
      const taken = await b.acquire(name, 'replica-b', 10_000);
      expect(taken!.token).toBeGreaterThan(held!.token);
      await sleep(250);
      expect(held!.lost.aborted).toBe(true);
      await held!.release();
      expect(await b.current(name)).toMatchObject({ owner: 'replica-b' });
    });
  });
}
