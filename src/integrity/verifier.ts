/**
 * Verifies a whole log in one pass: every event's hash recomputed from its canonical form, every
 * stream's chain (revisions in order, each `prevHash` equal to the hash before it), positions
 * strictly increasing (and contiguous where the store guarantees it), record time never going
 * backwards, the Merkle tree over the stored hashes, and each seal's tree head against the log.
 *
 * Hashing is the costly part, so batches go to worker threads; the main thread reads, checks the
 * order-dependent things and combines the workers' subtree roots. Each fault names its place:
 * stream, revision, position and event id, with what was expected and what was found.
 */
import { cpus } from 'node:os';
import { extname, join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { formatSemesterKey, semesterEnd, semesterOf, type Semester } from '../domain/time';
import {
  hashBatch,
  rowsOf,
  type HashBatch,
  type HashResult,
  type LogRow,
  type RowEnvelope,
} from './batch-hashing';
import { moduleWorker } from '../projector/worker-runner';
import { MerkleFrontier } from './merkle';

export type { LogRow };

export type FaultKind =
  | 'hash'
  | 'link'
  | 'revision'
  | 'position'
  | 'recorded-at'
  | 'unreadable'
  | 'seal-signature'
  | 'seal-size'
  | 'seal-root'
  | 'seal-leaf'
  | 'seal-beyond-log'
  /** A stream head this server had verified, changed (start-up check). */
  | 'stream-head'
  /** A stream head this server had verified, gone from the log (start-up check). */
  | 'missing';

/** One thing that is not as it should be, and where. */
export interface Fault {
  kind: FaultKind;
  message: string;
  stream?: string;
  revision?: number;
  position?: number;
  eventId?: string;
  /** Leaf index in the Merkle tree (log order, from 0). */
  leafIndex?: number;
  semester?: string;
  expected?: string | number | null;
  found?: string | number | null;
}

/** A tree head to check against the log: a seal recorded in the log or one held outside. */
export interface SealToCheck {
  /** Where the seal came from, e.g. "registro (seals@3)" or "archivo sello-2025-1.json". */
  origin: string;
  semester: string;
  treeSize: number;
  rootHash: string;
  /** The sealed leaves (event hashes in log order), when the seal file carries them. */
  leaves?: Buffer;
}

export interface SealVerdict {
  origin: string;
  semester: string;
  treeSize: number;
  ok: boolean;
}

/** The tree at the end of a semester (record time, Bogotá). */
export interface SemesterHead {
  semester: string;
  size: number;
  rootHash: string;
  /** Position of the last event recorded in or before the semester; null when none. */
  lastPosition: number | null;
}

/** The log to verify: pages of rows from any event store, or the embedded SQLite file itself. */
export type LogInput =
  { pages: AsyncIterable<LogRow[]> } | { sqlitePath: string; maxPosition: number | null };

export interface VerifyOptions {
  /** Worker threads for hashing; 0 hashes on this thread. Default: one per core. */
  workers?: number;
  /** Events per batch; a power of two so that full batches are complete subtrees. */
  batchSize?: number;
  /** The store's positions are 1, 2, 3... (SQLite): a gap means missing events. */
  contiguousPositions?: boolean;
  seals?: readonly SealToCheck[];
  /** Semesters ending before this instant get their head reported. Default: now. */
  now?: Date;
  onProgress?(events: number): void;
  /** Faults listed in full; the rest are only counted. */
  maxFaults?: number;
}

export interface VerifyReport {
  ok: boolean;
  events: number;
  streams: number;
  treeSize: number;
  rootHash: string;
  lastPosition: number | null;
  faultCount: number;
  faults: Fault[];
  seals: SealVerdict[];
  semesters: SemesterHead[];
  seconds: number;
}

const DEFAULT_BATCH = 4096;

/** The semester of a record time; the last one is remembered, since rows come in time order. */
const lastSemesterOf = { from: 0, to: -1, key: '' };
export function semesterKeyOf(recordedAt: number): string {
  if (recordedAt >= lastSemesterOf.from && recordedAt <= lastSemesterOf.to)
    return lastSemesterOf.key;
  const semester = semesterOf(new Date(recordedAt));
  const previousEnd =
    semester.half === 1
      ? semesterEnd({ year: semester.year - 1, half: 2 })
      : semesterEnd({ year: semester.year, half: 1 });
  lastSemesterOf.from = previousEnd.getTime() + 1;
  lastSemesterOf.to = semesterEnd(semester).getTime();
  lastSemesterOf.key = formatSemesterKey(semester);
  return lastSemesterOf.key;
}

function nextSemester(semester: Semester): Semester {
  return semester.half === 1
    ? { year: semester.year, half: 2 }
    : { year: semester.year + 1, half: 1 };
}

function parseKey(key: string): Semester {
  const [year, half] = key.split('-').map(Number) as [number, number];
  return { year, half: half as 1 | 2 };
}

/** Semesters from `from` (inclusive) up to `to` (exclusive). */
function semestersBetween(from: string, to: string): string[] {
  const keys: string[] = [];
  for (let s = parseKey(from); formatSemesterKey(s) !== to; s = nextSemester(s)) {
    keys.push(formatSemesterKey(s));
    if (keys.length > 400) break;
  }
  return keys;
}

const place = (row: RowEnvelope, leafIndex: number) =>
  `${row.stream}@${row.revision} (posición ${row.position}, evento ${row.id}, hoja ${leafIndex})`;

/**
 * A fault's place. Built only for a fault, by functions of the module: closures made per row (a
 * million of them) each cost a call to tsx's `__name` (esbuild's keepNames): 1.2 s of the serving
 * thread's CPU in a profile of the full verification after a restart on the national log.
 */
const whereOf = (row: RowEnvelope, leafIndex: number) => ({
  stream: row.stream,
  revision: row.revision,
  position: row.position,
  eventId: row.id,
  leafIndex,
});

/** Hashes batches on worker threads, or inline when there are none. */
class HashPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<
    number,
    { resolve(r: HashResult): void; reject(e: unknown): void }
  >();
  private next = 0;

  constructor(count: number) {
    const file = join(__dirname, `hash-worker${extname(__filename)}`);
    for (let i = 0; i < count; i++) {
      const worker = moduleWorker(file);
      worker.on('message', (result: HashResult) => {
        this.waiting.get(result.sequence)?.resolve(result);
        this.waiting.delete(result.sequence);
      });
      worker.on('error', (error) => {
        for (const pending of this.waiting.values()) pending.reject(error);
        this.waiting.clear();
      });
      this.workers.push(worker);
    }
  }

  hash(batch: HashBatch): Promise<HashResult> {
    if (this.workers.length === 0) return Promise.resolve(hashBatch(batch));
    return new Promise((resolve, reject) => {
      this.waiting.set(batch.sequence, { resolve, reject });
      this.workers[this.next++ % this.workers.length]!.postMessage(batch);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/**
 * Batches of `size` rows: pages cut to that size, or position ranges of the SQLite file (its
 * positions are 1, 2, 3..., so a range of `size` positions is `size` rows unless some are missing).
 */
async function* batchesOf(
  input: LogInput,
  size: number,
): AsyncGenerator<Omit<HashBatch, 'sequence'>> {
  if ('sqlitePath' in input) {
    const last = input.maxPosition ?? 0;
    for (let after = 0; after < last; after += size) {
      yield { sqlite: { path: input.sqlitePath, after, through: Math.min(after + size, last) } };
    }
    return;
  }
  let rows: LogRow[] = [];
  for await (const page of input.pages) {
    for (const row of page) {
      rows.push(row);
      if (rows.length === size) {
        yield { rows };
        rows = [];
      }
    }
  }
  if (rows.length > 0) yield { rows };
}

export async function verifyLog(
  input: LogInput,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const started = process.hrtime.bigint();
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  if (!Number.isInteger(Math.log2(batchSize))) throw new RangeError('batchSize: potencia de 2');
  const batchLevel = Math.log2(batchSize);
  const maxFaults = options.maxFaults ?? 1000;
  const seals = options.seals ?? [];
  const now = (options.now ?? new Date()).getTime();
  const pool = new HashPool(options.workers ?? Math.max(1, cpus().length));

  const faults: Fault[] = [];
  let faultCount = 0;
  const fault = (f: Fault) => {
    faultCount += 1;
    if (faults.length < maxFaults) faults.push(f);
  };

  const frontier = new MerkleFrontier();
  const heads = new Map<string, { revision: number; hash: string }>();
  /** Roots at the sizes the seals name, taken as the frontier passes them. */
  const rootsAtSize = new Map<number, string>();
  const captureSizes = new Set(seals.map((s) => s.treeSize));
  const semesters: SemesterHead[] = [];
  let currentSemester: string | null = null;
  let lastPosition: number | null = null;
  let lastRecordedAt = Number.NEGATIVE_INFINITY;
  let leafIndex = 0;
  const leafMismatch = new Map<SealToCheck, boolean>();

  const capture = () => {
    if (captureSizes.has(frontier.size) && !rootsAtSize.has(frontier.size)) {
      rootsAtSize.set(frontier.size, frontier.root().toString('hex'));
    }
  };
  const closeSemesters = (until: string) => {
    if (currentSemester === null) return;
    const rootHash = frontier.root().toString('hex');
    for (const semester of semestersBetween(currentSemester, until)) {
      semesters.push({ semester, size: frontier.size, rootHash, lastPosition });
    }
  };
  capture();

  /** `recomputed`: undefined when the stored hash matched, the other hash when not. */
  const check = (row: RowEnvelope, recomputed: string | undefined) => {
    if (lastPosition !== null && row.position <= lastPosition) {
      fault({
        kind: 'position',
        ...whereOf(row, leafIndex),
        expected: `> ${lastPosition}`,
        found: row.position,
        message: `Orden de posiciones roto en ${place(row, leafIndex)}: viene después de la posición ${lastPosition}.`,
      });
    } else if (
      options.contiguousPositions &&
      row.position !== (lastPosition === null ? 1 : lastPosition + 1)
    ) {
      const expected = lastPosition === null ? 1 : lastPosition + 1;
      fault({
        kind: 'position',
        ...whereOf(row, leafIndex),
        expected,
        found: row.position,
        message: `Faltan eventos: las posiciones ${expected}..${row.position - 1} no están, antes de ${place(row, leafIndex)}.`,
      });
    }
    if (row.recordedAt < lastRecordedAt) {
      fault({
        kind: 'recorded-at',
        ...whereOf(row, leafIndex),
        expected: `>= ${new Date(lastRecordedAt).toISOString()}`,
        found: new Date(row.recordedAt).toISOString(),
        message: `El tiempo de registro retrocede en ${place(row, leafIndex)}.`,
      });
    }
    if (recomputed !== undefined) {
      fault({
        kind: 'hash',
        ...whereOf(row, leafIndex),
        expected: recomputed,
        found: row.hash,
        message: `El hash guardado de ${place(row, leafIndex)} no corresponde a su contenido: el evento o su hash fue alterado.`,
      });
    }
    const head = heads.get(row.stream);
    const expectedRevision = head ? head.revision + 1 : 0;
    if (row.revision !== expectedRevision) {
      fault({
        kind: 'revision',
        ...whereOf(row, leafIndex),
        expected: expectedRevision,
        found: row.revision,
        message:
          row.revision > expectedRevision
            ? `Faltan eventos en el flujo ${row.stream}: se esperaba la revisión ${expectedRevision} y sigue la ${row.revision} (${place(row, leafIndex)}).`
            : `Revisiones fuera de orden en el flujo ${row.stream}: se esperaba la ${expectedRevision} (${place(row, leafIndex)}).`,
      });
    } else if (row.prevHash !== (head ? head.hash : null)) {
      fault({
        kind: 'link',
        ...whereOf(row, leafIndex),
        expected: head ? head.hash : null,
        found: row.prevHash,
        message: `Cadena rota en ${place(row, leafIndex)}: su prevHash no es el hash del evento anterior del flujo.`,
      });
    }
    heads.set(row.stream, { revision: row.revision, hash: row.hash });
    for (const seal of seals) {
      if (!seal.leaves || leafMismatch.has(seal) || leafIndex >= seal.treeSize) continue;
      const sealed = seal.leaves.subarray(leafIndex * 32, leafIndex * 32 + 32).toString('hex');
      if (sealed !== row.hash) {
        leafMismatch.set(seal, true);
        fault({
          kind: 'seal-leaf',
          ...whereOf(row, leafIndex),
          semester: seal.semester,
          expected: sealed,
          found: row.hash,
          message: `Primera hoja distinta del sello ${seal.semester} (${seal.origin}): ${place(row, leafIndex)}. El registro fue reescrito desde aquí.`,
        });
      }
    }
    lastPosition = row.position;
    lastRecordedAt = Math.max(lastRecordedAt, row.recordedAt);
  };

  const process_ = (batch: HashBatch, result: HashResult) => {
    const rows: RowEnvelope[] = result.envelopes ? rowsOf(result.envelopes) : batch.rows!;
    if (rows.length === 0) return;
    const unreadable = new Map(result.unreadable.map((u) => [u.index, u.message]));
    const mismatches = new Map(result.mismatches.map((m) => [m.index, m.recomputed]));
    const start = leafIndex;
    // A whole aligned subtree goes in at once, unless a semester ends or a sealed size falls
    // strictly inside it: then its leaves go one by one so the root there can be taken.
    const asSubtree =
      result.subtreeRoot !== null &&
      rows.length === batchSize &&
      start % batchSize === 0 &&
      semesterKeyOf(rows[0]!.recordedAt) === semesterKeyOf(rows[rows.length - 1]!.recordedAt) &&
      ![...captureSizes].some((size) => size > start && size < start + rows.length);
    rows.forEach((row, index) => {
      const semester = semesterKeyOf(row.recordedAt);
      if (currentSemester === null) currentSemester = semester;
      else if (semester > currentSemester) {
        closeSemesters(semester);
        currentSemester = semester;
      }
      const message = unreadable.get(index);
      if (message !== undefined) {
        fault({
          kind: 'unreadable',
          stream: row.stream,
          revision: row.revision,
          position: row.position,
          eventId: row.id,
          leafIndex,
          message: `El evento ${place(row, leafIndex)} no se puede leer: ${message}`,
        });
      }
      check(row, mismatches.get(index));
      if (!asSubtree) {
        frontier.push(Buffer.from(result.leaves.buffer, result.leaves.byteOffset + index * 32, 32));
        capture();
      }
      leafIndex += 1;
    });
    if (asSubtree) {
      frontier.pushSubtree(batchLevel, Buffer.from(result.subtreeRoot!));
      capture();
    }
    options.onProgress?.(leafIndex);
  };

  // Dispatch ahead, process in order.
  const inFlight: Array<{ batch: HashBatch; result: Promise<HashResult> }> = [];
  const limit = Math.max(2, (options.workers ?? 2) * 3);
  let sequence = 0;
  try {
    for await (const source of batchesOf(input, batchSize)) {
      const batch: HashBatch = { sequence: sequence++, ...source };
      inFlight.push({ batch, result: pool.hash(batch) });
      while (inFlight.length >= limit) {
        const next = inFlight.shift()!;
        process_(next.batch, await next.result);
      }
    }
    while (inFlight.length > 0) {
      const next = inFlight.shift()!;
      process_(next.batch, await next.result);
    }
  } finally {
    await pool.close();
  }

  // Semesters that ended after the last event still have a head: the whole log.
  if (currentSemester !== null) {
    let last = parseKey(currentSemester);
    while (semesterEnd(last).getTime() < now) last = nextSemester(last);
    closeSemesters(formatSemesterKey(last));
  }

  const sealVerdicts: SealVerdict[] = seals.map((seal) => {
    let ok = true;
    const bySemester = semesters.find((s) => s.semester === seal.semester);
    if (seal.treeSize > frontier.size) {
      ok = false;
      fault({
        kind: 'seal-beyond-log',
        semester: seal.semester,
        leafIndex: frontier.size,
        expected: seal.treeSize,
        found: frontier.size,
        message: `El sello ${seal.semester} (${seal.origin}) cubre ${seal.treeSize} eventos y el registro solo tiene ${frontier.size}: faltan eventos desde la hoja ${frontier.size}.`,
      });
    } else {
      const root = rootsAtSize.get(seal.treeSize);
      if (root !== seal.rootHash) {
        ok = false;
        fault({
          kind: 'seal-root',
          semester: seal.semester,
          expected: seal.rootHash,
          found: root ?? null,
          message: `La raíz del árbol de Merkle con ${seal.treeSize} hojas no es la sellada en ${seal.semester} (${seal.origin}): el registro sellado fue alterado.`,
        });
      }
    }
    if (bySemester && bySemester.size !== seal.treeSize) {
      ok = false;
      fault({
        kind: 'seal-size',
        semester: seal.semester,
        expected: seal.treeSize,
        found: bySemester.size,
        message: `El sello ${seal.semester} (${seal.origin}) cubre ${seal.treeSize} eventos, pero hasta el fin del semestre el registro tiene ${bySemester.size}.`,
      });
    }
    if (leafMismatch.has(seal)) ok = false;
    return { origin: seal.origin, semester: seal.semester, treeSize: seal.treeSize, ok };
  });

  return {
    ok: faultCount === 0,
    events: leafIndex,
    streams: heads.size,
    treeSize: frontier.size,
    rootHash: frontier.root().toString('hex'),
    lastPosition,
    faultCount,
    faults,
    seals: sealVerdicts,
    semesters,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}
