/**
 * The start-up check: before the server says ready over an existing SQLite log, every event's
 * hash is recomputed from its row as stored, every stream's chain is followed link by link, the
 * positions are checked to run 1, 2, 3... without a gap, and each stream head this server verified
 * before it stopped must still be in the log with the same hash. A payload changed while the
 * server was stopped (the tamper the read models, already current, would never re-read) fails here,
 * before anyone is served its figures.
 *
 * What it leaves out is the Merkle tree: an event rewritten with every later hash of its stream
 * recomputed passes a chain; the full verification after readiness (the tree against the root this
 * server kept and against the seals) catches it. Leaving it out keeps the check within a restart's
 * budget on the national log (see bench:national).
 *
 * The log is split by position (its rowid) into one range per worker thread; each checks its
 * range, and the main thread stitches the streams that cross ranges.
 *
 * It also hands the integrity monitor what spares it a second pass: a digest of each block's
 * stored hashes (`blockDigest`) and, when the monitor has no tree yet, what it builds one from
 * (`CheckedLog`).
 */
import { hash } from 'node:crypto';
import { cpus } from 'node:os';
import { extname, join } from 'node:path';
import Database from 'better-sqlite3';
import {
  SQL_CANONICAL_ENVELOPE,
  storedCanonicalHash,
  storedEventHash,
} from '../eventstore/integrity';
import { runCatchUpWorker } from '../projector/worker-runner';
import { PAYLOAD_AT, vanished, type LogRow } from './batch-hashing';
import { SEAL_EVENT, SEALS_STREAM } from './seals';
import { semesterKeyOf } from './verifier';
import type { Fault } from './verifier';

/** A stream's head as this server verified it before: the event must still be there, unchanged. */
export interface KeptHead {
  stream: string;
  revision: number;
  hash: string;
  position: number;
}

/** A range (after, through] of positions of the SQLite log to check. */
export interface StartupRange {
  path: string;
  after: number;
  through: number;
  keptHeads: readonly KeptHead[];
  /** Rows read at a time, and the block each digest covers (default `BLOCK`). */
  block?: number;
  /** Also each block's digest (`digests`). */
  digest?: boolean;
  /** Also collect what the range adds to a `CheckedLog` (and the digests). */
  collect?: boolean;
}

/**
 * What a passed start-up check hands the integrity monitor when it has no tree yet, beside its
 * blocks' digests: each stream's last event, where the record time's semester changes, and the
 * seals' rows. The monitor builds its tree, stream heads, semester sizes and seals from them,
 * reading of the log only the hash column (national log: 3.0-3.7 s, against 6.8 s reading and
 * checking the rows). The hashes themselves are not handed over: 32 MB through the serving thread
 * held its event loop 140 ms.
 */
export interface CheckedLog {
  /** Positions 1..through. */
  through: number;
  /** [stream, revision, hash, position] of each stream's last event. */
  heads: Array<[string, number, string, number]>;
  /** [position, semester] where the semester differs from the previous row's (and at 1). */
  semesterStarts: Array<[number, string]>;
  seals: LogRow[];
}

/** A range's share of a `CheckedLog`. */
export interface CollectedRange {
  semesterStarts: Array<[number, string]>;
  seals: LogRow[];
}

/**
 * A stream as a range saw it: [stream, first revision, its prevHash, its position, its event id,
 * last revision, its hash, its position] (arrays: cheaper to pass between threads than objects).
 */
export type StreamSpan = [string, number, string | null, number, string, number, string, number];

export interface RangeReport {
  checked: number;
  faults: Fault[];
  spans: StreamSpan[];
  /** Streams whose kept head was found in this range, unchanged or not (then a fault says so). */
  keptHeadsSeen: string[];
  /** Each block's `blockDigest`, in order: the range starts at a block's start (see `BLOCK`). */
  digests: string[];
  /** When the range was asked to `collect`. */
  collected?: CollectedRange;
}

/** What a worker thread posts: progress after each page, then its report. */
export type StartupMessage =
  { type: 'progress'; checked: number } | { type: 'done'; report: RangeReport };

/** position, id, stream, revision, type, prev_hash, hash, and the canonical text SQLite built. */
/** position, id, stream, revision, type, prev_hash, hash, canonical text (, recorded_at). */
type Row = [number, string, string, number, string, string | null, string, string | null, number];

const COLUMNS = `position, id, stream, revision, type, prev_hash, hash, ${SQL_CANONICAL_ENVELOPE}`;
/** What a restart reads: what the checks need, and no more (its time is readiness's). */
const ROWS = `SELECT ${COLUMNS}
  FROM events WHERE position > ? AND position <= ? ORDER BY position`;
