/**
 * A deterministic national dataset for benchmarks: every DIVIPOLA entity (1,121) with a sector
 * plan for two cuatrienios (2020-2023 and 2024-2027), driven through the real deciders, with
 * monthly reports and corrections, and the ministry's SGP-APSB monitoring inputs for every entity
 * and vigencia (FUT values, SUI reports, some direct providers and strategic flags, and the yearly
 * component selection), appended in time order across all streams. The same arguments always
 * produce the same log; it is cached in the OS temp folder and reused by later benchmarks.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CURRENT_SCHEMA_VERSION } from '../src/domain/upcasting';
import {
  componentsStreamId,
  decideMethodology,
  evolveMethodology,
  initialMethodologyState,
  MONITORED_COMPONENTS,
  type MethodologyCommand,
} from '../src/domain/monitoring/methodology';
import {
  ADMINISTRATIVE_REPORTS,
  decideMonitoring,
  evolveMonitoring,
  initialMonitoringState,
  monitoringStreamId,
  type MonitoringCommand,
} from '../src/domain/monitoring/monitoring';
import { decidePlan } from '../src/domain/plan/decide';
import { planStreamId } from '../src/domain/plan/events';
import { evolvePlan, initialPlanState } from '../src/domain/plan/state';
import type { Territory } from '../src/domain/territory';
import { sectorPlanScript, seeded } from '../src/demo/sector-plan';
import type { Clock, JsonObject, NewEvent } from '../src/eventstore/port';
import { SqliteEventStore } from '../src/eventstore/sqlite';
import { loadDivipola } from '../src/reference/divipola';

/**
 * Bumped when the log a run produces changes. 5: issue 13's monitoring inputs for every entity and
 * vigencia (its v3) in the log that stores the canonical JSON each event was hashed over (issue
 * 10's v4), so verifying it need not re-serialize. Earlier versions are left as they were.
 */
export const DATASET_VERSION = 5;

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

type Decision = { ok: true; events: Array<{ type: string; data: object }> } | { ok: false };

/** An aggregate as the generator drives it: state per stream, decide, evolve. */
interface Driven {
  initial(): unknown;
  decide(command: unknown, state: unknown): Decision;
  evolve(state: unknown, event: { type: string; data: object }): unknown;
}

function drivers(territory: Territory): Record<'plan' | 'monitoring' | 'methodology', Driven> {
  return {
    plan: {
      initial: initialPlanState,
      decide: (command, state) => decidePlan(command as never, state as never, { territory }),
      evolve: (state, event) => evolvePlan(state as never, event as never),
    },
    monitoring: {
      initial: initialMonitoringState,
      decide: (command, state) => decideMonitoring(command as never, state as never, { territory }),
      evolve: (state, event) => evolveMonitoring(state as never, event as never),
    },
    methodology: {
      initial: initialMethodologyState,
      decide: (command, state) => decideMethodology(command as never, state as never),
      evolve: (state, event) => evolveMethodology(state as never, event as never),
    },
  };
}

interface Step {
  stream: string;
  time: number;
  aggregate: keyof ReturnType<typeof drivers>;
  command: { reason?: string; legalBasis?: string };
}

/**
 * What the ministry records for an entity's vigencia, each April of the following year: the FUT
 * values (each budget item complied with most of the time), the SUI reports filed, and for a few
 * entities a direct-provider status or a strategic flag.
 */
