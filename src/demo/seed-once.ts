/**
 * The demo, seeded by one process only: with several API replicas starting on an empty log, each
 * would otherwise append the whole demo (the log is append-only: twice is forever). The replica
 * that takes the `demo-seed` lease seeds; the others go on without.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { EventStore } from '../eventstore/port';
import type { Logger } from '../logging';
import { HeldLease, type LeaseStore } from '../readstore/lease';
import type { Divipola } from '../reference/divipola';
import { seedDemo } from './seed';

export const DEMO_SEED_LEASE = 'demo-seed';
/** Renewed while the seed runs (a few seconds); another replica may take over after a crash. */
const TTL_MS = 60_000;

export async function seedDemoOnce(
  stores: { events: EventStore; leases: LeaseStore; clock: Parameters<typeof seedDemo>[2] },
  territory: Divipola,
  now: Date,
  logger: Pick<Logger, 'info'>,
): Promise<number | null> {
  const owner = `${hostname()}:${process.pid}:${randomUUID()}`;
  const held = await HeldLease.take(stores.leases, DEMO_SEED_LEASE, owner, TTL_MS);
  if (!held) {
    logger.info('otra réplica está añadiendo los datos de demostración');
    return null;
  }
  try {
    // Under the lease: a replica that seeded before us left a log that is no longer empty.
    if ((await stores.events.headPosition()) !== null) return null;
    return await seedDemo(stores.events, territory, stores.clock, now);
  } finally {
    await held.release();
  }
}
