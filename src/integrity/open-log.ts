/**
 * Opens the configured log for verifying and sealing from the shell: EventStoreDB through its
 * port, or the embedded SQLite file read directly (read-only, the fast path).
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Config } from '../config';
import { esdbAdapter } from '../late-modules';
import type { EventStore } from '../eventstore/port';
import { SqliteEventStore } from '../eventstore/sqlite';
import { eventStorePages } from './log-source';
import type { LogInput } from './verifier';

export interface OpenedLog {
  /** "sqlite:<file>" or "eventstoredb". */
  description: string;
  input: LogInput;
  contiguousPositions: boolean;
  count(): Promise<number>;
  /** The port, for the seals stream. */
  events: EventStore;
  /** The stored hashes of the first `size` events, concatenated (32 bytes each). */
  leaves(size: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openLog(config: Config): Promise<OpenedLog> {
  if (config.eventstoreUrl) {
    const events = new (esdbAdapter().EsdbEventStore)({ connectionString: config.eventstoreUrl });
    return {
      description: 'eventstoredb',
      input: { pages: eventStorePages(events) },
      contiguousPositions: false,
      count: () => events.count(),
      events,
      leaves: async (size) => {
        const hashes: Buffer[] = [];
        for await (const event of events.readAll({ maxCount: size })) {
          hashes.push(Buffer.from(event.hash, 'hex'));
        }
        return Buffer.concat(hashes);
      },
      close: () => events.close(),
    };
  }
  const path = config.eventstorePath;
  if (!existsSync(path)) throw new Error(`No existe el registro ${path} (EVENTSTORE_PATH).`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const stats = db.prepare('SELECT MAX(position) AS max, COUNT(*) AS count FROM events').get() as {
    max: number | null;
    count: number;
  };
  const events = new SqliteEventStore({ path });
  return {
    description: `sqlite:${path}`,
    input: { sqlitePath: path, maxPosition: stats.max },
    contiguousPositions: true,
    count: async () => stats.count,
    events,
    leaves: async (size) => {
      const rows = db
        .prepare<[number], { hash: string }>('SELECT hash FROM events ORDER BY position LIMIT ?')
        .all(size);
      return Buffer.concat(rows.map((row) => Buffer.from(row.hash, 'hex')));
    },
    close: async () => {
      db.close();
      await events.close();
    },
  };
}
