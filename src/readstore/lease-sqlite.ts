/**
 * Leases for the embedded stores: a table in a small SQLite file beside the read models, so that
 * processes on one machine (the API, `npm run rebuild`, a second API started by mistake) agree on
 * who holds each lease. A lease is taken or renewed in one IMMEDIATE transaction (one writer at a
 * time across processes); they share the machine's clock.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Lease, LeaseStore } from './lease';

interface LeaseRow {
  name: string;
  owner: string;
  token: number;
  expires_at: number;
}

export class SqliteLeases implements LeaseStore {
  private readonly db: Database.Database;
  private readonly take: (name: string, owner: string, ttlMs: number) => Lease | null;
  private readonly select: Database.Statement<[string], LeaseRow>;

  constructor(
    path: string,
    private readonly now: () => number = Date.now,
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS leases (
      name TEXT PRIMARY KEY, owner TEXT NOT NULL, token INTEGER NOT NULL, expires_at INTEGER NOT NULL)`);
    this.select = this.db.prepare(
      'SELECT name, owner, token, expires_at FROM leases WHERE name = ?',
    );
    const upsert = this.db.prepare(
      `INSERT INTO leases (name, owner, token, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, token = excluded.token,
       expires_at = excluded.expires_at`,
    );
    const transaction = this.db.transaction((name: string, owner: string, ttlMs: number) => {
      const now = this.now();
      const held = this.select.get(name);
      const live = held !== undefined && held.expires_at > now;
      if (live && held.owner !== owner) return null;
      const token = live ? held.token : (held?.token ?? 0) + 1;
      upsert.run(name, owner, token, now + ttlMs);
      return { name, owner, token, expiresAt: new Date(now + ttlMs) };
    });
    this.take = (name, owner, ttlMs) => transaction.immediate(name, owner, ttlMs);
  }

  async acquire(name: string, owner: string, ttlMs: number): Promise<Lease | null> {
    return this.take(name, owner, ttlMs);
  }

  async release(lease: Pick<Lease, 'name' | 'owner'>): Promise<void> {
    this.db
      .prepare('UPDATE leases SET expires_at = 0 WHERE name = ? AND owner = ?')
      .run(lease.name, lease.owner);
  }

  async current(name: string): Promise<Lease | null> {
    const row = this.select.get(name);
    return row
      ? { name: row.name, owner: row.owner, token: row.token, expiresAt: new Date(row.expires_at) }
      : null;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
