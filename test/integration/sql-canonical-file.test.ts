/**
 * The start-up check and the full verification read a SQLite log's rows as the canonical text
 * SQLite builds of them (`SQL_CANONICAL_ENVELOPE`). On a file whose streams JSON must escape (a
 * quote, an accent), they find what hashing the rows as JavaScript reads them finds: nothing on
 * an intact log, the same mismatch on a changed row.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { hashEnvelope } from '../../src/eventstore/integrity';
import type { EventMetadata, JsonObject, NewEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { columnsOf, hashBatch, hashOfRow, type LogRow } from '../../src/integrity/batch-hashing';
import { SqliteLogRows } from '../../src/integrity/sqlite-log';
import { checkRange } from '../../src/integrity/startup-check';

const STREAMS = ['plan-73001-2024', 'plan-73002-2024', 'plan-73003-2024'];
/**
 * What the second stream becomes, its chain rehashed: a name the log's appends refuse, but that
 * another writer of the file could leave (the checks do not validate names, they hash them).
 */
const ODD_STREAM = 'año "especial" \\ 2024';

const note = (n: number): NewEvent => ({
  type: 'NotaRegistrada',
  data: { n, texto: `señal ${n} — “comillas” y \u0007 control` },
  metadata: {
    actor: { id: 'u', name: 'Ñusta Peña', role: 'ADMIN', entity: 'x' },
    correlationId: `c-${n}`,
    schemaVersion: 1,
  },
});

let dir: string;
let path: string;
const EVENTS = STREAMS.length * 8;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bitacora-sql-canonical-'));
  path = join(dir, 'log.db');
  const events = new SqliteEventStore({ path });
  for (let revision = 0; revision < 8; revision++) {
    for (const stream of STREAMS) {
      await events.append(stream, [note(revision)], {
        expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
      });
    }
  }
  await events.close();
  const db = new Database(path);
  db.exec('DROP TRIGGER IF EXISTS events_no_update');
  const rows = db
    .prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision')
    .all(STREAMS[1]) as Array<{
    position: number;
    id: string;
    type: string;
    revision: number;
    data: string;
    metadata: string;
  }>;
  let prevHash: string | null = null;
  for (const row of rows) {
    const hash = hashEnvelope({
      id: row.id,
      type: row.type,
      stream: ODD_STREAM,
      revision: row.revision,
      prevHash,
      data: JSON.parse(row.data) as JsonObject,
      metadata: JSON.parse(row.metadata) as EventMetadata,
    });
    db.prepare('UPDATE events SET stream = ?, prev_hash = ?, hash = ? WHERE position = ?').run(
      ODD_STREAM,
      prevHash,
      hash,
      row.position,
    );
    prevHash = hash;
  }
  db.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * The rows read whole (data and metadata as text, no canonical text from SQLite), their batch
 * hashed; and the hashes the monitor's reader recomputes, with how many payloads it read.
 */
function hashedFromRows(count = EVENTS) {
  const reader = new SqliteLogRows(path);
  try {
    const read = reader.rowsAfter(null, count);
    const monitorHashes = read.map((row) => hashOfRow(row));
    const payloadsRead = reader.payloadsRead;
    const rows: LogRow[] = read.map((row) => ({
      position: row.position,
      id: row.id,
      stream: row.stream,
      revision: row.revision,
      type: row.type,
      data: row.data,
      metadata: row.metadata,
      recordedAt: row.recordedAt,
      prevHash: row.prevHash,
      hash: row.hash,
    }));
    const wholeHashes = rows.map((row) => hashOfRow(row));
    return {
      rows,
      hashed: hashBatch({ sequence: 0, rows }),
      monitorHashes,
      wholeHashes,
      payloadsRead,
    };
  } finally {
    reader.close();
  }
}

describe('hashing a SQLite log on the canonical text SQLite builds', () => {
  it('passes an intact log with a stream and payloads that JSON escapes', async () => {
    const report = await checkRange({ path, after: 0, through: EVENTS, keptHeads: [] });
    expect(report.checked).toBe(EVENTS);
    expect(report.faults).toEqual([]);

    const fromFile = hashBatch({ sequence: 0, sqlite: { path, after: 0, through: EVENTS } });
    const { rows, hashed: fromRows, monitorHashes, wholeHashes, payloadsRead } = hashedFromRows();
    // The monitor's reader: the stored hashes, reading the payloads of the rows whose stream
    // JSON escapes only (SQLite's text is not their canonical form).
    expect(monitorHashes).toEqual(rows.map((row) => row.hash));
    expect(wholeHashes).toEqual(monitorHashes);
    const escaped = rows.filter((row) => row.stream === ODD_STREAM).length;
    expect(escaped).toBeGreaterThan(0);
    expect(escaped).toBeLessThan(rows.length);
    expect(payloadsRead).toBe(escaped);
    expect(fromFile.mismatches).toEqual([]);
    expect(fromFile.unreadable).toEqual([]);
    expect(Buffer.from(fromFile.leaves)).toEqual(Buffer.from(fromRows.leaves));
    expect(fromFile.envelopes).toEqual(columnsOf(rows));
    expect(fromFile.envelopes!.streams.slice(0, 3)).toEqual([STREAMS[0], ODD_STREAM, STREAMS[2]]);

    // A power of two of rows: the subtree's root too.
    const sixteen = hashBatch({ sequence: 1, sqlite: { path, after: 0, through: 16 } });
    expect(sixteen.subtreeRoot).not.toBeNull();
    expect(sixteen.subtreeRoot).toEqual(hashedFromRows(16).hashed.subtreeRoot);
  });

  it('finds a changed payload in a row whose stream JSON escapes, as the rows read whole do', async () => {
    const db = new Database(path);
    db.exec('DROP TRIGGER IF EXISTS events_no_update');
    const position = 2; // the first event of 'año "especial" \ 2024'
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
      '{"n":0,"texto":"otra cosa"}',
      position,
    );
    db.close();

    const report = await checkRange({ path, after: 0, through: EVENTS, keptHeads: [] });
    expect(report.faults.map((f) => [f.kind, f.position])).toEqual([['hash', position]]);

    const fromFile = hashBatch({ sequence: 0, sqlite: { path, after: 0, through: EVENTS } });
    const { rows, hashed: fromRows, monitorHashes, wholeHashes, payloadsRead } = hashedFromRows();
    // The monitor's reader finds it as the rows read whole do.
    expect(payloadsRead).toBe(rows.filter((row) => row.stream === ODD_STREAM).length);
    expect(monitorHashes).toEqual(wholeHashes);
    expect(monitorHashes[position - 1]).toBe(fromRows.mismatches[0]!.recomputed);
    expect(fromFile.mismatches).toHaveLength(1);
    expect(fromFile.mismatches).toEqual(fromRows.mismatches);
    expect(fromFile.mismatches[0]!.index).toBe(position - 1);
  });
});
