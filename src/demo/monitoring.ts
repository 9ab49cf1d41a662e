/**
 * The demo's SGP-APSB monitoring inputs, as the ministry records them: each vigencia's FUT values
 * and SUI reports the following April, the direct-provider status of Espinal (exempt from report
 * a), 2.1.2) and a strategic flag on Honda.
 */
import type { Principal } from '../domain/access';
import {
  ADMINISTRATIVE_REPORTS,
  monitoring,
  monitoringStreamId,
  type MonitoringCommand,
} from '../domain/monitoring/monitoring';
import type { Territory } from '../domain/territory';
import { DEMO_MUNICIPALITIES } from './seed-constants';
import { commandStep, type DemoStep } from './steps';

const MINISTRY: Principal = {
  id: 'viceministerio-agua',
  name: 'Viceministerio de Agua',
  role: 'MINISTRY',
  entity: 'minvivienda',
};

/** SUI reports each municipality filed (Espinal, a direct provider, not report a). */
const FILED: Record<string, readonly string[]> = {
  '73001': ADMINISTRATIVE_REPORTS,
  '73268': ADMINISTRATIVE_REPORTS.slice(1),
  '73349': ADMINISTRATIVE_REPORTS.slice(0, 2),
  '73168': ADMINISTRATIVE_REPORTS.slice(0, 1),
};

export function monitoringSteps(territory: Territory): DemoStep[] {
  const steps: DemoStep[] = [];
  const step = (at: string, command: MonitoringCommand) =>
    steps.push(
      commandStep(
        at,
        monitoring,
        monitoringStreamId(command.daneCode, command.year),
        command,
        MINISTRY,
        { territory },
      ),
    );
  for (const year of [2024, 2025]) {
    step(`${year + 1}-03-02T09:00:00-05:00`, {
      type: 'RecordDirectProviderStatus',
      daneCode: '73268',
      year,
      directProvider: true,
      decertified: false,
      source: 'RUPS (SSPD)',
    });
    for (const [index, daneCode] of DEMO_MUNICIPALITIES.entries()) {
      const assigned = 800_000_000 + index * 150_000_000;
      const at = `${year + 1}-04-15T09:0${index}:00-05:00`;
      step(at, {
        type: 'RecordBudgetReport',
        daneCode,
        year,
        report: {
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
          subsidiesCommitted: Math.round(assigned * (index === 3 ? 0.1 : 0.15)),
          subsidiesPaid: Math.round(assigned * (index === 3 ? 0.1 : 0.15)),
        },
        source: `FUT ${year}`,
      });
      for (const report of FILED[daneCode]!) {
        step(at, {
          type: 'RecordAdministrativeReport',
          daneCode,
          year,
          report,
          filed: true,
          filedOn: `${year + 1}-02-2${index}`,
          source: 'SUI',
        });
      }
    }
  }
  step('2026-05-05T11:00:00-05:00', {
    type: 'RaiseStrategicFlag',
    daneCode: '73349',
    year: 2025,
    flag: 'Desabastecimiento de agua en la cabecera',
    reason: 'Reporte de la Gobernación del Tolima sobre racionamiento prolongado',
  });
  return steps;
}
