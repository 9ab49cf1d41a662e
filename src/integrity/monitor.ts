/**
 * Verification while serving: a consumer of the log, beside the projector, that checks each event
 * as it arrives (its hash recomputed, its link to the stream's previous event, positions in order)
 * and maintains the Merkle tree read model, the semester sizes and the seals read model. Its
 * checkpoint and documents live in the read store, through its port.
 *
 * A fault is logged at error level, kept with its place, makes /readyz fail, and makes writes to
 * the damaged stream fail with INTEGRITY; reads go on, so auditors can investigate.
 */
import { hashEnvelope } from '../eventstore/integrity';
import type { EventStore, Position, RecordedEvent } from '../eventstore/port';
import { formatSemesterKey, semesterOf } from '../domain/time';
import type { Logger } from '../logging';
import type { ReadStore, WriteOperation } from '../readstore/port';
import { eventStorePages } from './log-source';
import {
  LEAF_IDS_COLLECTION,
  MERKLE_COLLECTION,
  MerkleAppender,
  MerkleReader,
  semesterId,
  type LeafIdDocument,
  type MerkleHeadDocument,
  type SemesterSizeDocument,
} from './merkle-store';
import { sealOf, type RecordedSeal } from './seals';
import { verifyLog, type Fault } from './verifier';

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

export interface IntegrityStatus {
  status: 'intact' | 'damaged' | 'verifying';
  verifiedThroughPosition: number | null;
  treeSize: number;
  lastFullVerification: FullVerification | null;
  faults: FaultRecord[];
}

export interface SealDocument extends RecordedSeal {
  _id: string;
}

export interface IntegrityMonitorOptions {
  logger?: Logger;
  batchSize?: number;
  /** Hours between full verifications while serving (0: never). */
  fullCheckHours?: number;
  now?: () => Date;
}

const IDLE = Symbol('idle');

