/**
 * Verification while serving: a consumer of the log, beside the projector, that checks each event
 * as it arrives (its hash recomputed, its link to the stream's previous event, positions in order)
 * and maintains the Merkle tree read model, the semester sizes and the seals read model. Its
 * checkpoint and documents live in the read store, through its port.
 *
 * On the embedded SQLite log (`sqlitePath`) it reads the file directly: rows with the JSON text they
 * were hashed over (hashed as stored, see `storedEventHash`), an event's leaf found from its
 * position (no document per event), full verifications read by worker threads. Far behind the log
 * (an empty read store), a `catchUp` runner does the reading in another thread (`catch-up.ts`),
 * so the serving thread's event loop stays free; the port path is unchanged for the servers.
 *
 * A fault is logged at error level, kept with its place, makes /readyz fail, and makes writes to
 * the damaged stream fail with INTEGRITY; reads go on, so auditors can investigate.
 */
import { retryUntilStopped } from '../retry';
import { StoreUnavailableError } from '../eventstore/errors';
import type { EventStore, Position, RecordedEvent } from '../eventstore/port';
import type { Logger } from '../logging';
import type { ReadStore, WriteOperation } from '../readstore/port';
import { StartupCheckPendingError } from './guard';
import { hashOfRow, type LogRow } from './batch-hashing';
import { eventStorePages, logRowOf } from './log-source';
import {
  CHUNK_BITS,
  LEAF_IDS_COLLECTION,
  MERKLE_COLLECTION,
  MerkleAppender,
  MerkleReader,
  semesterId,
  type LeafIdDocument,
  type MerkleHeadDocument,
  type SemesterSizeDocument,
} from './merkle-store';
import { SEAL_EVENT, SEALS_STREAM, sealOf, type RecordedSeal } from './seals';
import { SqliteLogRows } from './sqlite-log';
import {
  blockDigest,
  linesDigest,
  startupCheck,
  stitch,
  type CheckedLog,
  type KeptHead,
} from './startup-check';
import type { VerifiedLogVerdict } from './verified-log';
import { semesterKeyOf, verifyLog, type Fault } from './verifier';

export const INTEGRITY_CHECKPOINT = 'integrity';
export const STREAM_HEADS_COLLECTION = 'integrity_streams';
export const FAULTS_COLLECTION = 'integrity_faults';
export const SEALS_COLLECTION = 'seals';

interface StreamHeadDocument {
  _id: string;
  revision: number;
  hash: string;
  _position: number;
}

export interface FaultRecord extends Fault {
  detectedAt: Date;
}

export interface FullVerification {
  at: Date;
  events: number;
  throughPosition: number | null;
  ok: boolean;
  seconds: number;
}

/**
 * The start-up check (`startup-check.ts`): every event in the log at start, its hash and chain,
 * before the server is ready. `failed` with faults (recorded as any other) or with `error` when the
 * check itself could not finish.
 */
export interface StartupCheckStatus {
  state: 'pending' | 'running' | 'passed' | 'failed';
  /** Events in the log at start: what the check covers. */
  total: number;
  checked: number;
  /** Worker threads it ran on (0: the serving thread, for a small log). */
  workers: number;
  seconds: number | null;
  error: string | null;
  /**
   * How it checked: `rows`, each event's hash recomputed from its row and each chain followed;
   * `file`, the log file found byte for byte the one recorded verified at the last stop.
   */
  method: 'rows' | 'file' | null;
}

export interface IntegrityStatus {
  status: 'intact' | 'damaged' | 'verifying';
  verifiedThroughPosition: number | null;
  treeSize: number;
  lastFullVerification: FullVerification | null;
  startupCheck: StartupCheckStatus;
  faults: FaultRecord[];
}

export interface SealDocument extends RecordedSeal {
  _id: string;
}

/** How far a catch-up in another thread has got, as it reports after each batch. */
export interface IntegrityProgress {
  size: number;
  lastPosition: Position | null;
  lastSemester: string | null;
  faults: FaultRecord[];
}

/**
 * What this process's start-up check has just verified of the SQLite log: every event's stored
 * hash, through position `through`, recomputed from its row and found as stored; `digests`, each
 * block's `blockDigest` of those stored hashes. A catch-up far behind builds its tree from a
 * block's stored hashes without hashing its rows again when their digest is still the check's:
 * the leaves are then the hashes the check recomputed from the rows' content. A block whose
 * stored hashes changed since (a different digest) is hashed again, and what changed is named.
 * (From an empty read store the catch-up reads only the hash column: see `CheckedLog`.)
 */
export interface VerifiedHashes {
  through: Position;
  /** Positions per block (`BLOCK` in the server). */
  block: number;
  digests: readonly string[];
}

/** Runs the monitor's catch-up elsewhere (a worker thread with its own connections). */
export interface IntegrityCatchUpRunner {
  run(
    onProgress: (progress: IntegrityProgress) => void,
    signal: AbortSignal,
    verified?: VerifiedHashes,
    checked?: CheckedLog,
  ): Promise<void>;
}

