/**
 * The log file as this server left it verified, kept beside it (`<log>.verified`): when the server
 * stops with every event of the SQLite log checked (the start-up check passed, the monitor current
 * to the head having checked each event as it arrived, no fault), no other connection having
 * written to the log while it ran (SQLite's `data_version`: a change in place the monitor would
 * not have seen) and its file being still the one it opened (not another moved to its name), it
 * records the file's size and the SHA-256 of its bytes, signed with the seal key. A restart whose
 * log file is still, byte for byte, that file, with the stream heads verified before the stop in
 * it, has nothing new to check: the start-up check hashes the file instead of recomputing each
 * event's hash from its row (national log: 1.0-1.5 s within a restart, against 3.2-5.1 s). Any
 * other file (an event changed, added or removed; a page written by another program) differs in
 * its bytes, and the start-up check then reads every row, which names what changed.
 *
 * What this leaves to the full verification that follows readiness on every start (the Merkle tree
 * against the root kept and the seals, every row hashed again): bytes written into the file under
 * a running server without SQLite (no `data_version` moves), which the stop then records; and a
 * fault that a full verification still running at the stop finds after it. Before, the restart's
 * check of the rows would have found the first before readiness.
 *
 * What makes "byte for byte" mean "the events SQLite serves": the file is hashed inside a read
 * transaction begun on an empty write-ahead log (`<log>-wal` of zero bytes). That reader reads the
 * database file alone, and SQLite copies no page into the file while it reads (a checkpoint waits
 * for it), so the bytes hashed are the events read. A write-ahead log with frames (a crash, a
 * writer still open, a file left there) is never taken for the file: the full check runs.
 *
 * The signature (a JWS, like the seals') means a record written by someone without the seal key
 * is refused: with it, a changed event and a record of the changed file would pass the restart.
 * (Outside production the development key is kept beside the log: there, whoever can write the
 * log can sign a record, and the full verification is what finds the change.)
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, realpathSync, renameSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import type { SqliteEventStore } from '../eventstore/sqlite';
import { SEAL_ALGORITHM, type SealKey } from './seals';
import type { KeptHead } from './startup-check';

const RECORD_TYPE = 'bitacora-log-file+json';

/**
 * What the start-up check verifies, by version: a record of a file verified under other rules (an
 * upgrade that checks more) is not taken, and the rows are read under the new ones.
 */
export const START_UP_CHECK_VERSION = 1;

/** What is signed: the log's head, every event through it verified, and the file's bytes. */
export interface VerifiedLogFile {
  /** `START_UP_CHECK_VERSION` of the checks the events passed. */
  check: number;
  /** The log's last position: the file holds positions 1..through, all verified. */
  through: number;
  size: number;
  /** SHA-256 (hex) of each part: part i is bytes [⌊size·i/n⌋, ⌊size·(i+1)/n⌋) of n parts. */
  parts: string[];
}

/** The file `<log>.verified`: the record and its JWS (whose payload is the record, canonical). */
interface VerifiedLogRecord extends VerifiedLogFile {
  kid: string;
  jws: string;
}

/** Where the record of a log file is kept. */
export const verifiedLogPath = (logPath: string) => `${logPath}.verified`;

/**
 * Bytes of the write-ahead log SQLite reads with the file at `realPath` (0 when there is none).
 * SQLite names it after the file's path with its links resolved, hence `realPath`.
 */
function walBytes(realPath: string): number {
  try {
    return statSync(`${realPath}-wal`).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** How a file is hashed: below `threadsFrom` bytes in one part, on the calling thread. */
export interface HashingOptions {
  /** Parts, each hashed by a thread of its own (default 2: this machine's cores). */
  parts?: number;
  threadsFrom?: number;
}

const HASHING = { parts: 2, threadsFrom: 64 * 1024 * 1024 };

/**
 * The hashing thread: plain JavaScript on Node's own modules, so that it starts without the
 * TypeScript loader the other threads register (0.2-0.45 s each under `npm start`).
 */
const HASH_THREAD = `
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { path, start, end } = workerData;
const hash = createHash('sha256');
const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
const fd = openSync(path, 'r');
try {
  for (let at = start; at < end; ) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
    if (read === 0) throw new Error('el archivo se acortó mientras se leía');
    hash.update(buffer.subarray(0, read));
    at += read;
  }
} finally {
  closeSync(fd);
}
parentPort.postMessage(hash.digest('hex'));
`;

function hashPartInThread(path: string, start: number, end: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Without the process's `--import tsx` (npm start), which each thread would load first.
    const worker = new Worker(HASH_THREAD, {
      eval: true,
      workerData: { path, start, end },
      execArgv: [],
    });
    let digest: string | null = null;
    worker.on('message', (message: string) => (digest = message));
    worker.on('error', reject);
    worker.on('exit', (code) =>
      digest !== null
        ? resolve(digest)
        : reject(new Error(`el hilo que calcula el hash del archivo terminó con código ${code}`)),
    );
  });
}

