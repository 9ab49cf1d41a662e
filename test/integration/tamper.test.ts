/**
 * Tampering with copies of a real log (the demo, sealed): `npm run verify` must fail and name the
 * place of each fault; a chain alone cannot catch a rewrite with every later hash recomputed, a
 * seal held outside can.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import DatabaseDriver from 'better-sqlite3';
import type Database from 'better-sqlite3';
import { generateKeyPair, exportPKCS8 } from 'jose';
import { hashEnvelope } from '../../src/eventstore/integrity';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { eventStorePages } from '../../src/integrity/log-source';
import { verifyLog } from '../../src/integrity/verifier';
import { loadSealKey, signSeal, type SealFile } from '../../src/integrity/seals';
import type { Fault } from '../../src/integrity/verifier';
import { npmRun, root, seedDemoLog, tamperableCopy } from '../support/demo-log';

interface Report {
  ok: boolean;
  faults: Fault[];
  seals: Array<{ semester: string; ok: boolean; origin: string }>;
}

let dir: string;
let logPath: string;
let sealFile: string;
const copies: string[] = [];

function verify(copyDir: string, ...args: string[]): { status: number | null; report: Report } {
  const result = npmRun('verify', ['--json', ...args], copyDir);
  return { status: result.status, report: JSON.parse(result.stdout) as Report };
}

function tamper(name: string, change: (db: Database.Database) => void): string {
  const copy = tamperableCopy(logPath, name);
  copies.push(copy.dir);
  change(copy.db);
  copy.db.close();
  return copy.dir;
}

interface Row {
  position: number;
  id: string;
  stream: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  prev_hash: string | null;
  hash: string;
}
const row = (db: Database.Database, stream: string, revision: number) =>
  db.prepare('SELECT * FROM events WHERE stream = ? AND revision = ?').get(stream, revision) as Row;

/** The issue's example in the demo log: Ibagué's amended ACU-COB-URB goal (total 2749). */
let AMENDED: { revision: number; position: number };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bitacora-tamper-'));
  logPath = await seedDemoLog(dir);
  // Read from the log rather than hard-coded: the demo grows with issues.
  const db = new DatabaseDriver(logPath, { readonly: true });
  AMENDED = db
    .prepare(
      `SELECT revision, position FROM events WHERE stream = 'plan-73001-2024' AND type = 'GoalAmended' AND data LIKE '%"total":2749%'`,
    )
    .get() as { revision: number; position: number };
  db.close();
  sealFile = join(dir, 'sello-2025-1.json');
  const sealed = npmRun('seal', ['--all'], dir);
  expect(sealed.status).toBe(0);
  expect(npmRun('seal', ['--semester', '2025-1', '--out', sealFile], dir).status).toBe(0);
}, 120_000);

afterAll(() => {
  for (const copy of [dir, ...copies]) rmSync(copy, { recursive: true, force: true });
});

const PLAN = 'plan-73001-2024';