/** Semesters from `from` (inclusive) to `to` (exclusive), keys "AAAA-S". */
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

  constructor(
    private readonly events: EventStore,
    private readonly store: ReadStore,
    private readonly options: IntegrityMonitorOptions = {},
  ) {
    this.logger = options.logger;
    this.batchSize = options.batchSize ?? 1000;
    this.now = options.now ?? (() => new Date());
  }

  readonly reader = (): MerkleReader => new MerkleReader(this.store);

  /** Starts following the log from the checkpoint; a full verification when resuming. */
  async start(): Promise<void> {
    const checkpoint = await this.store.getCheckpoint(INTEGRITY_CHECKPOINT);
    this.head = await this.reader().head();
    this.appender = new MerkleAppender(this.store, this.head.size);
    const stored = await this.store
      .collection<FaultRecord & { _id: string }>(FAULTS_COLLECTION)
      .find();
    for (const fault of stored) this.record(fault, false);
    const fromScratch = checkpoint === null;
    const target = await this.events.headPosition();
    this.controller = new AbortController();
    this.running = this.follow(
      checkpoint,
      this.controller.signal,
      fromScratch ? target : null,
    ).catch((error: unknown) => {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.logger?.error({ err: error }, 'la verificación de integridad se detuvo');
      this.notify();
    });
    // Resuming from a persisted read model: what was read before is checked again in the background.
    if (!fromScratch) void this.fullVerification();
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
    return {
      status: this.faults.length > 0 ? 'damaged' : this.verifying ? 'verifying' : 'intact',
      verifiedThroughPosition: this.head.lastPosition,
      treeSize: this.head.size,
      lastFullVerification: this.lastFull,
      faults: [...this.faults],
    };
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

  /** Resolves when the monitor has consumed the log up to `position` (default: the head). */
  async waitFor(position?: Position | null, timeoutMs = 30_000): Promise<void> {
    const target = position === undefined ? await this.events.headPosition() : position;
    if (target === null) return;
    const deadline = Date.now() + timeoutMs;
    while (this.head.lastPosition === null || this.head.lastPosition < target) {
      if (this.failure) throw this.failure;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`la verificación no alcanzó la posición ${target}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(wake, Math.min(remaining, 50));
        this.waiters.add(wake);
      });
    }
  }

  private async follow(
    checkpoint: Position | null,
    signal: AbortSignal,
    fullTarget: Position | null,
  ): Promise<void> {
    const started = Date.now();
    if (fullTarget !== null) this.verifying = true;
    const subscription = this.events.subscribeAll({
      ...(checkpoint === null ? {} : { afterPosition: checkpoint }),
      signal,
    });
    const iterator = subscription[Symbol.asyncIterator]();
    const batch: RecordedEvent[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await this.apply(batch.splice(0));
      // Started from scratch: reaching the head as it was is a full verification of the log.
      if (
        fullTarget !== null &&
        this.head.lastPosition !== null &&
        this.head.lastPosition >= fullTarget
      ) {
        this.finishFull(started, this.faults.length === 0);
        fullTarget = null;
      }
    };
    if (fullTarget === null && checkpoint === null) this.finishFull(started, true);
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
      await subscription.close();
    }
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

  /** Checks a batch, appends its leaves, and commits the read models with the checkpoint. */
  private async apply(batch: readonly RecordedEvent[]): Promise<void> {
    const fresh = batch.filter(
      (e) => this.head.lastPosition === null || e.position > this.head.lastPosition,
    );
    if (fresh.length === 0) return;
    const appender = this.appender!;
    await appender.prepare(fresh.length);
    const streams = [...new Set(fresh.map((e) => e.stream))];
    const found = await this.store
      .collection<StreamHeadDocument>(STREAM_HEADS_COLLECTION)
      .findByIds(streams);
    const heads = new Map(streams.map((s, i) => [s, found[i] ?? null]));
    const leafIds: WriteOperation<LeafIdDocument>[] = [];
    const semesters: WriteOperation<SemesterSizeDocument>[] = [];
    const seals: WriteOperation<SealDocument>[] = [];
    for (const event of fresh) {
      const leafIndex = appender.currentSize;
      const where = {
        stream: event.stream,
        revision: event.revision,
        position: event.position,
        eventId: event.id,
        leafIndex,
      };
      const at = `${event.stream}@${event.revision} (posición ${event.position}, evento ${event.id})`;
      const recomputed = hashEnvelope(event);
      if (recomputed !== event.hash) {
        this.record({
          kind: 'hash',
          ...where,
          expected: recomputed,
          found: event.hash,
          message: `El hash guardado de ${at} no corresponde a su contenido: el evento o su hash fue alterado.`,
        });
      }
      const head = heads.get(event.stream) ?? null;
      const expectedRevision = head ? head.revision + 1 : 0;
      if (event.revision !== expectedRevision) {
        this.record({
          kind: 'revision',
          ...where,
          expected: expectedRevision,
          found: event.revision,
          message: `Se esperaba la revisión ${expectedRevision} del flujo ${event.stream} y llegó ${at}.`,
        });
      } else if (event.prevHash !== (head ? head.hash : null)) {
        this.record({
          kind: 'link',
          ...where,
          expected: head ? head.hash : null,
          found: event.prevHash,
          message: `Cadena rota en ${at}: su prevHash no es el hash del evento anterior del flujo.`,
        });
      }
      heads.set(event.stream, {
        _id: event.stream,
        revision: event.revision,
        hash: event.hash,
        _position: event.position,
      });
      const semester = formatSemesterKey(semesterOf(event.recordedAt));
      if (this.head.lastSemester !== null && semester > this.head.lastSemester) {
        for (const ended of semestersFrom(this.head.lastSemester, semester)) {
          semesters.push({
            kind: 'put',
            document: {
              _id: semesterId(ended),
              semester: ended,
              size: appender.currentSize,
              lastPosition: this.head.lastPosition,
            },
          });
        }
      }
      appender.append(Buffer.from(event.hash, 'hex'));
      leafIds.push({ kind: 'put', document: { _id: event.id, leaf: leafIndex } });
      const seal = sealOf(event);
      if (seal) seals.push({ kind: 'put', document: { _id: seal.semester, ...seal } });
      this.head = {
        _id: 'head',
        size: appender.currentSize,
        lastPosition: event.position,
        lastSemester: semester,
      };
    }
    // The tree, ids, stream heads and seals first; the head with the checkpoint last: a crash in
    // between replays the batch, and writing leaves at their index makes that harmless.
    await Promise.all([
      this.store
        .collection(MERKLE_COLLECTION)
        .write([
          ...appender.documents().map((document) => ({ kind: 'put' as const, document })),
          ...semesters,
        ]),
      this.store.collection<LeafIdDocument>(LEAF_IDS_COLLECTION).write(leafIds),
      this.store
        .collection<StreamHeadDocument>(STREAM_HEADS_COLLECTION)
        .write(
          [...heads.values()]
            .filter((h): h is StreamHeadDocument => h !== null)
            .map((document) => ({ kind: 'put', document })),
        ),
      seals.length > 0
        ? this.store.collection<SealDocument>(SEALS_COLLECTION).write(seals)
        : Promise.resolve(),
    ]);
    await this.store.commit(
      INTEGRITY_CHECKPOINT,
      new Map([[MERKLE_COLLECTION, [{ kind: 'put', document: this.head }]]]),
      this.head.lastPosition!,
    );
    this.notify();
  }

  /**
   * Reads the whole log again and checks it (hashes, chains, positions) and that the tree kept
   * here still has the log's root: catches a log changed behind the server's back.
   */
  async fullVerification(): Promise<FullVerification | null> {
    if (this.verifying) return null;
    this.verifying = true;
    const started = Date.now();
    try {
      const size = this.head.size;
      const kept = size > 0 ? (await this.reader().rootAt(size)).toString('hex') : null;
      const report = await verifyLog(
        { pages: eventStorePages(this.events) },
        {
          workers: 1,
          now: this.now(),
          seals: kept
            ? [{ origin: 'árbol de este servidor', semester: '', treeSize: size, rootHash: kept }]
            : [],
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
      const ok = report.ok;
      this.lastFull = {
        at: this.now(),
        events: report.events,
        throughPosition: report.lastPosition,
        ok,
        seconds: (Date.now() - started) / 1000,
      };
      return this.lastFull;
    } catch (error) {
      this.logger?.error({ err: error }, 'no se pudo completar la verificación de la bitácora');
      return null;
    } finally {
      this.verifying = false;
      this.notify();
    }
  }
}