async function hashPartHere(path: string, start: number, end: number): Promise<string> {
  const hash = createHash('sha256');
  if (end > start) {
    for await (const chunk of createReadStream(path, { start, end: end - 1 })) {
      hash.update(chunk as Buffer);
    }
  }
  return hash.digest('hex');
}

/** The SHA-256 of each of `count` parts of the file's first `size` bytes. */
function hashFileParts(
  path: string,
  size: number,
  count: number,
  inThreads: boolean,
): Promise<string[]> {
  const boundary = (i: number) => Math.floor((size * i) / count);
  return Promise.all(
    Array.from({ length: count }, (_, i) =>
      (inThreads ? hashPartInThread : hashPartHere)(path, boundary(i), boundary(i + 1)),
    ),
  );
}

/**
 * Runs `hashing` on a read-only connection to the file at `realPath`, inside a read transaction
 * begun on an empty write-ahead log (see the module comment), with the log's head at that moment;
 * null when the write-ahead log holds frames or the log has no events.
 */
async function withFileAsRead<T>(
  realPath: string,
  hashing: (head: number, db: Database.Database) => Promise<T>,
): Promise<T | null> {
  const db = new Database(realPath, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
    try {
      // The first read begins the transaction's snapshot; the log's emptiness is checked after
      // it (frames written since are not the snapshot's, and none is copied into the file
      // meanwhile).
      const head = db.prepare('SELECT max(position) FROM events').pluck().get() as number | null;
      if (head === null || walBytes(realPath) > 0) return null;
      return await hashing(head, db);
    } finally {
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
}

/** What only the log store's own connection can tell or do (`SqliteEventStore`). */
export type LogConnection = Pick<
  SqliteEventStore,
  'writtenElsewhere' | 'emptyWriteAheadLog' | 'openedFile'
>;

/** Why a stop records no file: what was written, or why not. */
export type RecordOutcome = { recorded: VerifiedLogFile } | { reason: string };

/**
 * At a stop, with every event through `through` verified and the log's store still open (`log`,
 * nothing else reading the log): the write-ahead log emptied into the file, the file hashed and the
 * signed record written beside it. Null, nothing written, when another connection wrote to the log
 * while this process had it open (an append the monitor checked, or a change in place it did not
 * see), when the log's head is not `through`, or when the write-ahead log could not be emptied.
 * An earlier record is left then: it matches only the bytes it names, which were verified.
 */
export async function recordVerifiedLog(
  logPath: string,
  through: number,
  key: SealKey,
  log: LogConnection,
  options: HashingOptions = {},
): Promise<RecordOutcome> {
  const { parts, threadsFrom } = { ...HASHING, ...options };
  if (log.writtenElsewhere()) return { reason: 'otra conexión escribió en la bitácora' };
  // On the store's own connection: a checkpoint there does not move its `data_version`.
  if (!log.emptyWriteAheadLog()) return { reason: 'no se pudo vaciar el registro -wal' };
  const realPath = realpathSync(logPath);
  const opened = log.openedFile();
  const named = statSync(realPath);
  // The file the store wrote, not another one moved to its name meanwhile.
  if (named.dev !== opened.dev || named.ino !== opened.ino) {
    return { reason: 'el archivo de la bitácora fue reemplazado' };
  }
  const outcome = await withFileAsRead(realPath, async (head): Promise<RecordOutcome> => {
    if (head !== through)
      return { reason: `la bitácora llega a ${head}, verificada hasta ${through}` };
    const size = statSync(realPath).size;
    const inThreads = size >= threadsFrom;
    const digests = await hashFileParts(realPath, size, inThreads ? parts : 1, inThreads);
    // Asked again once hashed: a commit by another connection until now could be in the bytes.
    if (log.writtenElsewhere()) return { reason: 'otra conexión escribió en la bitácora' };
    return { recorded: { check: START_UP_CHECK_VERSION, through, size, parts: digests } };
  });
  if (outcome === null) return { reason: 'el registro -wal no quedó vacío' };
  if (!('recorded' in outcome)) return outcome;
  const file = outcome.recorded;
  const jws = await new CompactSign(new TextEncoder().encode(canonicalize(file)!))
    .setProtectedHeader({ alg: SEAL_ALGORITHM, kid: key.kid, typ: RECORD_TYPE })
    .sign(key.privateKey);
  const record: VerifiedLogRecord = { ...file, kid: key.kid, jws };
  // Written whole or not at all: a stop cut short leaves the earlier record, or none.
  const temporary = `${verifiedLogPath(logPath)}.tmp`;
  await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, verifiedLogPath(logPath));
  return outcome;
}

/** Whether a restart's log is the file recorded verified, or why not. */
export type VerifiedLogVerdict =
  | { matches: true; /** Threads that hashed the file (0: the calling thread). */ threads: number }
  | { matches: false; reason: string };

/** The record's fields, when its signature is the seal key's over exactly them. */
async function signedRecord(
  logPath: string,
  key: Pick<SealKey, 'kid' | 'publicKey'>,
): Promise<VerifiedLogFile | string> {
  let record: VerifiedLogRecord;
  try {
    record = JSON.parse(readFileSync(verifiedLogPath(logPath), 'utf8')) as VerifiedLogRecord;
  } catch {
    return 'no hay registro legible del archivo verificado';
  }
  try {
    const header = decodeProtectedHeader(record.jws);
    if (header.kid !== key.kid) return 'firmado con otra clave';
    if (header.typ !== RECORD_TYPE) return 'no es un registro del archivo verificado';
    const { payload } = await compactVerify(record.jws, key.publicKey, {
      algorithms: [SEAL_ALGORITHM],
    });
    const signed = JSON.parse(new TextDecoder().decode(payload)) as VerifiedLogFile;
    const stated = {
      check: record.check,
      through: record.through,
      size: record.size,
      parts: record.parts,
    };
    if (canonicalize(signed) !== canonicalize(stated)) return 'la firma no es de lo que dice';
    return signed;
  } catch {
    return 'firma inválida';
  }
}

/**
 * At a start, the log's head being `target`: whether the file is, byte for byte, the one recorded
 * verified with the seal key (see the module comment), and the stream heads this server verified
 * before it stopped (`kept`, in the read store) are in it as verified. A file restored from before
 * them (events acknowledged since, gone) is not taken: the rows' check names what is missing.
 */
export async function matchVerifiedLog(
  logPath: string,
  target: number,
  key: Pick<SealKey, 'kid' | 'publicKey'>,
  kept: readonly KeptHead[],
  options: Pick<HashingOptions, 'threadsFrom'> = {},
): Promise<VerifiedLogVerdict> {
  const { threadsFrom } = { ...HASHING, ...options };
  const recorded = await signedRecord(logPath, key);
  if (typeof recorded === 'string') return { matches: false, reason: recorded };
  if (recorded.check !== START_UP_CHECK_VERSION) {
    return { matches: false, reason: `verificado con otra versión (${recorded.check})` };
  }
  if (recorded.through !== target) {
    return {
      matches: false,
      reason: `registrado hasta ${recorded.through}, la bitácora llega a ${target}`,
    };
  }
  if (recorded.parts.length === 0) return { matches: false, reason: 'el registro no tiene hashes' };
  const realPath = realpathSync(logPath);
  const verdict = await withFileAsRead(realPath, async (head, db): Promise<VerifiedLogVerdict> => {
    if (head !== target) return { matches: false, reason: 'la bitácora cambió al arrancar' };
    const at = db.prepare<[number], { stream: string; revision: number; hash: string }>(
      'SELECT stream, revision, hash FROM events WHERE position = ?',
    );
    for (const verified of kept) {
      const row = at.get(verified.position);
      if (
        row?.stream !== verified.stream ||
        row.revision !== verified.revision ||
        row.hash !== verified.hash
      ) {
        return {
          matches: false,
          reason: `${verified.stream}@${verified.revision}, verificado antes de detenerse, no está como se verificó`,
        };
      }
    }
    const size = statSync(realPath).size;
    if (size !== recorded.size) return { matches: false, reason: 'el archivo cambió de tamaño' };
    const inThreads = size >= threadsFrom;
    const count = recorded.parts.length;
    const parts = await hashFileParts(realPath, size, count, inThreads);
    return parts.every((part, i) => part === recorded.parts[i])
      ? { matches: true, threads: inThreads ? count : 0 }
      : { matches: false, reason: 'el contenido del archivo cambió' };
  });
  return (
    verdict ?? {
      matches: false,
      reason: 'el registro de escritura anticipada (-wal) no está vacío',
    }
  );
}