export interface IntegrityMonitorOptions {
  logger?: Logger;
  /** Events per batch when following the log live. */
  batchSize?: number;
  /** Events per commit while catching up (a multiple of the tree's chunk, 1,024). */
  catchUpBatchSize?: number;
  /** Hours between full verifications while serving (0: never). */
  fullCheckHours?: number;
  now?: () => Date;
  /** The embedded SQLite log's file, read directly (see the module comment). */
  sqlitePath?: string;
  /** Where the monitor starts further behind the log than `catchUpThreshold`, this catches up. */
  catchUp?: IntegrityCatchUpRunner;
  catchUpThreshold?: number;
  /** The start-up check's worker threads (default: one per core) and the log size it does inline. */
  startupWorkers?: number;
  startupInlineUpTo?: number;
  /**
   * Resolves when the start-up check may start (default: at once); it stays `pending` until then.
   * The server passes the read models' catch-up when that takes every core.
   */
  startupAfter?: () => Promise<void>;
  /**
   * On the SQLite log, with the monitor current to its head at start: whether the log file is the
   * one recorded verified at the last stop (`verified-log.ts`). If so, the start-up check hashes
   * the file instead of every row.
   */
  verifiedLog?: (target: number, kept: readonly KeptHead[]) => Promise<VerifiedLogVerdict>;
  /** Pauses between attempts after an infrastructure error (exponential, full jitter). */
  retry?: { firstDelayMs?: number; maxDelayMs?: number };
}

const IDLE = Symbol('idle');

/** Rows read at a time while catching up. */
const PAGE = 4096;

/** Yields to the event loop between the batches of a catch-up in this thread. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The seal a row records, if it is one (its JSON parsed only then). */
function sealOfRow(row: LogRow): RecordedSeal | null {
  if (row.stream !== SEALS_STREAM || row.type !== SEAL_EVENT) return null;
  const parse = <T>(value: unknown): T =>
    (typeof value === 'string' ? JSON.parse(value) : value) as T;
  return sealOf({
    id: row.id,
    type: row.type,
    data: parse(row.data),
    metadata: parse(row.metadata),
    stream: row.stream,
    revision: row.revision,
    position: row.position,
    recordedAt: new Date(row.recordedAt),
    prevHash: row.prevHash,
    hash: row.hash,
  });
}

/** Semesters from `from` (inclusive) to `to` (exclusive), keys "AAAA-S". */
/**
 * The sizes to record when an event of semester `to` follows the last of `from`: each semester
 * from `from` up to `to` (excluded) ended with the tree at `size` and the log at `lastPosition`.
 */
function endedSemesters(
  from: string,
  to: string,
  size: number,
  lastPosition: Position | null,
): WriteOperation<SemesterSizeDocument>[] {
  return semestersFrom(from, to).map((ended) => ({
    kind: 'put',
    document: { _id: semesterId(ended), semester: ended, size, lastPosition },
  }));
}

function semestersFrom(from: string, to: string): string[] {
  const keys: string[] = [];
  let [year, half] = from.split('-').map(Number) as [number, number];
  while (`${year}-${half}` !== to && keys.length < 400) {
    keys.push(`${year}-${half}`);
    [year, half] = half === 1 ? [year, 2] : [year + 1, 1];
  }
  return keys;
}