/** From an empty read store, also the record time (see `CheckedLog`). */
const ROWS_WITH_TIME = `SELECT ${COLUMNS}, recorded_at
  FROM events WHERE position > ? AND position <= ? ORDER BY position`;

/**
 * Rows read at a time: large enough to amortise the statement, small enough to die young. Also
 * the block of positions a digest covers: block k is positions (k × BLOCK, (k + 1) × BLOCK], the
 * last one ending at the position checked through.
 */
export const BLOCK = 4096;

/**
 * A digest of the stored hashes of a block's rows, in position order: what the integrity monitor
 * compares before it builds its tree from those hashes without recomputing them. Equal digests
 * mean the leaves are the hashes this check recomputed from the rows' content.
 */
export function blockDigest(hashes: readonly string[]): string {
  // One hash per line: characters moved from one row's hash to the next change the digest.
  return linesDigest(hashes.join('\n'));
}

/** `blockDigest` of hashes already joined one per line. */
export function linesDigest(lines: string): string {
  return hash('sha256', lines, 'hex');
}

const at = (row: Row) => `${row[2]}@${row[3]} (posición ${row[0]}, evento ${row[1]})`;

/**
 * The fault of an event that does not follow its stream's previous one (`before`, null when it
 * should be the stream's first): a revision out of order, or else a broken link.
 */
function chainFault(
  event: { stream: string; revision: number; position: number; eventId: string },
  prevHash: string | null,
  before: { revision: number; hash: string } | null,
): Fault {
  const { stream, revision, position, eventId } = event;
  const place = { ...event, leafIndex: position - 1 };
  const named = `${stream}@${revision} (posición ${position}, evento ${eventId})`;
  const expectedRevision = before ? before.revision + 1 : 0;
  if (revision !== expectedRevision) {
    return {
      kind: 'revision',
      ...place,
      expected: expectedRevision,
      found: revision,
      message: `Se esperaba la revisión ${expectedRevision} del flujo ${stream} y llegó ${named}.`,
    };
  }
  return {
    kind: 'link',
    ...place,
    expected: before ? before.hash : null,
    found: prevHash,
    message: `Cadena rota en ${named}: su prevHash no es el hash del evento anterior del flujo.`,
  };
}

/**
 * A seal's row whole, for the seals read model: its data read again and hashed with it (the hash
 * checked above was of the text SQLite built, read a moment before).
 */
function sealRow(
  row: Row,
  payloadOf: Database.Statement<[number], [string, string]>,
): LogRow | { fault: Fault } {
  const [position, id, stream, revision, type, prevHash, hash, , recordedAt] = row;
  const envelope = { id, type, stream, revision, prevHash };
  try {
    const [data, metadata] = payloadOf.get(position) ?? vanished(position);
    const recomputed = storedEventHash(envelope, data, metadata, hash);
    if (recomputed === hash) {
      return { ...envelope, position, recordedAt, hash, data, metadata };
    }
    return { fault: hashFault(row, recomputed) };
  } catch (error) {
    return { fault: unreadableFault(row, error) };
  }
}

/** A row whose stored hash is not the one recomputed from its content. */
const hashFault = (row: Row, recomputed: string): Fault => ({
  kind: 'hash',
  ...where(row),
  expected: recomputed,
  found: row[6],
  message: `El hash guardado de ${at(row)} no corresponde a su contenido: el evento o su hash fue alterado.`,
});

/** A row whose content could not be read. */
const unreadableFault = (row: Row, error: unknown): Fault => ({
  kind: 'unreadable',
  ...where(row),
  message: `No se puede leer el contenido de ${at(row)}: ${error instanceof Error ? error.message : String(error)}`,
});

const where = (row: Row) => ({
  stream: row[2],
  revision: row[3],
  position: row[0],
  eventId: row[1],
  leafIndex: row[0] - 1,
});

/**
 * Checks one range of the log, page by page (`onPage` between pages: progress, a yield, a stop).
 * Each row is hashed as stored (the log keeps the canonical JSON it hashed), on the text SQLite
 * builds of it; only a row whose text does not give its hash is read whole, parsed and
 * canonicalised, to name what differs.
 */
