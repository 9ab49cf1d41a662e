/**
 * The start-up check on small SQLite logs: split by position into ranges (worker threads, or the
 * ranges checked here and stitched), each fault named by stream, revision, position and event id.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashEnvelope } from '../../src/eventstore/integrity';
import type { EventMetadata, NewEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { integrityNotReady } from '../../src/http/integrity';
import { IntegrityMonitor } from '../../src/integrity/monitor';
import type { IntegrityServices } from '../../src/integrity/service';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import {
  blockDigest,
  checkRange,
  startupCheck,
  stitch,
  type KeptHead,
} from '../../src/integrity/startup-check';

const note = (n: number): NewEvent => ({
  type: 'NotaRegistrada',
  data: { n, texto: `nota ${n}` },
  metadata: {
    actor: { id: 'u', name: 'U', role: 'ADMIN', entity: 'x' },
    correlationId: `c-${n}`,
    schemaVersion: 1,
  },
});

interface Row {
  position: number;
  id: string;
  type: string;
  data: string;
  metadata: string;
  stream: string;
  revision: number;
  prev_hash: string | null;
  hash: string;
}

let dir: string;
let serial = 0;

/** A log of 3 streams × 10 events, interleaved (positions 1..30), writable for tampering. */
async function log(): Promise<{ path: string; db: Database.Database; heads: KeptHead[] }> {
  const path = join(dir, `log-${serial++}.db`);
  const events = new SqliteEventStore({ path });
  for (let revision = 0; revision < 10; revision++) {
    for (const stream of ['a', 'b', 'c']) {
      await events.append(stream, [note(revision)], {
        expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
      });
    }
  }
  await events.close();
  const db = new Database(path);
  db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
  const heads = (
    db.prepare('SELECT * FROM events WHERE revision = 9 ORDER BY position').all() as Row[]
  ).map((r) => ({ stream: r.stream, revision: r.revision, hash: r.hash, position: r.position }));
  return { path, db, heads };
}

const row = (db: Database.Database, stream: string, revision: number) =>
  db.prepare('SELECT * FROM events WHERE stream = ? AND revision = ?').get(stream, revision) as Row;

/** Rewrites one event's data and recomputes its hash (and nothing after it). */
function rewrite(db: Database.Database, target: Row, data: string, prevHash = target.prev_hash) {
  const hash = hashEnvelope({
    id: target.id,
    type: target.type,
    data: JSON.parse(data) as Record<string, number>,
    metadata: JSON.parse(target.metadata) as EventMetadata,
    stream: target.stream,
    revision: target.revision,
    prevHash,
  });
  db.prepare('UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?').run(
    data,
    prevHash,
    hash,
    target.position,
  );
  return hash;
}

