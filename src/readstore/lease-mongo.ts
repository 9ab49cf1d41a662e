/**
 * Leases on MongoDB: one document per lease in `_leases`, taken or renewed by one atomic
 * `findOneAndUpdate` that compares expiry with the server's own clock (`$$NOW`), so that replicas
 * whose clocks drift apart still agree on who holds it. Written with majority write concern: a
 * lease acknowledged before a failover is not rolled back after it.
 */
import { MongoServerError, type Collection, type Db } from 'mongodb';
import type { Lease, LeaseStore } from './lease';

const DUPLICATE_KEY = 11000;

interface LeaseDocument {
  _id: string;
  owner: string;
  token: number;
  expiresAt: Date;
}

export class MongoLeases implements LeaseStore {
  private readonly leases: Collection<LeaseDocument>;

  constructor(db: Db) {
    this.leases = db.collection<LeaseDocument>('_leases', {
      writeConcern: { w: 'majority', journal: true },
      readConcern: { level: 'majority' },
    });
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<Lease | null> {
    const mine = { $eq: ['$owner', owner] };
    const live = { $gt: ['$expiresAt', '$$NOW'] };
    try {
      const lease = await this.leases.findOneAndUpdate(
        // Free (expired) or already ours; a missing document is inserted by the upsert.
        { _id: name, $expr: { $or: [mine, { $not: [live] }] } },
        [
          {
            $set: {
              // The token moves only when the lease changes hands (or comes back after expiry).
              token: {
                $cond: [
                  { $and: [mine, live] },
                  '$token',
                  { $add: [{ $ifNull: ['$token', 0] }, 1] },
                ],
              },
              owner,
              expiresAt: { $add: ['$$NOW', ttlMs] },
            },
          },
        ],
        { upsert: true, returnDocument: 'after' },
      );
      return lease ? toLease(lease) : null;
    } catch (error) {
      // Held by another: the filter missed, and the upsert met the existing `_id`.
      if (error instanceof MongoServerError && error.code === DUPLICATE_KEY) return null;
      throw error;
    }
  }

  async release(lease: Pick<Lease, 'name' | 'owner'>): Promise<void> {
    // Expired now; the token stays, so the next holder's is higher.
    await this.leases.updateOne({ _id: lease.name, owner: lease.owner }, [
      { $set: { expiresAt: new Date(0) } },
    ]);
  }

  async current(name: string): Promise<Lease | null> {
    const found = await this.leases.findOne({ _id: name });
    return found ? toLease(found) : null;
  }

  async close(): Promise<void> {}
}

function toLease(document: LeaseDocument): Lease {
  return {
    name: document._id,
    owner: document.owner,
    token: document.token,
    expiresAt: document.expiresAt,
  };
}