export async function checkRange(
  range: StartupRange,
  onPage: (checked: number) => Promise<boolean> | boolean = () => true,
): Promise<RangeReport> {
  const db = new Database(range.path, { readonly: true, fileMustExist: true });
  try {
    const select = db.prepare<[number, number], Row>(range.collect ? ROWS_WITH_TIME : ROWS).raw();
    const digest = range.digest === true || range.collect === true;
    const payloadOf = db.prepare<[number], [string, string]>(PAYLOAD_AT).raw();
    const kept = new Map(range.keptHeads.map((head) => [head.stream, head]));
    const keptHeadsSeen: string[] = [];
    const faults: Fault[] = [];
    /** Per stream in this range: its span, whose last revision and hash move along. */
    const spans = new Map<string, StreamSpan>();
    let expectedPosition = range.after + 1;
    let checked = 0;
    const digests: string[] = [];
    const collected: CollectedRange | undefined = range.collect
      ? { semesterStarts: [], seals: [] }
      : undefined;
    let semester: string | null = null;
    const missing = (from: number, to: number, before: string) =>
      faults.push({
        kind: 'position',
        position: from,
        leafIndex: from - 1,
        expected: from,
        found: to + 1,
        message: `Faltan eventos: las posiciones ${from}..${to} no están${before}.`,
      });
    const block = range.block ?? BLOCK;
    for (let after = range.after; after < range.through; after += block) {
      const rows = select.all(after, Math.min(after + block, range.through));
      for (const row of rows) {
        const [position, id, stream, revision, type, prevHash, stored, canonical, recordedAt] = row;
        if (position !== expectedPosition) {
          missing(expectedPosition, position - 1, `, antes de ${at(row)}`);
        }
        expectedPosition = position + 1;
        let recomputed: string;
        try {
          const envelope = { id, type, stream, revision, prevHash };
          recomputed = storedCanonicalHash(envelope, canonical, stored, () => {
            const [data, metadata] = payloadOf.get(position) ?? vanished(position);
            return storedEventHash(envelope, data, metadata, stored);
          });
        } catch (error) {
          recomputed = stored;
          faults.push(unreadableFault(row, error));
        }
        if (recomputed !== stored) {
          faults.push(hashFault(row, recomputed));
        } else if (collected && position > range.after && position <= range.through) {
          const key = semesterKeyOf(recordedAt);
          if (key !== semester) collected.semesterStarts.push([position, (semester = key)]);
          if (stream === SEALS_STREAM && type === SEAL_EVENT) {
            const seal = sealRow(row, payloadOf);
            if ('fault' in seal) faults.push(seal.fault);
            else collected.seals.push(seal);
          }
        }
        const span = spans.get(stream);
        if (span === undefined) {
          spans.set(stream, [stream, revision, prevHash, position, id, revision, stored, position]);
        } else {
          if (revision !== span[5] + 1 || prevHash !== span[6]) {
            const before = { revision: span[5], hash: span[6] };
            faults.push(chainFault({ stream, revision, position, eventId: id }, prevHash, before));
          }
          span[5] = revision;
          span[6] = stored;
          span[7] = position;
        }
        const head = kept.get(stream);
        if (head !== undefined && head.revision === revision) {
          keptHeadsSeen.push(stream);
          if (head.hash !== stored) {
            faults.push({
              kind: 'stream-head',
              ...where(row),
              expected: head.hash,
              found: stored,
              message: `${at(row)} no es el evento que este servidor verificó al recibirlo (su hash cambió): el flujo fue reescrito.`,
            });
          }
        }
      }
      if (digest) digests.push(blockDigest(rows.map((row) => row[6])));
      checked += rows.length;
      if (!(await onPage(checked))) break;
    }
    if (expectedPosition <= range.through) {
      missing(expectedPosition, range.through, ' (al final del tramo)');
    }
    return {
      checked,
      faults,
      spans: [...spans.values()],
      keptHeadsSeen,
      digests,
      ...(collected ? { collected } : {}),
    };
  } finally {
    db.close();
  }
}

/**
 * Stitches the ranges' reports in log order: a stream's first event in a range must follow its
 * last in the ranges before (revision and prevHash), and every kept head must have been seen.
 */
export function stitch(reports: readonly RangeReport[], keptHeads: readonly KeptHead[]): Fault[] {
  const faults = reports.flatMap((report) => report.faults);
  const last = new Map<string, { revision: number; hash: string }>();
  for (const report of reports) {
    for (const [
      stream,
      revision,
      prevHash,
      position,
      eventId,
      lastRevision,
      lastHash,
    ] of report.spans) {
      const before = last.get(stream) ?? null;
      if (revision !== (before ? before.revision + 1 : 0) || prevHash !== (before?.hash ?? null)) {
        faults.push(chainFault({ stream, revision, position, eventId }, prevHash, before));
      }
      last.set(stream, { revision: lastRevision, hash: lastHash });
    }
  }
  const seen = new Set(reports.flatMap((report) => report.keptHeadsSeen));
  for (const head of keptHeads) {
    if (seen.has(head.stream)) continue;
    faults.push({
      kind: 'missing',
      stream: head.stream,
      revision: head.revision,
      position: head.position,
      leafIndex: head.position - 1,
      expected: head.hash,
      found: null,
      message: `Falta ${head.stream}@${head.revision} (posición ${head.position}), que este servidor verificó al recibirlo: el flujo fue truncado o borrado.`,
    });
  }
  return faults;
}

