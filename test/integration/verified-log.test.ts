/**
 * The log file recorded verified at a stop (`verified-log.ts`): a restart on the same bytes skips
 * recomputing each event's hash; any other file, a write-ahead log with frames, or a record not
 * signed with the seal key sends the start-up check through the rows.
 */
import { generateKeyPairSync } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { CompactSign } from 'jose';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { IntegrityMonitor } from '../../src/integrity/monitor';
import { loadSealKey, type SealKey } from '../../src/integrity/seals';
import {
  matchVerifiedLog,
  recordVerifiedLog,
  START_UP_CHECK_VERSION,
  verifiedLogPath,
  type HashingOptions,
  type VerifiedLogFile,
} from '../../src/integrity/verified-log';
import { EmbeddedReadStore } from '../../src/readstore/embedded';
import { newEvent } from '../support/events';

const note = (n: number) => newEvent('NotaRegistrada', { n, texto: `nota ${n}` });

let dir: string;
let key: SealKey;
let otherKey: SealKey;
let serial = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bitacora-verified-log-'));
  const keyAt = (name: string) =>
    loadSealKey({
      sealPrivateKey: null,
      sealPrivateKeyFile: null,
      developmentKeyPath: join(dir, name),
      production: false,
    });
  key = await keyAt('seal.pem');
  otherKey = await keyAt('other.pem');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A closed log of 2 streams × 10 events (positions 1..20). */
async function log(): Promise<string> {
  const path = join(dir, `log-${serial++}.db`);
  const events = new SqliteEventStore({ path });
  for (let revision = 0; revision < 10; revision++) {
    for (const stream of ['a', 'b']) {
      await events.append(stream, [note(revision)], {
        expectedRevision: revision === 0 ? 'no_stream' : revision - 1,
      });
    }
  }
  await events.close();
  return path;
}

/** The file recorded at a stop, the log's store open as `npm start` leaves it then. */
async function record(
  path: string,
  through = 20,
  signedWith = key,
  options: HashingOptions = {},
): Promise<VerifiedLogFile | null> {
  const store = new SqliteEventStore({ path });
  try {
    const outcome = await recordVerifiedLog(path, through, signedWith, store, options);
    return 'recorded' in outcome ? outcome.recorded : null;
  } finally {
    await store.close();
  }
}

/** One event's data changed in place, its hash left as it was. */
function changePayload(db: Database.Database): void {
  db.exec('DROP TRIGGER IF EXISTS events_no_update');
  db.prepare(`UPDATE events SET data = replace(data, 'nota 3', 'nota 8') WHERE position = 7`).run();
}

/** `changePayload` left in the write-ahead log (its writer open, never checkpointed) during `check`. */
async function withChangeInWal(path: string, check: () => Promise<void>): Promise<void> {
  const writer = new Database(path);
  writer.pragma('wal_autocheckpoint = 0');
  changePayload(writer);
  try {
    await check();
  } finally {
    writer.close();
  }
}