describe('npm run verify on tampered copies of the demo log', () => {
  it('passes on the intact log, with every recorded seal and the seal file', () => {
    const { status, report } = verify(dir, '--seal', sealFile);
    expect(status).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.seals.length).toBeGreaterThanOrEqual(5);
    expect(report.seals.every((s) => s.ok)).toBe(true);
  });

  it('shows a progress bar on a terminal, and none when the output is not one', () => {
    // `script` (util-linux) gives the command a pseudo-terminal, as a person at a shell would have.
    const onTerminal = spawnSync('script', ['-qec', 'npm run -s verify', '/dev/null'], {
      cwd: root,
      env: { ...process.env, EVENTSTORE_PATH: logPath, LOG_LEVEL: 'silent' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(onTerminal.stdout).toMatch(/100% \| (\d+)\/\1 eventos \| \d+ eventos\/s/);
    const piped = npmRun('verify', [], dir);
    expect(piped.stdout + piped.stderr).not.toMatch(/eventos\/s/);
    expect(piped.stdout).toMatch(/✓ Bitácora íntegra/);
  });

  it('a flipped byte in a payload (GoalAmended total 2749 → 2740): the event is named', () => {
    const copy = tamper('payload', (db) => {
      db.prepare(
        `UPDATE events SET data = replace(data, '"total":2749', '"total":2740') WHERE stream = ? AND revision = ?`,
      ).run(PLAN, AMENDED.revision);
    });
    const { status, report } = verify(copy);
    expect(status).toBe(1);
    const fault = report.faults.find((f) => f.kind === 'hash')!;
    expect(fault).toMatchObject({ stream: PLAN, ...AMENDED });
    expect(fault.eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fault.expected).not.toBe(fault.found);
    expect(report.faults.filter((f) => f.kind === 'hash')).toHaveLength(1);
  });

  it('reading through the event-store port (as on EventStoreDB) finds the same root and the same fault', async () => {
    const copy = tamper('port', (db) => {
      db.prepare(
        `UPDATE events SET data = replace(data, '"total":2749', '"total":2740') WHERE stream = ? AND revision = ?`,
      ).run(PLAN, AMENDED.revision);
    });
    const fast = verify(copy).report as Report & { rootHash: string };
    const store = new SqliteEventStore({ path: join(copy, 'bitacora.db') });
    const viaPort = await verifyLog({ pages: eventStorePages(store) }, { workers: 0 });
    await store.close();
    expect(viaPort.rootHash).toBe(fast.rootHash);
    expect(viaPort.faults.find((f) => f.kind === 'hash')).toMatchObject({
      stream: PLAN,
      ...AMENDED,
    });
  });

  it('a flipped byte in metadata: the event is named', () => {
    let target!: Row;
    const copy = tamper('metadata', (db) => {
      target = row(db, PLAN, AMENDED.revision);
      db.prepare('UPDATE events SET metadata = ? WHERE position = ?').run(
        target.metadata.replace('"actor"', '"actoR"'),
        target.position,
      );
    });
    const { status, report } = verify(copy);
    expect(status).toBe(1);
    expect(report.faults[0]).toMatchObject({
      kind: 'hash',
      stream: PLAN,
      revision: AMENDED.revision,
      eventId: target.id,
    });
  });

  it('a flipped byte in a stored hash: the event and the broken link after it are named', () => {
    let target!: Row;
    const copy = tamper('hash', (db) => {
      target = row(db, PLAN, 20);
      const flipped = (target.hash[0] === 'a' ? 'b' : 'a') + target.hash.slice(1);
      db.prepare('UPDATE events SET hash = ? WHERE position = ?').run(flipped, target.position);
    });
    const { report } = verify(copy);
    expect(report.faults.find((f) => f.kind === 'hash')).toMatchObject({
      stream: PLAN,
      revision: 20,
      found: expect.stringMatching(/^[ab]/),
      expected: target.hash,
    });
    expect(report.faults.find((f) => f.kind === 'link')).toMatchObject({
      stream: PLAN,
      revision: 21,
      expected: expect.not.stringMatching(target.hash),
      found: target.hash,
    });
  });

  it('a deleted event: the missing positions and the revision gap are named', () => {
    let deleted!: Row;
    const copy = tamper('delete', (db) => {
      deleted = row(db, PLAN, 30);
      db.prepare('DELETE FROM events WHERE position = ?').run(deleted.position);
    });
    const { status, report } = verify(copy);
    expect(status).toBe(1);
    expect(report.faults.find((f) => f.kind === 'position')).toMatchObject({
      expected: deleted.position,
      found: deleted.position + 1,
    });
    expect(report.faults.find((f) => f.kind === 'revision')).toMatchObject({
      stream: PLAN,
      expected: 30,
      found: 31,
    });
  });

  it('a truncated stream tail: the missing positions are named', () => {
    const stream = 'plan-73168-2024';
    let deleted!: Row[];
    const copy = tamper('tail', (db) => {
      deleted = db
        .prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 2')
        .all(stream) as Row[];
      db.prepare('DELETE FROM events WHERE stream = ? AND revision >= ?').run(
        stream,
        deleted[1]!.revision,
      );
    });
    const { status, report } = verify(copy);
    expect(status).toBe(1);
    const gaps = report.faults.filter((f) => f.kind === 'position').map((f) => f.expected);
    expect(gaps).toEqual(expect.arrayContaining(deleted.map((d) => d.position)));
  });

  it('a deleted whole stream: the gap in positions is named', () => {
    // Ibagué's 2024 monitoring inputs, recorded together in April 2025 (contiguous positions).
    const stream = 'monitoring-73001-2024';
    let positions!: number[];
    const copy = tamper('stream', (db) => {
      positions = (
        db
          .prepare('SELECT position FROM events WHERE stream = ? ORDER BY position')
          .all(stream) as Array<{
          position: number;
        }>
      ).map((r) => r.position);
      db.prepare('DELETE FROM events WHERE stream = ?').run(stream);
    });
    const { status, report } = verify(copy);
    expect(status).toBe(1);
    const fault = report.faults.find((f) => f.kind === 'position')!;
    expect(fault).toMatchObject({ expected: positions[0], found: positions.at(-1)! + 1 });
    expect(fault.message).toContain(`${positions[0]}..${positions.at(-1)}`);
  });

  it('two events swapped: the order fault is named', () => {
    const copy = tamper('swap', (db) => {
      const a = row(db, PLAN, 10);
      const b = row(db, PLAN, 11);
      const move = db.prepare(
        'UPDATE events SET id = ?, stream = ?, revision = ?, type = ?, data = ?, metadata = ?, prev_hash = ?, hash = ? WHERE position = ?',
      );
      db.transaction(() => {
        move.run('tmp', 'tmp', 0, a.type, a.data, a.metadata, a.prev_hash, a.hash, a.position);
        move.run(
          a.id,
          a.stream,
          a.revision,
          a.type,
          a.data,
          a.metadata,
          a.prev_hash,
          a.hash,
          b.position,
        );
        move.run(
          b.id,
          b.stream,
          b.revision,
          b.type,
          b.data,
          b.metadata,
          b.prev_hash,
          b.hash,
          a.position,
        );
      })();
    });
    const { status, report } = verify(copy, '--seal', sealFile);
    expect(status).toBe(1);
    expect(report.faults.find((f) => f.kind === 'revision')).toMatchObject({
      stream: PLAN,
      expected: 10,
      found: 11,
    });
  });

  it('an event rewritten with every later hash recomputed: the chain passes, the kept seal fails and names the first differing leaf', () => {
    let rewritten!: Row;
    const copy = tamper('rewrite', (db) => {
      const stream = db
        .prepare('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision')
        .all(PLAN, AMENDED.revision) as Row[];
      let prevHash = stream[0]!.prev_hash;
      const update = db.prepare(
        'UPDATE events SET data = ?, prev_hash = ?, hash = ? WHERE position = ?',
      );
      for (const event of stream) {
        const data = event.data.replace('"total":2749', '"total":2740');
        const hash = hashEnvelope({
          id: event.id,
          type: event.type,
          data: JSON.parse(data),
          metadata: JSON.parse(event.metadata),
          stream: event.stream,
          revision: event.revision,
          prevHash,
        });
        update.run(data, prevHash, hash, event.position);
        prevHash = hash;
      }
      rewritten = stream[0]!;
      // A careful forger also removes the seals recorded in the log (the tail of the log).
      db.prepare("DELETE FROM events WHERE stream = 'seals'").run();
    });
    const chainOnly = verify(copy);
    expect(chainOnly.status).toBe(0);
    expect(chainOnly.report.ok).toBe(true);

    const { status, report } = verify(copy, '--seal', sealFile);
    expect(status).toBe(1);
    expect(report.faults.find((f) => f.kind === 'seal-leaf')).toMatchObject({
      semester: '2025-1',
      stream: PLAN,
      revision: AMENDED.revision,
      position: rewritten.position,
      leafIndex: rewritten.position - 1,
      eventId: rewritten.id,
      expected: rewritten.hash,
    });
    expect(report.faults.some((f) => f.kind === 'seal-root')).toBe(true);
  });

  it('a forged seal: a wrong signature, or a signature by another key, is named', async () => {
    const kept = JSON.parse(readFileSync(sealFile, 'utf8')) as SealFile;
    const wrongRoot = join(dir, 'sello-raiz-cambiada.json');
    writeFileSync(wrongRoot, JSON.stringify({ ...kept, rootHash: '00'.repeat(32) }));
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const otherKey = await loadSealKey({
      sealPrivateKey: await exportPKCS8(privateKey),
      sealPrivateKeyFile: null,
      developmentKeyPath: '',
      production: true,
    });
    const otherSigner = join(dir, 'sello-otra-clave.json');
    writeFileSync(otherSigner, JSON.stringify({ ...kept, ...(await signSeal(otherKey, kept)) }));

    for (const [file, reason] of [
      [wrongRoot, /no coincide/],
      [otherSigner, /clave desconocida/],
    ] as const) {
      const { status, report } = verify(dir, '--seal', file);
      expect(status).toBe(1);
      const fault = report.faults.find((f) => f.kind === 'seal-signature')!;
      expect(fault.semester).toBe('2025-1');
      expect(fault.message).toMatch(reason);
    }
  });
});
