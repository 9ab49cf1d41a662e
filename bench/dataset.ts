/**
 * A deterministic national dataset for benchmarks: every DIVIPOLA entity (1,121) with a sector
 * plan for two cuatrienios (2020-2023 and 2024-2027), driven through the real deciders, with
 * monthly reports and corrections, appended in time order across all plans. The same arguments
 * always produce the same log; it is cached in the OS temp folder and reused by later benchmarks.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../src/domain/upcasting';
import { decidePlan } from '../src/domain/plan/decide';
import { planStreamId } from '../src/domain/plan/events';
import { evolvePlan, initialPlanState, type PlanState } from '../src/domain/plan/state';
import { sectorPlanScript, type ScriptStep } from '../src/demo/sector-plan';
import type { Clock, JsonObject, NewEvent } from '../src/eventstore/port';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import { loadDivipola } from '../src/reference/divipola';

/**
 * Bumped when the log a run produces changes. 4: the log stores the canonical JSON each event was
 * hashed over (appends do since issue 10), so verifying it need not re-serialize (3 is issue 13's).
 */
export const DATASET_VERSION = 4;

export interface Dataset {
  path: string;
  events: number;
  plans: number;
  refused: number;
  generatedSeconds: number | null;
}

class SettableClock implements Clock {
  current = new Date(0);
  now(): Date {
    return this.current;
  }
}

export async function nationalDataset(
  targetEvents = 1_000_000,
  log = console.error,
): Promise<Dataset> {
  const path = join(tmpdir(), `bitacora-national-v${DATASET_VERSION}-${targetEvents}.db`);
  const territory = loadDivipola();
  const entities = territory.all;
  if (existsSync(path)) {
    const store = new SqliteEventStore({ path });
    const events = await store.count();
    await store.close();
    return { path, events, plans: entities.length * 2, refused: 0, generatedSeconds: null };
  }
  const started = Date.now();
  const steps: Array<ScriptStep & { stream: string; time: number }> = [];
  for (const entity of entities) {
    for (const firstYear of [2020, 2024]) {
      const stream = planStreamId(entity.daneCode, firstYear);
      for (const step of sectorPlanScript(entity.daneCode, firstYear, { detail: 'national' })) {
        steps.push({ ...step, stream, time: Date.parse(step.at) });
      }
    }
  }
  steps.sort((a, b) => a.time - b.time || a.stream.localeCompare(b.stream));
  log(`generando ${steps.length} comandos de ${entities.length * 2} planes…`);

  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const clock = new SettableClock();
  const store = new SqliteEventStore({ path: partial, clock, durability: 'off' });
  const states = new Map<string, PlanState>();
  const actor = {
    id: 'sistema-benchmark',
    name: 'Generador nacional',
    role: 'PLANNER',
    entity: 'bench',
  };
  let appended = 0;
  let refused = 0;
  let group: NewEvent[] = [];
  let groupKey = '';
  const flush = async (stream: string, time: number) => {
    if (group.length === 0) return;
    clock.current = new Date(time);
    await store.append(stream, group, { expectedRevision: 'any' });
    appended += group.length;
    group = [];
  };
  let previous: (typeof steps)[number] | undefined;
  for (const step of steps) {
    if (appended + group.length >= targetEvents) break;
    const key = `${step.stream}@${step.time}`;
    if (key !== groupKey && previous) await flush(previous.stream, previous.time);
    groupKey = key;
    previous = step;
    const state = states.get(step.stream) ?? initialPlanState();
    const decision = decidePlan(step.command, state, { territory });
    if (!decision.ok) {
      refused += 1;
      continue;
    }
    let next = state;
    for (const event of decision.events) {
      next = evolvePlan(next, event);
      group.push({
        type: event.type,
        data: event.data as unknown as JsonObject,
        metadata: {
          actor,
          correlationId: `bench-${appended + group.length}`,
          schemaVersion: CURRENT_SCHEMA_VERSION,
          ...(step.command.reason ? { reason: step.command.reason } : {}),
          ...(step.command.legalBasis ? { legalBasis: step.command.legalBasis } : {}),
        },
      });
    }
    states.set(step.stream, next);
    if (appended % 100_000 < group.length) log(`${appended} eventos…`);
  }
  if (previous) await flush(previous.stream, previous.time);
  await store.close();
  renameSync(partial, path);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  return {
    path,
    events: appended,
    plans: states.size,
    refused,
    generatedSeconds: (Date.now() - started) / 1000,
  };
}