/** Two ranges checked here, split at position 15, and stitched. */
async function inTwo(path: string, heads: KeptHead[] = []) {
  const first = await checkRange({ path, after: 0, through: 15, keptHeads: heads });
  const second = await checkRange({ path, after: 15, through: 30, keptHeads: heads });
  return stitch([first, second], heads);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'bitacora-startup-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the start-up check', () => {
  it('passes an intact log on two worker threads, reporting its progress', async () => {
    const { path, db, heads } = await log();
    db.close();
    const progress: number[] = [];
    const result = await startupCheck(path, 30, heads, {
      workers: 2,
      inlineUpTo: 0,
      // Ranges start at a block's start: blocks of 4 split 30 events at 12.
      block: 4,
      onProgress: (checked) => progress.push(checked),
    });
    expect(result).toMatchObject({ checked: 30, faults: [], workers: 2, complete: true });
    expect(Math.max(...progress)).toBe(30);
  }, 60_000);

  it('gives each block’s digest of the stored hashes, the same from one range as from two', async () => {
    const { path, db, heads } = await log();
    const hashes = (db.prepare('SELECT hash FROM events ORDER BY position').all() as Row[]).map(
      (r) => r.hash,
    );
    db.close();
    const split = await startupCheck(path, 30, heads, {
      workers: 2,
      inlineUpTo: 0,
      block: 4,
      digest: true,
    });
    const inline = await startupCheck(path, 30, heads, { block: 4, digest: true });
    // A restart's check (no catch-up far behind to hand them to) computes none.
    expect((await startupCheck(path, 30, heads, { block: 4 })).digests).toEqual([]);
    // Blocks (0,4], (4,8], ... (28,30]: the last ends where the check does.
    const expected = Array.from({ length: 8 }, (_, k) =>
      blockDigest(hashes.slice(k * 4, k * 4 + 4)),
    );
    expect(split).toMatchObject({ complete: true, block: 4, digests: expected });
    expect(inline).toMatchObject({ complete: true, block: 4, digests: expected });
    expect(blockDigest(hashes.slice(0, 4))).not.toBe(blockDigest(hashes.slice(1, 5)));
    // Where each hash ends is part of what it binds.
    expect(blockDigest(['ab', 'c'])).not.toBe(blockDigest(['a', 'bc']));
  }, 60_000);

  it('on worker threads, names a changed payload (hash not recomputed)', async () => {
    const { path, db, heads } = await log();
    const target = row(db, 'b', 7);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
      target.data.replace('"n":7', '"n":8'),
      target.position,
    );
    db.close();
    const result = await startupCheck(path, 30, heads, { workers: 2, inlineUpTo: 0, block: 4 });
    expect(result.faults).toEqual([
      expect.objectContaining({
        kind: 'hash',
        stream: 'b',
        revision: 7,
        position: target.position,
        eventId: target.id,
        found: target.hash,
      }),
    ]);
  }, 60_000);

  it('finds a chain broken across the ranges: the stream’s first event in the second range', async () => {
    const { path, db } = await log();
    // Position 17 is c@5 (interleaved a, b, c): its prevHash no longer names c@4, its hash redone.
    const target = row(db, 'c', 5);
    expect(target.position).toBeGreaterThan(15);
    const newHash = rewrite(db, target, target.data, 'f'.repeat(64));
    // c@6 still names the old hash: broken there too, inside the second range.
    db.close();
    const faults = await inTwo(path);
    expect(faults).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'link', stream: 'c', revision: 5, eventId: target.id }),
        expect.objectContaining({ kind: 'link', stream: 'c', revision: 6, found: target.hash }),
      ]),
    );
    expect(faults.find((f) => f.revision === 6)?.expected).toBe(newHash);
  });

  it('finds a deleted event: the gap in positions and the stream’s missing revision', async () => {
    const { path, db } = await log();
    const gone = row(db, 'a', 2);
    db.prepare('DELETE FROM events WHERE position = ?').run(gone.position);
    db.close();
    const faults = await inTwo(path);
    expect(faults).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'position', position: gone.position }),
        expect.objectContaining({ kind: 'revision', stream: 'a', revision: 3, expected: 2 }),
      ]),
    );
  });

  it('catches a tail rewritten with its hash recomputed, and a truncated stream, by the heads verified before', async () => {
    const { path, db, heads } = await log();
    const last = row(db, 'a', 9);
    rewrite(db, last, '{"n":900,"texto":"nota 9"}');
    const truncated = row(db, 'b', 9);
    db.prepare('DELETE FROM events WHERE position = ?').run(truncated.position);
    db.close();
    const faults = await inTwo(path, heads);
    expect(faults).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'stream-head',
          stream: 'a',
          revision: 9,
          eventId: last.id,
        }),
        expect.objectContaining({
          kind: 'missing',
          stream: 'b',
          revision: 9,
          position: truncated.position,
        }),
      ]),
    );
    // The rewritten event's own hash and its link are consistent: only the kept head tells.
    expect(faults.filter((f) => f.stream === 'a')).toHaveLength(1);
  });

  it('holds /readyz at 503 "verificando" with its progress until it has passed', async () => {
    const { path, db } = await log();
    db.close();
    const events = new SqliteEventStore({ path });
    const monitor = new IntegrityMonitor(events, new EmbeddedReadStore(), {
      sqlitePath: path,
      fullCheckHours: 0,
      startupInlineUpTo: 0,
      startupWorkers: 2,
    });
    const services = { integrity: { monitor } as unknown as IntegrityServices };
    await monitor.start();
    // The worker threads take a moment to start: the check is under way.
    expect(integrityNotReady(services)).toMatchObject({
      status: 'verificando',
      startupCheck: { state: 'running', total: 30 },
    });
    await monitor.startupChecked(30_000);
    expect(integrityNotReady(services)).toBeNull();
    expect(monitor.status().startupCheck).toMatchObject({
      state: 'passed',
      checked: 30,
      workers: 2,
    });
    await monitor.stop();
    await events.close();
  }, 60_000);
  it('waits, /readyz saying what for, until it may start (after a catch-up taking every core), then passes', async () => {
    // Given a monitor whose start-up check may start only when a gate opens
    const { path, db } = await log();
    db.close();
    const events = new SqliteEventStore({ path });
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const monitor = new IntegrityMonitor(events, new EmbeddedReadStore(), {
      sqlitePath: path,
      fullCheckHours: 0,
      startupAfter: () => gate,
    });
    const services = { integrity: { monitor } as unknown as IntegrityServices };
    // When it starts, and the read models have not caught up yet
    await monitor.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Then nothing is checked yet and the record is not ready, with the reason
    expect(integrityNotReady(services)).toMatchObject({
      status: 'verificando',
      message: expect.stringMatching(/empieza cuando los modelos de lectura estén al día/),
      startupCheck: { state: 'pending', total: 30, checked: 0 },
    });
    await expect(monitor.startupChecked(100)).rejects.toThrow(/se está verificando/);
    expect(await monitor.startupBegun(50)).toBe(false);
    // And once the gate opens, the check runs and passes
    open();
    expect(await monitor.startupBegun(30_000)).toBe(true);
    expect(monitor.status().startupCheck.state).not.toBe('pending');
    await monitor.startupChecked(30_000);
    expect(integrityNotReady(services)).toBeNull();
    expect(monitor.status().startupCheck).toMatchObject({ state: 'passed', checked: 30 });
    await monitor.stop();
    await events.close();
  }, 60_000);

  it('stops while waiting for its gate without checking anything', async () => {
    // Given a monitor whose gate never opens
    const { path, db } = await log();
    db.close();
    const events = new SqliteEventStore({ path });
    const monitor = new IntegrityMonitor(events, new EmbeddedReadStore(), {
      sqlitePath: path,
      fullCheckHours: 0,
      startupAfter: () => new Promise<void>(() => {}),
    });
    await monitor.start();
    // When it is stopped, then it stops, its check never having run
    await monitor.stop();
    expect(monitor.status().startupCheck).toMatchObject({ state: 'pending', checked: 0 });
    await events.close();
  });
});