export class IntegrityMonitor {
  private readonly logger: Logger | undefined;
  private readonly batchSize: number;
  private readonly catchUpBatchSize: number;
  /** The SQLite log read directly, when there is one. */
  private readonly rows: SqliteLogRows | null;
  /** Stream heads known so far (the chain's last link of each stream), read once per stream. */
  private readonly heads = new Map<string, StreamHeadDocument | null>();
  private readonly now: () => Date;
  private readonly faults: FaultRecord[] = [];
  private readonly damaged = new Map<string, FaultRecord>();
  private head: MerkleHeadDocument = {
    _id: 'head',
    size: 0,
    lastPosition: null,
    lastSemester: null,
  };
  private appender: MerkleAppender | null = null;
  private lastFull: FullVerification | null = null;
  private verifying = false;
  private controller: AbortController | null = null;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private readonly waiters = new Set<() => void>();
  private failure: Error | null = null;
  /** The last position committed with the checkpoint. */
  private committedPosition: Position | null = null;
  /** A verification from scratch under way: the head it must reach, and when it began. */
  private fullRun: { target: Position; started: number } | null = null;
  private startup: StartupCheckStatus = {
    state: 'pending',
    total: 0,
    checked: 0,
    workers: 0,
    seconds: null,
    error: null,
    method: null,
  };
  private startupRun: Promise<void> | null = null;
  /** What the start-up check verified, once it has passed. */
  private verifiedAtStart: VerifiedHashes | null = null;
  /** What it collected for a first catch-up (from an empty read store), once it has passed. */
  private checkedAtStart: CheckedLog | null = null;

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly options: IntegrityMonitorOptions = {},
  ) {
    this.logger = options.logger;
    this.batchSize = options.batchSize ?? 1000;
    this.catchUpBatchSize = options.catchUpBatchSize ?? 32 * 1024;
    this.now = options.now ?? (() => new Date());
    this.rows = options.sqlitePath ? new SqliteLogRows(options.sqlitePath) : null;
  }

  readonly reader = (): MerkleReader =>
    new MerkleReader(
      this.store,
      CHUNK_BITS,
      this.rows ? (eventId) => this.rows!.locate(eventId) : undefined,
    );

  /** The tree's head, its appender and the faults kept, as the read store has them. */
  private async load(): Promise<Position | null> {
    const checkpoint = await this.store.getCheckpoint(INTEGRITY_CHECKPOINT);
    this.head = await this.reader().head();
    this.appender = new MerkleAppender(this.store, this.head.size);
    this.heads.clear();
    this.checked = { changed: new Set(), leafIds: [], semesters: [], seals: [] };
    this.committedPosition = this.head.lastPosition;
    const stored = await this.store
      .collection<FaultRecord & { _id: string }>(FAULTS_COLLECTION)
      .find();
    for (const fault of stored) this.record(fault, false);
    return checkpoint;
  }

  /** Starts following the log from the checkpoint; a full verification when resuming. */
  async start(): Promise<void> {
    const checkpoint = await this.load();
    const fromScratch = checkpoint === null;
    // The stream heads verified before the stop, read before anything follows the log again
    // (a head committed from now on may lie beyond what the start-up check reads).
    const kept = this.rows ? await this.keptHeads() : [];
    const target = await this.events.headPosition();
    this.controller = new AbortController();
    const signal = this.controller.signal;
    if (fromScratch) {
      // Started from scratch: reaching the head as it was is a full verification of the log.
      if (target === null) this.finishFull(Date.now(), true);
      else {
        this.verifying = true;
        this.fullRun = { target, started: Date.now() };
      }
    }
    const far =
      target !== null && target - (checkpoint ?? 0) > (this.options.catchUpThreshold ?? 5_000);
    // Before readiness, every event already in the log is checked (hash, chain, positions); then,
    // resuming from a persisted read model, the full verification (the Merkle tree against the
    // root kept here) in the background.
    // A catch-up far behind takes the check's hashes by their blocks' digests; from an empty
    // read store it builds from what the check collects (`CheckedLog`). Neither on a restart.
    const catchingUp = far && this.options.catchUp !== undefined;
    const startupFinished = this.checkAtStart(target, kept, signal, {
      digest: catchingUp,
      collect: catchingUp && fromScratch,
      // Current at the stop, and nothing appended since: the file may be the one it recorded.
      fileMayMatch: target !== null && checkpoint === target,
    });
    this.startupRun = startupFinished.then((finished) => {
      if (finished && this.rows && !fromScratch && !signal.aborted) void this.fullVerification();
    });
    this.running = (async () => {
      if (far && this.options.catchUp) {
        // After the start-up check, which hashes the same rows on every core: once it passed,
        // the catch-up need not hash them again (see VerifiedHashes).
        await startupFinished;
        if (signal.aborted) return;
        // Handed over, not kept.
        const checked = this.checkedAtStart ?? undefined;
        this.checkedAtStart = null;
        await this.options.catchUp.run(
          (progress) => this.heard(progress),
          signal,
          this.verifiedAtStart ?? undefined,
          checked,
        );
        if (signal.aborted) return;
        await this.load();
        this.checkFull();
      } else if (this.rows) {
        await this.catchUp(signal);
      }
      if (!signal.aborted) await this.followResuming(signal);
    })().catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.logger?.error({ err: error }, 'la verificación de integridad se detuvo');
      this.notify();
    });
    const hours = this.options.fullCheckHours ?? 24;
    if (hours > 0) {
      this.timer = setInterval(() => void this.fullVerification(), hours * 3_600_000);
      this.timer.unref();
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.controller?.abort();
    await this.running;
    await this.startupRun;
    if (this.rows?.open) this.rows.close();
  }

  /** A catch-up elsewhere reported its progress: what /readyz and the sealer see meanwhile. */
  private heard(progress: IntegrityProgress): void {
    this.head = {
      _id: 'head',
      size: progress.size,
      lastPosition: progress.lastPosition,
      lastSemester: progress.lastSemester,
    };
    for (const fault of progress.faults) this.record(fault, false);
    this.checkFull();
    this.notify();
  }

  /**
   * The body of a catch-up in a worker thread: loads what the read store holds and reads the
   * SQLite log from there to its head, reporting each committed batch.
   */
  async catchUpAlone(
    signal: AbortSignal,
    onBatch: (progress: IntegrityProgress) => void,
    verified?: VerifiedHashes,
    checked?: CheckedLog,
  ): Promise<void> {
    try {
      await this.load();
      if (checked && verified && this.head.size === 0 && this.head.lastPosition === null) {
        // The log changed since the check: what was written goes, and the rows are read.
        if (!(await this.buildFromCheck(checked, verified, signal, onBatch))) await this.load();
      }
      await this.catchUp(signal, onBatch, verified);
    } finally {
      this.rows?.close();
    }
  }

  /**
   * A first catch-up from what a passed start-up check collected (see `CheckedLog`): the tree,
   * the semester sizes, the seals and each stream's head, as `checkRows` would write them, reading
   * of the log only the hash column, block by block, each block's hashes taken only while their
   * digest is still the check's (see `VerifiedHashes`). False, with no checkpoint committed, when
   * a block's is not (the log changed since the check): the caller then catches up by reading and
   * checking the rows, which names what changed and writes every position again. Written batch by batch, the checkpoint last:
   * stopped before, a later start builds again (leaves written at their index make that harmless).
   */
  private async buildFromCheck(
    log: CheckedLog,
    verified: VerifiedHashes,
    signal: AbortSignal,
    onBatch: (progress: IntegrityProgress) => void,
  ): Promise<boolean> {
    const rows = this.rows!;
    const appender = this.appender!;
    const { block, digests } = verified;
    if (verified.through !== log.through) return false;
    // The seals' rows in position order, taken block by block.
    const sealRows = [...log.seals].sort((a, b) => a.position - b.position);
    let nextSeal = 0;
    const sealsIn = (after: number, end: number) => {
      while (nextSeal < sealRows.length && sealRows[nextSeal]!.position <= after) nextSeal += 1;
      const from = nextSeal;
      while (nextSeal < sealRows.length && sealRows[nextSeal]!.position <= end) nextSeal += 1;
      return sealRows.slice(from, nextSeal);
    };
    const merkle = this.store.collection(MERKLE_COLLECTION);
    let next = 0;
    let lastSemester: string | null = null;
    let semesters: WriteOperation<SemesterSizeDocument>[] = [];
    let seals: WriteOperation<SealDocument>[] = [];
    let unwritten = 0;
    const write = async () => {
      await merkle.write([
        ...appender.documents().map((document) => ({ kind: 'put' as const, document })),
        ...semesters,
      ]);
      if (seals.length > 0) {
        await this.store.collection<SealDocument>(SEALS_COLLECTION).write(seals);
      }
      [semesters, seals, unwritten] = [[], [], 0];
    };
    for (let after = 0; after < log.through; after += block) {
      if (signal.aborted) return true;
      const end = Math.min(after + block, log.through);
      const hashes = rows.storedHashes(after, end);
      if (
        hashes.count !== end - after ||
        hashes.values === null ||
        linesDigest(hashes.lines) !== digests[after / block]
      ) {
        return false;
      }
      await appender.prepare(end - after);
      appender.appendLeaves(hashes.values);
      // As checkRows: a semester that starts closes those since the last event's. (What the
      // block's semesters and seals write depends on positions only, not on the tree.)
      while (next < log.semesterStarts.length && log.semesterStarts[next]![0] <= end) {
        const [position, semester] = log.semesterStarts[next++]!;
        if (lastSemester !== null && semester > lastSemester) {
          semesters.push(...endedSemesters(lastSemester, semester, position - 1, position - 1));
        }
        lastSemester = semester;
      }
      for (const row of sealsIn(after, end)) {
        const seal = sealOfRow(row);
        if (seal) seals.push({ kind: 'put', document: { _id: seal.semester, ...seal } });
      }
      unwritten += end - after;
      if (unwritten >= this.catchUpBatchSize) {
        await write();
        await yieldToLoop();
      }
    }
    await write();
    for (const [stream, revision, hash, position] of log.heads) {
      this.heads.set(stream, { _id: stream, revision, hash, _position: position });
      this.checked.changed.add(stream);
    }
    this.head = {
      _id: 'head',
      size: appender.currentSize,
      lastPosition: log.through,
      lastSemester,
    };
    // The stream heads, then the head with the checkpoint.
    await this.commitChecked();
    onBatch({ ...this.head, faults: [...this.faults] });
    return true;
  }

  /**
   * Reads the SQLite log directly from the tree's head to the log's head, in large batches, each
   * committed with the checkpoint (in this thread, or as the body of a worker's catch-up).
   */
  private async catchUp(
    signal?: AbortSignal,
    onBatch?: (progress: IntegrityProgress) => void,
    verified?: VerifiedHashes,
  ): Promise<void> {
    if (!this.rows) throw new Error('catchUp lee el registro SQLite: falta sqlitePath.');
    // Pages small enough to die young in the garbage collector's nursery; commits large enough
    // that each stream head is written a few times, not once per page.
    const page = Math.min(PAGE, this.catchUpBatchSize);
    let checked = 0;
    const commit = async () => {
      await this.commitChecked();
      checked = 0;
      onBatch?.({ ...this.head, faults: [...this.faults] });
    };
    for (;;) {
      if (signal?.aborted) break;
      const after = this.head.lastPosition ?? 0;
      let rows: LogRow[];
      let trusted = false;
      let limit = page;
      const inBlocks = verified !== undefined && after < verified.through;
      if (inBlocks) {
        // Block by block (see VerifiedHashes): read to the block's end, first without the
        // canonical text (SQLite's costliest part of the read); again with it if not trusted.
        const { through, block, digests } = verified;
        const end = Math.min((Math.floor(after / block) + 1) * block, through);
        const digest = after % block === 0 ? digests[after / block] : undefined;
        limit = end - after;
        rows = this.rows.rowsAfter(after, limit, { hashed: digest === undefined });
        trusted =
          digest !== undefined &&
          rows.length === limit &&
          blockDigest(rows.map((row) => row.hash)) === digest;
        if (digest !== undefined && !trusted) rows = this.rows.rowsAfter(after, limit);
      } else {
        rows = this.rows.rowsAfter(after, limit);
      }
      if (inBlocks && rows.length === 0) {
        // The check read these positions; they are gone since (a truncated log).
        const through = verified.through;
        this.record({
          kind: 'position',
          position: after + 1,
          leafIndex: after,
          expected: after + 1,
          found: null,
          message: `Faltan eventos: las posiciones ${after + 1}..${through}, que la verificación de arranque leyó, ya no están en el registro.`,
        });
        break;
      }
      await this.checkRows(rows, trusted);
      checked += rows.length;
      // Past the verified blocks, a short read is the log's end. (Within them a read is never
      // short but at the end: a gap pulls in the next rows, which checkRows names.)
      if (rows.length === 0 || (!inBlocks && rows.length < limit)) break;
      if (checked >= this.catchUpBatchSize) await commit();
      await yieldToLoop();
    }
    await commit();
  }

  private notify(): void {
    for (const wake of this.waiters) wake();
  }

  private record(fault: Fault | FaultRecord, fresh = true): void {
    const entry: FaultRecord = {
      ...fault,
      detectedAt: (fault as FaultRecord).detectedAt ?? this.now(),
    };
    const key = `${fault.kind}:${fault.eventId ?? fault.semester ?? fault.position}`;
    if (this.faults.some((f) => `${f.kind}:${f.eventId ?? f.semester ?? f.position}` === key))
      return;
    this.faults.push(entry);
    if (fault.stream && !this.damaged.has(fault.stream)) this.damaged.set(fault.stream, entry);
    if (fresh) {
      this.logger?.error({ integrityFault: entry }, `INTEGRIDAD: ${fault.message}`);
      void this.store
        .collection<FaultRecord & { _id: string }>(FAULTS_COLLECTION)
        .write([{ kind: 'put', document: { _id: key, ...entry } }])
        .catch(() => undefined);
    }
    this.notify();
  }

  /** The fault that damaged a stream, if any (writes to it are refused). */
  damageOf(stream: string): FaultRecord | null {
    return this.damaged.get(stream) ?? null;
  }

  status(): IntegrityStatus {
    const checking = this.startup.state === 'pending' || this.startup.state === 'running';
    return {
      status:
        this.faults.length > 0 ? 'damaged' : this.verifying || checking ? 'verifying' : 'intact',
      verifiedThroughPosition: this.head.lastPosition,
      treeSize: this.head.size,
      lastFullVerification: this.lastFull,
      startupCheck: { ...this.startup },
      faults: [...this.faults],
    };
  }

  /**
   * Resolves once the start-up check is over (passed, or found faults: the guard then refuses the
   * damaged streams); throws StartupCheckPendingError if it is still running after `timeoutMs`
   * or could not finish.
   */
  async startupChecked(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.startup.state === 'pending' || this.startup.state === 'running') {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new StartupCheckPendingError(
          `La bitácora se está verificando al arrancar (${this.startup.checked} de ${this.startup.total} eventos); no se registró nada. Reintente cuando /readyz responda 200.`,
        );
      }
      await this.nextNews(Math.min(remaining, 50));
    }
    if (this.startup.error !== null) {
      throw new StartupCheckPendingError(
        `La verificación de arranque de la bitácora no pudo terminar (${this.startup.error}); no se registró nada.`,
      );
    }
  }

  /**
   * Resolves true once the start-up check has begun (on the SQLite log, its worker threads are
   * running) or is over; false if it is still waiting (for its gate, `startupAfter`) after
   * `timeoutMs`. `npm start` loads the HTTP server meanwhile, not before.
   */
  async startupBegun(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.startup.state === 'pending') {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await this.nextNews(remaining);
    }
    return true;
  }

  /** Each stream's head as the read store keeps it: the last event this monitor verified. */
  private async keptHeads(): Promise<KeptHead[]> {
    const heads = await this.store.collection<StreamHeadDocument>(STREAM_HEADS_COLLECTION).find();
    return heads.map((head) => ({
      stream: head._id,
      revision: head.revision,
      hash: head.hash,
      position: head._position,
    }));
  }

  /** The start-up check's state: readiness waits until it has `passed`. */
  get startupCheck(): StartupCheckStatus {
    return { ...this.startup };
  }

  /**
   * The start-up check over the log as it is at start (`target`): on the SQLite file in worker
   * threads, with the stream heads verified before the stop; elsewhere through the port. Resolves
   * true when it finished (faults or not): the full verification follows, for auditors to see
   * everything that is wrong.
   */
  private async checkAtStart(
    target: Position | null,
    kept: readonly KeptHead[],
    signal: AbortSignal,
    { digest = false, collect = false, fileMayMatch = false } = {},
  ): Promise<boolean> {
    this.startup = { ...this.startup, total: target ?? 0 };
    if (this.options.startupAfter) {
      const stopped = new Promise<void>((resolve) =>
        signal.addEventListener('abort', () => resolve(), { once: true }),
      );
      await Promise.race([this.options.startupAfter(), stopped]);
      if (signal.aborted) return false;
    }
    const started = Date.now();
    this.startup = { ...this.startup, state: 'running', total: target ?? 0 };
    this.notify();
    const progress = (checked: number) => {
      this.startup.checked = checked;
    };
    try {
      let faults: Fault[];
      let threads: number | null;
      if (this.rows) {
        if (target === null) {
          faults = stitch([], kept);
          this.startup.method = 'rows';
        } else if (
          fileMayMatch &&
          (threads = await this.matchesVerifiedFile(target, kept)) !== null
        ) {
          faults = [];
          this.startup = { ...this.startup, method: 'file', checked: target, workers: threads };
        } else {
          const result = await startupCheck(this.rows.path, target, kept, {
            signal,
            onProgress: progress,
            ...(this.options.startupWorkers ? { workers: this.options.startupWorkers } : {}),
            ...(collect ? { collect } : {}),
            ...(digest ? { digest } : {}),
            ...(this.options.startupInlineUpTo !== undefined
              ? { inlineUpTo: this.options.startupInlineUpTo }
              : {}),
          });
          if (!result.complete) return false;
          this.startup.workers = result.workers;
          this.startup.method = 'rows';
          faults = result.faults;
          if (faults.length === 0) {
            const { digests, block } = result;
            this.verifiedAtStart = { through: target, block, digests };
            this.checkedAtStart = result.log;
          }
        }
      } else {
        // Through the port (EventStoreDB) the log is read once: the start-up check is the full
        // verification, the tree against the root kept here included.
        const before = this.faults.length;
        this.startup.method = 'rows';
        await this.verifyWhole(0, progress);
        faults = this.faults.slice(before);
      }
      for (const fault of faults) this.record(fault);
      this.startup.state = faults.length === 0 ? 'passed' : 'failed';
      this.startup.seconds = (Date.now() - started) / 1000;
      this.logger?.info(
        { startupCheck: this.startup },
        faults.length === 0
          ? 'verificación de arranque superada'
          : 'la verificación de arranque halló fallas',
      );
      return true;
    } catch (error) {
      this.startup.state = 'failed';
      this.startup.error = error instanceof Error ? error.message : String(error);
      this.startup.seconds = (Date.now() - started) / 1000;
      this.logger?.error({ err: error }, 'la verificación de arranque no pudo terminar');
      return false;
    } finally {
      this.notify();
    }
  }

  /**
   * Whether the log file is the one recorded verified at the last stop: the threads that hashed
   * it, or null when it is not (logged).
   */
  private async matchesVerifiedFile(
    target: number,
    kept: readonly KeptHead[],
  ): Promise<number | null> {
    if (!this.options.verifiedLog) return null;
    try {
      const verdict = await this.options.verifiedLog(target, kept);
      if (!verdict.matches) {
        this.logger?.info(
          { reason: verdict.reason },
          'la bitácora no es el archivo verificado al detenerse: se verifica evento por evento',
        );
      }
      return verdict.matches ? verdict.threads : null;
    } catch (error) {
      this.logger?.warn({ err: error }, 'no se pudo comparar el archivo verificado al detenerse');
      return null;
    }
  }

  get size(): number {
    return this.head.size;
  }

  get lastPosition(): Position | null {
    return this.head.lastPosition;
  }

  get lastSemester(): string | null {
    return this.head.lastSemester;
  }

  /** Resolves at the next notification, or after `ms`. */
  private nextNews(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waiters.add(wake);
    });
  }

  /** Why the monitor stopped following the log, if it failed (null otherwise). */
  get failed(): Error | null {
    return this.failure;
  }

  /** Resolves when the monitor has consumed the log up to `position` (default: the head). */
  async waitFor(position?: Position | null, timeoutMs = 30_000): Promise<void> {
    const target = position === undefined ? await this.events.headPosition() : position;
    if (target === null) return;
    const deadline = Date.now() + timeoutMs;
    while (this.head.lastPosition === null || this.head.lastPosition < target) {
      if (this.failure) throw this.failure;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`la verificación no alcanzó la posición ${target}`);
      await this.nextNews(Math.min(remaining, 50));
    }
  }

  /**
   * Follows the log live; after an infrastructure error (a store restarting, a dropped
   * subscription) starts again from what the read store holds, with growing pauses.
   */
  private async followResuming(signal: AbortSignal): Promise<void> {
    let failed = false;
    await retryUntilStopped(
      async () => {
        // What was applied but not committed is read again from the log.
        if (failed) await this.load();
        await this.follow(this.head.lastPosition, signal);
        if (!signal.aborted)
          throw new StoreUnavailableError('suscripción', new Error('la suscripción terminó'));
      },
      {
        firstDelayMs: this.options.retry?.firstDelayMs ?? 200,
        maxDelayMs: this.options.retry?.maxDelayMs ?? 10_000,
        signal,
        onError: (error, failures) => {
          failed = true;
          this.logger?.warn(
            { err: error, failures },
            'verificación de integridad: error de infraestructura; se reanuda desde su punto de control',
          );
        },
      },
    );
  }

  private async follow(checkpoint: Position | null, signal: AbortSignal): Promise<void> {
    const subscription = this.events.subscribeAll({
      ...(checkpoint === null ? {} : { afterPosition: checkpoint }),
      signal,
    });
    const iterator = subscription[Symbol.asyncIterator]();
    const batch: RecordedEvent[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await this.applyRows(batch.splice(0).map(logRowOf));
    };
    try {
      let pending = iterator.next();
      for (;;) {
        const step =
          batch.length === 0
            ? await pending
            : await Promise.race([
                pending,
                new Promise<typeof IDLE>((r) => setTimeout(() => r(IDLE), 0)),
              ]);
        if (step === IDLE) {
          await flush();
          continue;
        }
        if (step.done) break;
        batch.push(step.value);
        pending = iterator.next();
        if (batch.length >= this.batchSize) await flush();
      }
      await flush();
    } finally {
      await subscription.close().catch(() => undefined);
    }
  }

  /** A verification from scratch ends when the tree reaches the log's head as it was at start. */
  private checkFull(): void {
    const run = this.fullRun;
    if (!run || this.head.lastPosition === null || this.head.lastPosition < run.target) return;
    this.fullRun = null;
    this.finishFull(run.started, this.faults.length === 0);
  }

  private finishFull(startedMs: number, ok: boolean): void {
    this.verifying = false;
    this.lastFull = {
      at: this.now(),
      events: this.head.size,
      throughPosition: this.head.lastPosition,
      ok,
      seconds: (Date.now() - startedMs) / 1000,
    };
    this.logger?.info({ verification: this.lastFull }, 'verificación completa de la bitácora');
  }

  /** The chain's last link of each stream, from memory or (once per stream) the read store. */
  private async headsOf(
    streams: readonly string[],
  ): Promise<Map<string, StreamHeadDocument | null>> {
    const unknown = streams.filter((stream) => !this.heads.has(stream));
    if (unknown.length > 0) {
      const found = await this.store
        .collection<StreamHeadDocument>(STREAM_HEADS_COLLECTION)
        .findByIds(unknown);
      for (const [i, stream] of unknown.entries()) {
        const head = found[i] ?? null;
        // Written ahead of a checkpoint that never landed (a crash, a failed commit): the batch
        // is checked again from the checkpoint, against the stream's head as it stood there.
        const ahead =
          head !== null &&
          (this.committedPosition === null || head._position > this.committedPosition);
        this.heads.set(stream, ahead ? await this.headAtCheckpoint(stream) : head);
      }
    }
    return this.heads;
  }

  /** A stream's last event at or before the committed checkpoint, from the log. */
  private async headAtCheckpoint(stream: string): Promise<StreamHeadDocument | null> {
    const committed = this.committedPosition;
    if (committed === null) return null;
    const events = await this.events.readStream(stream);
    const last = events.filter((event) => event.position <= committed).at(-1);
    return last
      ? { _id: stream, revision: last.revision, hash: last.hash, _position: last.position }
      : null;
  }

  /** Checks a batch, appends its leaves, and commits the read models with the checkpoint. */
  private async applyRows(batch: readonly LogRow[]): Promise<void> {
    await this.checkRows(batch);
    await this.commitChecked();
  }

  /** What `checkRows` found and `commitChecked` writes. */
  private checked = {
    changed: new Set<string>(),
    leafIds: [] as WriteOperation<LeafIdDocument>[],
    semesters: [] as WriteOperation<SemesterSizeDocument>[],
    seals: [] as WriteOperation<SealDocument>[],
  };

  /**
   * Checks rows and appends their leaves, in memory (the tree's touched chunks included);
   * `hashesVerified`: their stored hashes are the start-up check's (see VerifiedHashes).
   */
  private async checkRows(batch: readonly LogRow[], hashesVerified = false): Promise<void> {
    const fresh = batch.filter(
      (e) => this.head.lastPosition === null || e.position > this.head.lastPosition,
    );
    if (fresh.length === 0) return;
    const appender = this.appender!;
    await appender.prepare(fresh.length);
    const heads = await this.headsOf([...new Set(fresh.map((e) => e.stream))]);
    const { changed, leafIds, semesters, seals } = this.checked;
    // Built only for a fault: a row read for its verified hash reads its id only then.
    const placeOf = (event: LogRow, leafIndex: number) => ({
      stream: event.stream,
      revision: event.revision,
      position: event.position,
      eventId: event.id,
      leafIndex,
    });
    const named = (event: LogRow) =>
      `${event.stream}@${event.revision} (posición ${event.position}, evento ${event.id})`;
    for (const event of fresh) {
      const leafIndex = appender.currentSize;
      let recomputed: string | null;
      try {
        // A seal's data becomes a document of its own (the seals read model): hashed always.
        const seal = event.stream === SEALS_STREAM && event.type === SEAL_EVENT;
        recomputed = hashesVerified && !seal ? event.hash : hashOfRow(event);
      } catch (error) {
        recomputed = null;
        this.record({
          kind: 'unreadable',
          ...placeOf(event, leafIndex),
          message: `No se puede leer el contenido de ${named(event)}: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      if (recomputed !== null && recomputed !== event.hash) {
        this.record({
          kind: 'hash',
          ...placeOf(event, leafIndex),
          expected: recomputed,
          found: event.hash,
          message: `El hash guardado de ${named(event)} no corresponde a su contenido: el evento o su hash fue alterado.`,
        });
      }
      // In the SQLite log positions are 1, 2, 3...: a gap is a deleted event, and every later
      // event's leaf would no longer be its position minus one.
      if (this.rows && event.position !== leafIndex + 1) {
        this.record({
          kind: 'position',
          ...placeOf(event, leafIndex),
          expected: leafIndex + 1,
          found: event.position,
          message: `Faltan eventos: las posiciones ${leafIndex + 1}..${event.position - 1} no están, antes de ${named(event)}.`,
        });
      }
      const head = heads.get(event.stream) ?? null;
      const expectedRevision = head ? head.revision + 1 : 0;
      if (event.revision !== expectedRevision) {
        this.record({
          kind: 'revision',
          ...placeOf(event, leafIndex),
          expected: expectedRevision,
          found: event.revision,
          message: `Se esperaba la revisión ${expectedRevision} del flujo ${event.stream} y llegó ${named(event)}.`,
        });
      } else if (event.prevHash !== (head ? head.hash : null)) {
        this.record({
          kind: 'link',
          ...placeOf(event, leafIndex),
          expected: head ? head.hash : null,
          found: event.prevHash,
          message: `Cadena rota en ${named(event)}: su prevHash no es el hash del evento anterior del flujo.`,
        });
      }
      heads.set(event.stream, {
        _id: event.stream,
        revision: event.revision,
        hash: event.hash,
        _position: event.position,
      });
      changed.add(event.stream);
      const semester = semesterKeyOf(event.recordedAt);
      if (this.head.lastSemester !== null && semester > this.head.lastSemester) {
        const { lastSemester, lastPosition } = this.head;
        semesters.push(
          ...endedSemesters(lastSemester, semester, appender.currentSize, lastPosition),
        );
      }
      appender.append(Buffer.from(event.hash, 'hex'));
      // Elsewhere an event's leaf is found by its id; in the SQLite log, by its position.
      if (!this.rows) leafIds.push({ kind: 'put', document: { _id: event.id, leaf: leafIndex } });
      const seal = sealOfRow(event);
      if (seal) seals.push({ kind: 'put', document: { _id: seal.semester, ...seal } });
      this.head = {
        _id: 'head',
        size: appender.currentSize,
        lastPosition: event.position,
        lastSemester: semester,
      };
    }
  }

  /** Writes what was checked since the last commit, and the head with the checkpoint. */
  private async commitChecked(): Promise<void> {
    const { changed, leafIds, semesters, seals } = this.checked;
    if (this.head.lastPosition === null || this.head.lastPosition === this.committedPosition) {
      return;
    }
    const appender = this.appender!;
    const heads = this.heads;
    this.checked = { changed: new Set(), leafIds: [], semesters: [], seals: [] };
    // The tree, ids, stream heads and seals first; the head with the checkpoint last: a crash in
    // between replays the batch, and writing leaves at their index makes that harmless.
    await Promise.all([
      this.store
        .collection(MERKLE_COLLECTION)
        .write([
          ...appender.documents().map((document) => ({ kind: 'put' as const, document })),
          ...semesters,
        ]),
      leafIds.length > 0
        ? this.store.collection<LeafIdDocument>(LEAF_IDS_COLLECTION).write(leafIds)
        : Promise.resolve(),
      this.store
        .collection<StreamHeadDocument>(STREAM_HEADS_COLLECTION)
        .write([...changed].map((stream) => ({ kind: 'put', document: heads.get(stream)! }))),
      seals.length > 0
        ? this.store.collection<SealDocument>(SEALS_COLLECTION).write(seals)
        : Promise.resolve(),
    ]);
    await this.store.commit(
      INTEGRITY_CHECKPOINT,
      new Map([[MERKLE_COLLECTION, [{ kind: 'put', document: this.head }]]]),
      this.head.lastPosition,
    );
    this.committedPosition = this.head.lastPosition;
    this.checkFull();
    this.notify();
  }

  /**
   * Reads the whole log again and checks it (hashes, chains, positions) and that the tree kept
   * here still has the log's root: catches a log changed behind the server's back.
   */
  async fullVerification(): Promise<FullVerification | null> {
    if (this.verifying) return null;
    this.verifying = true;
    try {
      return await this.verifyWhole(1);
    } catch (error) {
      this.logger?.error({ err: error }, 'no se pudo completar la verificación de la bitácora');
      return null;
    } finally {
      this.verifying = false;
      this.notify();
    }
  }

  /** One full verification (`workers` hashing threads, 0: this one), its faults recorded. */
  private async verifyWhole(
    workers: number,
    onProgress?: (events: number) => void,
  ): Promise<FullVerification> {
    const started = Date.now();
    const size = this.head.size;
    const kept = size > 0 ? (await this.reader().rootAt(size)).toString('hex') : null;
    const maxPosition = await this.events.headPosition();
    const report = await verifyLog(
      this.rows
        ? { sqlitePath: this.rows.path, maxPosition }
        : { pages: eventStorePages(this.events) },
      {
        workers,
        contiguousPositions: this.rows !== null,
        now: this.now(),
        seals: kept
          ? [{ origin: 'árbol de este servidor', semester: '', treeSize: size, rootHash: kept }]
          : [],
        ...(onProgress ? { onProgress } : {}),
      },
    );
    for (const fault of report.faults) {
      this.record(
        fault.kind === 'seal-root' || fault.kind === 'seal-beyond-log'
          ? {
              ...fault,
              message: `El registro ya no tiene la raíz de Merkle que este servidor calculó al recibir sus primeros ${size} eventos: fue reescrito o truncado.`,
            }
          : fault,
      );
    }
    this.lastFull = {
      at: this.now(),
      events: report.events,
      throughPosition: report.lastPosition,
      ok: report.ok,
      seconds: (Date.now() - started) / 1000,
    };
    return this.lastFull;
  }
}