describe('the log file recorded verified', () => {
  it('matches the same bytes, hashed here or in two threads', async () => {
    const path = await log();
    // Given the file recorded at a stop, verified through its head
    const recorded = await record(path);
    expect(recorded).toMatchObject({
      through: 20,
      parts: [expect.stringMatching(/^[0-9a-f]{64}$/)],
    });
    expect(existsSync(verifiedLogPath(path))).toBe(true);
    // Then a start on the same file finds it so
    expect(await matchVerifiedLog(path, 20, key, [])).toEqual({ matches: true, threads: 0 });
    // And so in parts, each hashed by a thread of its own
    expect(await record(path, 20, key, { threadsFrom: 0, parts: 2 })).toMatchObject({
      parts: [expect.any(String), expect.any(String)],
    });
    expect(await matchVerifiedLog(path, 20, key, [], { threadsFrom: 0 })).toEqual({
      matches: true,
      threads: 2,
    });
  });

  it('does not match once an event was changed, nor after an append', async () => {
    const path = await log();
    await record(path);
    // When one payload is changed while the server is stopped (the hash left as it was)
    const db = new Database(path);
    changePayload(db);
    db.close();
    // Then the file is not the one recorded
    expect(await matchVerifiedLog(path, 20, key, [])).toEqual({
      matches: false,
      reason: 'el contenido del archivo cambió',
    });
    // And a log that grew is not either, by its head, before any hashing
    const events = new SqliteEventStore({ path });
    await events.append('a', [note(10)], { expectedRevision: 9 });
    await events.close();
    expect(await matchVerifiedLog(path, 21, key, [])).toEqual({
      matches: false,
      reason: 'registrado hasta 20, la bitácora llega a 21',
    });
  });

  it('is not taken for the file while the write-ahead log holds frames: SQLite serves those', async () => {
    const path = await log();
    await record(path);
    // Given a change left in the write-ahead log, the database file's bytes untouched
    const before = readFileSync(path);
    await withChangeInWal(path, async () => {
      expect(readFileSync(path).equals(before)).toBe(true);
      // Then the record does not vouch for what SQLite would serve
      expect(await matchVerifiedLog(path, 20, key, [])).toEqual({
        matches: false,
        reason: 'el registro de escritura anticipada (-wal) no está vacío',
      });
    });
  });

  it('refuses a record not signed with the seal key over exactly what it states', async () => {
    const path = await log();
    expect(await matchVerifiedLog(path, 20, key, [])).toEqual({
      matches: false,
      reason: 'no hay registro legible del archivo verificado',
    });
    await record(path);
    const stated = JSON.parse(readFileSync(verifiedLogPath(path), 'utf8')) as {
      through: number;
      parts: string[];
    };
    // A record edited to state other bytes
    writeFileSync(
      verifiedLogPath(path),
      JSON.stringify({ ...stated, parts: stated.parts.map(() => '0'.repeat(64)) }),
    );
    expect(await matchVerifiedLog(path, 20, key, [])).toEqual({
      matches: false,
      reason: 'la firma no es de lo que dice',
    });
    // A record signed with another key
    await record(path, 20, otherKey);
    expect(await matchVerifiedLog(path, 20, key, [])).toEqual({
      matches: false,
      reason: 'firmado con otra clave',
    });
    // A signature by another key under this key's name
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await record(path, 20, { ...key, privateKey, publicKey });
    expect(await matchVerifiedLog(path, 20, key, [])).toEqual({
      matches: false,
      reason: 'firma inválida',
    });
  });

  it('is not recorded when the log reaches past what was verified', async () => {
    const path = await log();
    expect(await record(path, 19)).toBeNull();
    expect(existsSync(verifiedLogPath(path))).toBe(false);
  });

  it('is not recorded when another connection wrote to the log while the store had it open', async () => {
    // Given the server's store open, and a change made in place by another program meanwhile
    const path = await log();
    const store = new SqliteEventStore({ path });
    const other = new Database(path);
    changePayload(other);
    other.close();
    // Then its stop records nothing: the monitor checked events as they arrived, not this
    expect(store.writtenElsewhere()).toBe(true);
    expect(await recordVerifiedLog(path, 20, key, store)).toEqual({
      reason: 'otra conexión escribió en la bitácora',
    });
    expect(existsSync(verifiedLogPath(path))).toBe(false);
    await store.close();
    // And a store that only appended records its file
    const appending = new SqliteEventStore({ path });
    await appending.append('a', [note(10)], { expectedRevision: 9 });
    expect(appending.writtenElsewhere()).toBe(false);
    expect(await recordVerifiedLog(path, 21, key, appending)).toMatchObject({
      recorded: { check: START_UP_CHECK_VERSION, through: 21 },
    });
    await appending.close();
  });

  it('is not recorded over another file moved to the log’s name while the store had it open', async () => {
    const path = await log();
    const store = new SqliteEventStore({ path });
    // A copy (changed or not) put in the log's place: the store still writes the file it opened
    copyFileSync(path, `${path}.copy`);
    renameSync(`${path}.copy`, path);
    expect(await recordVerifiedLog(path, 20, key, store)).toEqual({
      reason: 'el archivo de la bitácora fue reemplazado',
    });
    await store.close();
  });

  it('is not recorded while a reader keeps the write-ahead log from being emptied', async () => {
    const path = await log();
    const store = new SqliteEventStore({ path });
    await store.append('a', [note(10)], { expectedRevision: 9 });
    // A reader in a transaction on a snapshot that reads the write-ahead log's frames
    const reader = new Database(path, { readonly: true });
    reader.exec('BEGIN');
    reader.prepare('SELECT count(*) FROM events').get();
    try {
      expect(await recordVerifiedLog(path, 21, key, store)).toEqual({
        reason: 'no se pudo vaciar el registro -wal',
      });
    } finally {
      reader.exec('COMMIT');
      reader.close();
    }
    expect(await recordVerifiedLog(path, 21, key, store)).toMatchObject({ recorded: {} });
    await store.close();
  });

  it('is not taken when recorded by another version of the start-up check', async () => {
    const path = await log();
    const recorded = (await record(path))!;
    // The same file, signed with the seal key, as checked by an earlier version
    const earlier = { ...recorded, check: START_UP_CHECK_VERSION - 1 };
    const jws = await new CompactSign(new TextEncoder().encode(canonicalize(earlier)!))
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'bitacora-log-file+json' })
      .sign(key.privateKey);
    writeFileSync(verifiedLogPath(path), JSON.stringify({ ...earlier, kid: key.kid, jws }));
    expect(await matchVerifiedLog(path, 20, key, [])).toEqual({
      matches: false,
      reason: `verificado con otra versión (${START_UP_CHECK_VERSION - 1})`,
    });
  });

  it('follows a link to the log: the write-ahead log SQLite reads is the one beside the file', async () => {
    // Given the log opened through a symbolic link, recorded so
    const real = await log();
    const link = join(dir, `link-${serial++}.db`);
    symlinkSync(real, link);
    await record(link);
    expect(await matchVerifiedLog(link, 20, key, [])).toMatchObject({ matches: true });
    // When a change is left in the write-ahead log beside the real file
    await withChangeInWal(link, async () => {
      expect(existsSync(`${real}-wal`)).toBe(true);
      expect(existsSync(`${link}-wal`)).toBe(false);
      // Then the record is not taken for what SQLite serves
      expect(await matchVerifiedLog(link, 20, key, [])).toEqual({
        matches: false,
        reason: 'el registro de escritura anticipada (-wal) no está vacío',
      });
    });
  });

  it('is not taken for a file without the stream heads verified before the stop', async () => {
    const path = await log();
    await record(path);
    const db = new Database(path, { readonly: true });
    const last = db
      .prepare(`SELECT stream, revision, hash, position FROM events WHERE position = 20`)
      .get() as { stream: string; revision: number; hash: string; position: number };
    db.close();
    expect(await matchVerifiedLog(path, 20, key, [last])).toMatchObject({ matches: true });
    // A head verified beyond the file (the file restored from before it): not this file
    const later = { ...last, revision: last.revision + 1, position: 22 };
    expect(await matchVerifiedLog(path, 20, key, [later])).toEqual({
      matches: false,
      reason: `${last.stream}@${later.revision}, verificado antes de detenerse, no está como se verificó`,
    });
    // A head verified with another hash at its place: not this file either
    const other = { ...last, hash: '0'.repeat(64) };
    expect(await matchVerifiedLog(path, 20, key, [other])).toMatchObject({ matches: false });
  });
});