export interface StartupCheckOptions {
  /** Worker threads (default: one per core); logs up to `inlineUpTo` events are checked here. */
  workers?: number;
  inlineUpTo?: number;
  /** Rows read at a time and the block each digest covers (default `BLOCK`). */
  block?: number;
  /** Also each block's digest, for a monitor's catch-up far behind (`digests`). */
  digest?: boolean;
  /** Also collect what the integrity monitor's first catch-up builds from (`log`, `digests`). */
  collect?: boolean;
  onProgress?(checked: number): void;
  signal?: AbortSignal;
}

export interface StartupCheckResult {
  checked: number;
  faults: Fault[];
  /** Worker threads used (0: this thread). */
  workers: number;
  /** False when stopped before the end (then the faults are not all there). */
  complete: boolean;
  /** Each block's `blockDigest`, from the first (when complete). */
  digests: string[];
  block: number;
  /** When asked to `collect` and complete. */
  log: CheckedLog | null;
}

const yieldToLoop = () => new Promise<boolean>((resolve) => setImmediate(() => resolve(true)));

/** Checks positions 1..`through` of the SQLite log at `path` (see the module comment). */
export async function startupCheck(
  path: string,
  through: number,
  keptHeads: readonly KeptHead[],
  options: StartupCheckOptions = {},
): Promise<StartupCheckResult> {
  const inline = through <= (options.inlineUpTo ?? 50_000);
  const workers = inline ? 1 : Math.max(1, options.workers ?? cpus().length);
  const ranges: StartupRange[] = [];
  // Ranges begin at a block's start, so that each block's digest is one range's.
  const block = options.block ?? BLOCK;
  const boundary = (i: number) =>
    i === workers ? through : Math.floor((through * i) / workers / block) * block;
  for (let i = 0; i < workers; i++) {
    ranges.push({
      path,
      after: boundary(i),
      through: boundary(i + 1),
      keptHeads,
      block,
      ...(options.collect ? { collect: true } : {}),
      ...(options.digest ? { digest: true } : {}),
    });
  }
  const progress = ranges.map(() => 0);
  const report = (i: number, checked: number) => {
    progress[i] = checked;
    options.onProgress?.(progress.reduce((a, b) => a + b, 0));
  };
  const signal = options.signal;
  const reports = inline
    ? [
        await checkRange(ranges[0]!, (checked) => {
          report(0, checked);
          return signal?.aborted ? false : yieldToLoop();
        }),
      ]
    : await Promise.all(
        ranges.map(async (range, i) => {
          let done: RangeReport | null = null;
          await runCatchUpWorker<StartupMessage>(
            join(__dirname, `startup-check-worker${extname(__filename)}`),
            range,
            (message) => {
              if (message.type === 'progress') report(i, message.checked);
              else done = message.report;
            },
            signal ?? new AbortController().signal,
          );
          return done as RangeReport | null;
        }),
      );
  if (reports.some((r) => r === null) || signal?.aborted) {
    const checked = progress.reduce((a, b) => a + b, 0);
    const incomplete = { complete: false, faults: [], digests: [], block, log: null };
    return { checked, workers: inline ? 0 : workers, ...incomplete };
  }
  const complete = reports as RangeReport[];
  return {
    checked: complete.reduce((sum, r) => sum + r.checked, 0),
    faults: stitch(complete, keptHeads),
    workers: inline ? 0 : workers,
    complete: true,
    digests: complete.flatMap((r) => r.digests),
    block,
    log: options.collect ? checkedLog(through, complete) : null,
  };
}

/** The ranges' collections put together, in log order (see `CheckedLog`). */
function checkedLog(through: number, reports: readonly RangeReport[]): CheckedLog {
  const heads = new Map<string, [string, number, string, number]>();
  for (const report of reports) {
    for (const span of report.spans) heads.set(span[0], [span[0], span[5], span[6], span[7]]);
  }
  const collected = reports.map((report) => report.collected!);
  return {
    through,
    heads: [...heads.values()],
    semesterStarts: collected.flatMap((range) => range.semesterStarts),
    seals: collected.flatMap((range) => range.seals),
  };
}
