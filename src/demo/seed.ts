/**
 * The demo `npm start` appends to an empty log: four municipalities of Tolima with their sector
 * plans for 2024-2027, the ministry's monitoring inputs, the PDA's social plan and Ibagué's CTP
 * reviews, driven through the same command handlers as users (so the audit trail is real), in date
 * order across streams, with record times spread over the semesters up to today.
 */
import { handleCommand } from '../application/command-handler';
import type { Principal } from '../domain/access';
import { sectorPlan } from '../domain/plan/aggregate';
import { planStreamId } from '../domain/plan/events';
import type { EventStore } from '../eventstore/port';
import type { Divipola } from '../reference/divipola';
import { sectorPlanScript } from './sector-plan';
import { DEMO_FIRST_YEAR, DEMO_MUNICIPALITIES, type DemoStep } from './seed-constants';
import { socialPlanScript } from './social-plan';
import { ctpReviewSteps } from './ctp-review';
import { socialPlan, socialPlanStreamId } from '../domain/social/social-plan';
import {
  ADMINISTRATIVE_REPORTS,
  monitoring,
  monitoringStreamId,
  type MonitoringCommand,
} from '../domain/monitoring/monitoring';

export { DEMO_FIRST_YEAR, DEMO_MUNICIPALITIES };

/** A clock the seed can set to the moment each demo command was "issued". */
export interface SettableClock {
  set(instant: Date | null): void;
}

const PDA_STEPS = new Set(['tercero']);

export async function seedDemo(
  events: EventStore,
  territory: Divipola,
  clock: SettableClock,
  now: Date,
): Promise<number> {
  // Every stream's commands in one timeline: the log records time that never goes backwards, so
  // a command seeded after a later one would be recorded at the later one's time.
  const steps = [
    ...sectorPlanSteps(events, territory),
    ...monitoringSteps(events, territory),
    ...socialPlanSteps(events, territory),
    ...ctpReviewSteps(events, territory),
  ]
    .filter((step) => step.at <= now.getTime())
    .sort((a, b) => a.at - b.at);
  let appended = 0;
  try {
    for (const step of steps) {
      clock.set(new Date(step.at));
      appended += await step.run();
    }
  } finally {
    clock.set(null);
  }
  return appended;
}

function sectorPlanSteps(events: EventStore, territory: Divipola): DemoStep[] {
  const pdaTolima: Principal = {
    id: 'pda-tolima',
    name: 'Gestor PDA Tolima',
    role: 'PDA',
    entity: '73',
  };
  const pdaProjects = new Set<string>();
  return DEMO_MUNICIPALITIES.flatMap((daneCode) =>
    sectorPlanScript(daneCode, DEMO_FIRST_YEAR).map((step) => ({ ...step, daneCode })),
  )
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((step, index) => ({
      at: Date.parse(step.at),
      run: async () => {
        const municipality = territory.municipality(step.daneCode)!;
        const planner: Principal = {
          id: `planeacion-${step.daneCode}`,
          name: `Secretaría de Planeación de ${municipality.name}`,
          role: 'PLANNER',
          entity: step.daneCode,
        };
        const command = step.command;
        // Third-party projects and their links are the PDA's to record.
        const byPda =
          (command.type === 'RegisterProject' && PDA_STEPS.has(command.kind)) ||
          ('projectId' in command && pdaProjects.has(`${step.daneCode}/${command.projectId}`));
        if (command.type === 'RegisterProject' && byPda)
          pdaProjects.add(`${step.daneCode}/${command.projectId}`);
        const result = await handleCommand(
          events,
          sectorPlan,
          planStreamId(step.daneCode, DEMO_FIRST_YEAR),
          command,
          { actor: byPda ? pdaTolima : planner, correlationId: `demo-${index}` },
          { territory },
        );
        return result.events.length;
      },
    }));
}

/** FUT values and SUI reports of vigencias 2024 and 2025, as the ministry records them each April. */
function monitoringSteps(events: EventStore, territory: Divipola): DemoStep[] {
  const ministry: Principal = {
    id: 'viceministerio-agua',
    name: 'Viceministerio de Agua',
    role: 'MINISTRY',
    entity: 'minvivienda',
  };
  return [2024, 2025].flatMap((year) =>
    DEMO_MUNICIPALITIES.flatMap((daneCode, index) => {
      const assigned = 800_000_000 + index * 150_000_000;
      const report = {
        assignedConpes: assigned,
        incorporated: assigned,
        transferred: Math.round(assigned * 0.92),
        collected: Math.round(assigned * 0.92) - (index === 2 ? 40_000_000 : 0),
        withoutFundsAssigned: Math.round(assigned * 0.08),
        withoutFundsReported: Math.round(assigned * 0.08),
        finalRevenue: assigned,
        finalExpenditure: index === 3 ? assigned + 25_000_000 : assigned,
        commitments: Math.round(assigned * 0.95),
        availableResources: assigned,
        ineligibleSpending: 0,
        subsidiesCommitted: Math.round(assigned * 0.15),
        subsidiesPaid: Math.round(assigned * 0.15),
      };
      const stream = monitoringStreamId(daneCode, year);
      const meta = { actor: ministry, correlationId: `demo-monitoring-${daneCode}-${year}` };
      const commands: MonitoringCommand[] = [
        { type: 'RecordBudgetReport', daneCode, year, report, source: `FUT ${year}` },
        ...ADMINISTRATIVE_REPORTS.slice(0, 4 - index).map((code): MonitoringCommand => ({
          type: 'RecordAdministrativeReport',
          daneCode,
          year,
          report: code,
          filed: true,
          filedOn: `${year + 1}-02-2${index}`,
          source: 'SUI',
        })),
      ];
      return commands.map((command) => ({
        at: Date.parse(`${year + 1}-04-15T09:00:00-05:00`),
        run: async () =>
          (await handleCommand(events, monitoring, stream, command, meta, { territory })).events
            .length,
      }));
    }),
  );
}

/** The PDA's Plan de Gestión Social. */
function socialPlanSteps(events: EventStore, territory: Divipola): DemoStep[] {
  const pda: Principal = {
    id: 'pda-tolima-social',
    name: 'Gestora social PDA Tolima',
    role: 'PDA',
    entity: '73',
  };
  return socialPlanScript().map((step, index) => ({
    at: Date.parse(step.at),
    run: async () =>
      (
        await handleCommand(
          events,
          socialPlan,
          socialPlanStreamId('73', DEMO_FIRST_YEAR),
          step.command,
          { actor: pda, correlationId: `demo-social-${index}` },
          { territory },
        )
      ).events.length,
  }));
}
