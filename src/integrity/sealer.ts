/**
 * Seals every semester at its end (Bogotá time): a timer while serving, and at start for the
 * semesters that ended while the server was down. The head comes from the Merkle read model; a log
 * with integrity faults is not sealed (a seal vouches for the record).
 */
import { formatSemesterKey, parseSemester, semesterEnd, semesterOf } from '../domain/time';
import type { EventStore } from '../eventstore/port';
import type { Logger } from '../logging';
import type { IntegrityMonitor } from './monitor';
import {
  appendSeal,
  readSeals,
  sealedThroughOf,
  signSeal,
  type RecordedSeal,
  type SealKey,
} from './seals';

/** After a semester's last instant, wait this long for in-flight appends to commit. */
const GRACE_MS = 10_000;
/** How often a sealer waiting for the integrity monitor looks whether it was stopped. */
const WAIT_STEP_MS = 1_000;
/** Timers are re-armed at least daily (Node caps a timeout at ~24.8 days). */
const MAX_TIMER_MS = 86_400_000;

function semestersFrom(first: string, until: Date): string[] {
  const keys: string[] = [];
  let semester = parseSemester(first);
  while (semesterEnd(semester).getTime() + GRACE_MS <= until.getTime() && keys.length < 400) {
    keys.push(formatSemesterKey(semester));
    semester =
      semester.half === 1 ? { year: semester.year, half: 2 } : { year: semester.year + 1, half: 1 };
  }
  return keys;
}

export class SemesterSealer {
  private timer: NodeJS.Timeout | null = null;
  /** Set by stop(): a sealing that ends afterwards does not arm the timer again. */
  private stopped = false;
  private sealing: Promise<RecordedSeal[]> | null = null;

  constructor(
    private readonly events: EventStore,
    private readonly monitor: IntegrityMonitor,
    private readonly key: SealKey,
    private readonly options: { logger?: Logger; now?: () => Date; waitStepMs?: number } = {},
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Seals every ended semester not sealed yet, oldest first; returns the seals appended. */
  sealEnded(): Promise<RecordedSeal[]> {
    this.sealing ??= this.sealPending().finally(() => {
      this.sealing = null;
    });
    return this.sealing;
  }

  private async sealPending(): Promise<RecordedSeal[]> {
    const [first] = await collect(this.events.readAll({ maxCount: 1 }));
    if (!first) return [];
    const sealed = new Set((await readSeals(this.events)).map((s) => s.semester));
    const due = semestersFrom(formatSemesterKey(semesterOf(first.recordedAt)), this.now()).filter(
      (s) => !sealed.has(s),
    );
    if (due.length === 0) return [];
    if (!(await this.monitorAtHead())) return [];
    const faults = this.monitor.status().faults;
    if (faults.length > 0) {
      this.options.logger?.error(
        { semesters: due, faults: faults.length },
        'no se sella: la bitácora tiene fallas de integridad',
      );
      return [];
    }
    const appended: RecordedSeal[] = [];
    const reader = this.monitor.reader();
    for (const semester of due) {
      const result = await appendSeal(
        this.events,
        async () => {
          const recorded = await reader.semesterSize(semester);
          // No event after the semester's end yet: the whole tree so far is the semester's.
          const size = recorded?.size ?? this.monitor.size;
          const lastPosition = recorded ? recorded.lastPosition : this.monitor.lastPosition;
          return signSeal(this.key, {
            semester,
            treeSize: size,
            rootHash: (await reader.rootAt(size)).toString('hex'),
            lastPosition,
            sealedThrough: sealedThroughOf(semester).toISOString(),
            sealedAt: this.now().toISOString(),
          });
        },
        semester,
      );
      if (result.appended) {
        appended.push(result.seal);
        this.options.logger?.info(
          { semester, treeSize: result.seal.treeSize, rootHash: result.seal.rootHash },
          `semestre ${semester} sellado`,
        );
      }
    }
    return appended;
  }

  /**
   * Waits until the integrity monitor has verified the log up to its head, however long that takes:
   * from an empty read store the national log takes minutes on a loaded machine, and a fixed
   * deadline only turned that into an error and no seal until the next start. A seal vouches for a
   * verified log, so there is nothing else to do meanwhile. The wait goes in steps so that stop()
   * ends it (false); a monitor that failed ends it with its error.
   */
  private async monitorAtHead(): Promise<boolean> {
    const head = await this.events.headPosition();
    while (!this.stopped) {
      try {
        await this.monitor.waitFor(head, this.options.waitStepMs ?? WAIT_STEP_MS);
        return true;
      } catch (error) {
        if (this.monitor.failed) throw error;
        // Not there yet: another step.
      }
    }
    return false;
  }

  /** Arms the timer for the end of the current semester. */
  start(): void {
    if (this.stopped) return;
    const now = this.now();
    const end = semesterEnd(semesterOf(now)).getTime() + GRACE_MS;
    const delay = Math.max(1_000, Math.min(end - now.getTime() + 1, MAX_TIMER_MS));
    this.timer = setTimeout(() => {
      void this.sealEnded()
        .catch((error: unknown) => this.options.logger?.error({ err: error }, 'no se pudo sellar'))
        .finally(() => this.start());
    }, delay);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sealing?.catch(() => undefined);
  }
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