function monitoringCommands(daneCode: string, year: number): MonitoringCommand[] {
  const random = seeded(Number(daneCode) * 31 + year);
  const assigned = 200_000_000 + Math.round(random() * 4_000_000_000);
  const off = (p: number) => (random() < p ? Math.round(assigned * 0.05) : 0);
  const transferred = Math.round(assigned * 0.92);
  const commands: MonitoringCommand[] = [
    {
      type: 'RecordBudgetReport',
      daneCode,
      year,
      source: `FUT ${year}`,
      report: {
        assignedConpes: assigned,
        incorporated: assigned - off(0.1),
        transferred,
        collected: transferred - off(0.1),
        withoutFundsAssigned: Math.round(assigned * 0.08),
        withoutFundsReported: Math.round(assigned * 0.08) - off(0.1),
        finalRevenue: assigned,
        finalExpenditure: assigned + off(0.15),
        commitments: Math.round(assigned * 0.95) + off(0.1) * 2,
        availableResources: assigned,
        ineligibleSpending: off(0.05),
        subsidiesCommitted: Math.round(assigned * (random() < 0.85 ? 0.16 : 0.1)),
        subsidiesPaid: Math.round(assigned * 0.1),
      },
    },
  ];
  for (const report of ADMINISTRATIVE_REPORTS) {
    if (random() < 0.8) {
      commands.push({
        type: 'RecordAdministrativeReport',
        daneCode,
        year,
        report,
        filed: true,
        filedOn: `${year + 1}-02-15`,
        source: 'SUI',
      });
    }
  }
  if (random() < 0.1) {
    commands.push({
      type: 'RecordDirectProviderStatus',
      daneCode,
      year,
      directProvider: true,
      decertified: random() < 0.2,
      source: 'RUPS (SSPD)',
    });
  }
  if (random() < 0.03) {
    commands.push({
      type: 'RaiseStrategicFlag',
      daneCode,
      year,
      flag: 'Emergencia sanitaria',
      reason: 'Reporte de la autoridad sanitaria departamental',
    });
  }
  return commands;
}

const VIGENCIAS = [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027];

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
  const steps: Step[] = [];
  for (const entity of entities) {
    for (const firstYear of [2020, 2024]) {
      const stream = planStreamId(entity.daneCode, firstYear);
      for (const step of sectorPlanScript(entity.daneCode, firstYear, { detail: 'national' })) {
        steps.push({ stream, time: Date.parse(step.at), aggregate: 'plan', command: step.command });
      }
    }
    for (const year of VIGENCIAS) {
      const time = Date.parse(`${year + 1}-04-15T09:00:00-05:00`);
      for (const command of monitoringCommands(entity.daneCode, year)) {
        steps.push({
          stream: monitoringStreamId(entity.daneCode, year),
          time,
          aggregate: 'monitoring',
          command,
        });
      }
    }
  }
  for (const year of VIGENCIAS) {
    const command: MethodologyCommand = {
      type: 'SelectComponents',
      year,
      components: [...MONITORED_COMPONENTS],
      legalBasis: `Circular del Viceministerio de Agua ${year + 1}`,
    };
    const time = Date.parse(`${year + 1}-03-01T09:00:00-05:00`);
    steps.push({ stream: componentsStreamId(year), time, aggregate: 'methodology', command });
  }
  steps.sort((a, b) => a.time - b.time || a.stream.localeCompare(b.stream));
  log(`generando ${steps.length} comandos de ${entities.length * 2} planes y su monitoreo…`);

  const partial = `${path}.partial`;
  rmSync(partial, { force: true });
  const clock = new SettableClock();
  const store = new SqliteEventStore({ path: partial, clock, durability: 'off' });
  const aggregates = drivers(territory);
  const states = new Map<string, unknown>();
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
  let previous: Step | undefined;
  for (const step of steps) {
    if (appended + group.length >= targetEvents) break;
    const key = `${step.stream}@${step.time}`;
    if (key !== groupKey && previous) await flush(previous.stream, previous.time);
    groupKey = key;
    previous = step;
    const aggregate = aggregates[step.aggregate];
    const state = states.get(step.stream) ?? aggregate.initial();
    const decision = aggregate.decide(step.command, state);
    if (!decision.ok) {
      refused += 1;
      continue;
    }
    let next = state;
    for (const event of decision.events) {
      next = aggregate.evolve(next, event);
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
    plans: [...states.keys()].filter((stream) => stream.startsWith('plan-')).length,
    refused,
    generatedSeconds: (Date.now() - started) / 1000,
  };
}
