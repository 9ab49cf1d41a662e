/** A report model as the report's builder makes it: one goal of Ibagué, nothing else (tests add). */
import { findIndicator } from '../../src/domain/catalogue/indicators';
import type { ReportModel } from '../../src/report/model';

export function reportModel(overrides: Partial<ReportModel> = {}): ReportModel {
  const end = new Date('2025-07-01T04:59:59.999Z');
  return {
    key: { daneCode: '73001', firstYear: 2024, semester: '2025-1' },
    municipality: 'IBAGUÉ',
    department: 'TOLIMA',
    planId: 'plan-73001-2024',
    lastYear: 2027,
    generatedAt: new Date('2026-11-25T17:00:00Z'),
    packet: { validUntil: end, knownAt: end, fixed: false },
    review: null,
    seal: null,
    planFound: true,
    adoption: null,
    goals: [
      {
        goalId: '73001-2024-ACU-COB-URB',
        indicator: findIndicator('ACU-COB-URB')!,
        baseline: { value: 8000, year: 2023 },
        targets: [2024, 2025, 2026, 2027].map((year, i) => ({
          year,
          target: 500,
          expectedLevel: 8000 - 500 * (i + 1),
        })),
        total: 2000,
        resources: 1_250_000_000,
        amendments: 0,
        reports: [{ date: '2024-12-31', x: 2024, value: 7600, label: '2024' }],
        latest: { date: '2024-12-31', x: 2024, value: 7600, label: '2024' },
        progress: null,
        gap: 0,
      },
    ],
    offTrack: [],
    changes: [],
    projects: [],
    funding: [],
    funds: [],
    irca: [],
    risk: null,
    social: [],
    previous: [],
    ...overrides,
  };
}