describe('the start-up check on the file recorded verified', () => {
  /** A monitor on the SQLite log whose start-up check may use the record. */
  const monitorOn = (path: string, events: SqliteEventStore, store: EmbeddedReadStore) =>
    new IntegrityMonitor(events, store, {
      sqlitePath: path,
      fullCheckHours: 0,
      verifiedLog: (target, kept) => matchVerifiedLog(path, target, key, kept),
    });

  it('passes by the file after a stop that recorded it, and by the rows once it changed', async () => {
    const path = await log();
    const store = new EmbeddedReadStore();
    // Given a first start (nothing recorded: every row checked), current to the head, stopped
    let events = new SqliteEventStore({ path });
    let monitor = monitorOn(path, events, store);
    await monitor.start();
    await monitor.startupChecked(30_000);
    await monitor.waitFor();
    expect(monitor.status().startupCheck).toMatchObject({ state: 'passed', method: 'rows' });
    await monitor.stop();
    expect(
      await recordVerifiedLog(path, monitor.status().verifiedThroughPosition!, key, events),
    ).toMatchObject({ recorded: { through: 20 } });
    await events.close();

    // When it starts again on the same file
    events = new SqliteEventStore({ path });
    monitor = monitorOn(path, events, store);
    await monitor.start();
    await monitor.startupChecked(30_000);
    // Then the check passes by the file, covering every event
    expect(monitor.status().startupCheck).toMatchObject({
      state: 'passed',
      method: 'file',
      total: 20,
      checked: 20,
    });
    await monitor.stop();
    await events.close();

    // And once a payload was changed while stopped, the rows are read and the event named
    const db = new Database(path);
    changePayload(db);
    db.close();
    events = new SqliteEventStore({ path });
    monitor = monitorOn(path, events, store);
    await monitor.start();
    await monitor.startupChecked(30_000);
    expect(monitor.status().startupCheck).toMatchObject({ state: 'failed', method: 'rows' });
    expect(monitor.status().faults).toContainEqual(
      expect.objectContaining({ kind: 'hash', position: 7 }),
    );
    await monitor.stop();
    await events.close();
  }, 60_000);
});
