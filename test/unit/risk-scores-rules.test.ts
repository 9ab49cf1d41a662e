/**
 * The rules of the `risk_scores` read model, stated as given events / then the document: every
 * vigencia's latest version is the SGP-APSB assessment computed afresh from the plan, the
 * monitoring inputs, the methodologies and the component selections recorded so far; a vigencia
 * keeps one version per semester of record time (Bogotá), the last change of that semester; an
 * event that changes no score leaves the versions as they were; and the events reach the entities
 * they concern (plan and monitoring: their municipality; methodologies: every entity).
 */
import {
  riskDocumentId,
  riskScoresProjection,
  semesterNumber,
  RISK_MAP_COLLECTION,
  type RiskDocument,
  type RiskVersion,
} from '../../projections/risk-scores';
import { assessVigencia, vigenciaInputs } from '../../src/domain/monitoring/assessment';
import {
  MONITORED_COMPONENTS,
  RES_449_2013,
  type Methodology,
  type MonitoredComponent,
} from '../../src/domain/monitoring/methodology';
import {
  evolveMonitoring,
  initialMonitoringState,
  type MonitoringEvent,
  type MonitoringState,
} from '../../src/domain/monitoring/monitoring';
import { compactItems } from '../../src/domain/monitoring/scoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import { foldPlan } from '../../src/domain/plan/state';
import { periodContaining } from '../../src/domain/time';
import type { RecordedEvent } from '../../src/eventstore/port';
import { compliantBudget, laterMethodology as methodology } from '../support/monitoring';
import {
  baselineAcueductoUrbano,
  baselineAguasTratadas,
  goalAcueductoUrbano,
  goalAguasTratadas,
  planAdopted,
  planOpened,
  progressReported,
} from '../support/plan';

const IBAGUE = '73001';
const ID = riskDocumentId(IBAGUE);
const MEDELLIN = '05001';
const projection = riskScoresProjection([IBAGUE, MEDELLIN]);

// ------------------------------------------------------------------------------------ the events

/** Record time in Bogotá (UTC-5): `bogota(2024, 6, 30, 22)` is 30 June 2024, 22:00 in Colombia. */
const bogota = (year: number, month: number, day: number, hour = 12) =>
  new Date(Date.UTC(year, month - 1, day, hour + 5));

let position = 0;
function recorded(stream: string, fact: { type: string; data: unknown }, at: Date): RecordedEvent {
  position += 1;
  return {
    id: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type: fact.type,
    data: fact.data as RecordedEvent['data'],
    metadata: {
      actor: { id: 'u-1', name: 'Ana Gómez', role: 'MINISTRY', entity: 'MINVIVIENDA' },
      correlationId: 'c',
      schemaVersion: 2,
      issuedAt: at.toISOString(),
    },
    stream,
    revision: position,
    position,
    recordedAt: at,
    prevHash: null,
    hash: 'h',
  };
}

const inPlan = (event: PlanEvent, at: Date, stream = 'plan-73001-2024') =>
  recorded(stream, event, at);
const inMonitoring = (event: MonitoringEvent, at: Date) =>
  recorded(`monitoring-${event.data.daneCode}-${event.data.year}`, event, at);
const defined = (methodology: Methodology, at: Date) =>
  recorded(
    `methodology-${methodology.id}`,
    { type: 'MethodologyDefined', data: { methodology } },
    at,
  );
const selected = (year: number, components: MonitoredComponent[], at: Date) =>
  recorded(
    `sgp-components-${year}`,
    { type: 'ComponentsSelected', data: { year, components } },
    at,
  );

const baseline = (indicator: string, value: number): PlanEvent => ({
  type: 'BaselineSet',
  data: { indicator, value, measuredAt: { year: 2023 }, source: 'SUI', previous: null },
});
const goal = (indicator: string, targets: [number, number, number, number]): PlanEvent => ({
  type: 'GoalSet',
  data: {
    goalId: `73001-2024-${indicator}`,
    indicator,
    targets,
    total: targets.reduce((a, b) => a + b, 0),
    previous: null,
  },
});
const amended = (indicator: string, targets: [number, number, number, number]): PlanEvent => ({
  type: 'GoalAmended',
  data: {
    goalId: `73001-2024-${indicator}`,
    indicator,
    targets,
    total: targets.reduce((a, b) => a + b, 0),
    previous: { targets: [0, 0, 0, 0], total: 0 },
  },
});

const budget = (year: number, report = compliantBudget, daneCode = IBAGUE): MonitoringEvent => ({
  type: 'BudgetReported',
  data: { daneCode, year, report, source: 'FUT', previous: null },
});
const filed = (year: number, code: string): MonitoringEvent => ({
  type: 'AdministrativeReportRecorded',
  data: { daneCode: IBAGUE, year, report: code, filed: true, filedOn: '2025-02-01', source: 'SUI' },
});
const flagRaised = (year: number, flag: string): MonitoringEvent => ({
  type: 'StrategicFlagRaised',
  data: { daneCode: IBAGUE, year, flag },
});
const flagWithdrawn = (year: number, flag: string): MonitoringEvent => ({
  type: 'StrategicFlagWithdrawn',
  data: { daneCode: IBAGUE, year, flag },
});
const directProvider = (year: number): MonitoringEvent => ({
  type: 'DirectProviderStatusRecorded',
  data: {
    daneCode: IBAGUE,
    year,
    directProvider: true,
    decertified: false,
    source: 'SSPD',
    previous: null,
  },
});

// ------------------------------------------------------------------------------ folding and truth

/**
 * The document after each event, applied both ways (`apply` on a copy and `applyInPlace` on a
 * draft, which must agree), checking that `apply` leaves the document it was given as it was.
 */
function fold(events: RecordedEvent[], id = ID): RiskDocument[] {
  let copied: RiskDocument | null = null;
  let draft: RiskDocument | null = null;
  const documents: RiskDocument[] = [];
  for (const event of events) {
    const given = copied === null ? null : structuredClone(copied);
    const next: RiskDocument = {
      ...projection.apply(copied, event, id)!,
      _position: event.position,
    };
    expect(copied).toEqual(given);
    // A draft is scored when written (`finalize`), here after every event.
    draft = projection.applyInPlace!(draft, event, id) as RiskDocument;
    draft._position = event.position;
    expect(projection.finalize!(draft)).toEqual(next);
    documents.push(next);
    copied = next;
  }
  return documents;
}

/** What every vigencia must read after `events`, folded afresh by the domain's own functions. */
function truthAfter(events: RecordedEvent[]) {
  const plans = new Map<number, PlanEvent[]>();
  const monitoring = new Map<number, MonitoringState>();
  const methodologies: Methodology[] = [];
  const selections = new Map<number, MonitoredComponent[]>();
  for (const event of events) {
    const data = event.data as Record<string, unknown>;
    const plan = /^plan-\d{5}-(\d{4})$/.exec(event.stream);
    if (plan) {
      const firstYear = Number(plan[1]);
      plans.set(firstYear, [...(plans.get(firstYear) ?? []), event as unknown as PlanEvent]);
    } else if (event.stream.startsWith('monitoring-')) {
      const year = data.year as number;
      monitoring.set(
        year,
        evolveMonitoring(
          monitoring.get(year) ?? initialMonitoringState(),
          event as unknown as MonitoringEvent,
        ),
      );
    } else if (event.type === 'MethodologyDefined') {
      methodologies.push(data.methodology as Methodology);
    } else {
      selections.set(data.year as number, data.components as MonitoredComponent[]);
    }
  }
  return (year: number) => {
    const planEvents = plans.get(periodContaining(year).firstYear);
    const inputs = vigenciaInputs(
      year,
      monitoring.get(year) ?? initialMonitoringState(),
      planEvents ? foldPlan(planEvents) : null,
    );
    const components = selections.get(year) ?? [];
    const { applied, items, score } = assessVigencia(inputs, methodologies, components);
    return {
      items: compactItems(items),
      strategicFlags: score.strategicFlags,
      components,
      methodologyId: applied.methodology.id,
      inForce: applied.inForce,
      categories: score.categories.map((category) => category.score),
      total: score.total,
      level: score.level,
      prioritised: score.prioritised,
    };
  };
}

const latest = (doc: RiskDocument, year: number): RiskVersion => {
  const versions = doc.vigencias[String(year)];
  if (!versions) throw new Error(`sin versiones para la vigencia ${year}`);
  return versions[versions.length - 1]!;
};

/** After every event, every vigencia's latest version is the assessment computed afresh. */
function expectEveryScoreFresh(events: RecordedEvent[], years: number[]): RiskDocument {
  const documents = fold(events);
  documents.forEach((doc, index) => {
    const truth = truthAfter(events.slice(0, index + 1));
    for (const year of Object.keys(doc.vigencias).map(Number)) {
      const version = latest(doc, year);
      const { semester: _semester, ...kept } = version;
      expect({ after: index, year, ...kept }).toEqual({ after: index, year, ...truth(year) });
    }
  });
  const last = documents[documents.length - 1]!;
  expect(Object.keys(last.vigencias).map(Number)).toEqual(years);
  return last;
}

// ----------------------------------------------------------------------------------------- tests

describe('risk_scores: cada vigencia lee el puntaje calculado de nuevo con lo registrado', () => {
  it('tras cada evento del plan (metas, líneas base, reportes de varios años y meses, correcciones tardías y enmiendas), cada vigencia del cuatrienio tiene el puntaje del plan como está', () => {
    let month = 0;
    const next = () => bogota(2024, 1, 10 + (month++ % 15));
    const doc = expectEveryScoreFresh(
      [
        inPlan(planOpened, next()),
        inPlan(baselineAcueductoUrbano, next()),
        inPlan(goalAcueductoUrbano, next()),
        inPlan(baselineAguasTratadas, next()),
        inPlan(goalAguasTratadas, next()),
        inPlan(baseline('ACU-IRCA-URB', 12), next()),
        inPlan(goal('ACU-IRCA-URB', [2, 2, 2, 2]), next()),
        inPlan(baseline('ASE-DISP-URB', 60), next()),
        inPlan(goal('ASE-DISP-URB', [10, 10, 10, 5]), next()),
        // A plan event no score reads, and a goal of an indicator no component monitors.
        inPlan(planAdopted, next()),
        inPlan(goal('ACU-CONT-URB', [1, 1, 1, 1]), next()),
        // Reports of 2024 (June, then the year), a late March, and a 2026 report.
        inPlan(progressReported('ACU-COB-URB', 11_600, { year: 2024, month: 6 }), next()),
        inPlan(progressReported('ACU-COB-URB', 11_000, { year: 2024 }), next()),
        inPlan(progressReported('ACU-COB-URB', 11_900, { year: 2024, month: 3 }), next()),
        inPlan(progressReported('ALC-TRAT-URB', 28.5, { year: 2024, month: 12 }), next()),
        inPlan(progressReported('ACU-IRCA-URB', 9, { year: 2026, month: 2 }), next()),
        inPlan(progressReported('ACU-COB-URB', 8_000, { year: 2026, month: 6 }), next()),
        // A late report of 2025 reaches 2025 only: 2026 and 2027 read the 2026 report.
        inPlan(progressReported('ACU-COB-URB', 10_800, { year: 2025, month: 11 }), next()),
        // A correction of the same period replaces its value.
        inPlan(progressReported('ACU-COB-URB', 9_500, { year: 2025, month: 11 }), next()),
        inPlan(progressReported('ASE-DISP-URB', 90, { year: 2027, month: 12 }), next()),
        inPlan(amended('ACU-COB-URB', [500, 500, 500, 500]), next()),
        inPlan(amended('ACU-COB-URB', [100, 100, 5_000, 100]), next()),
        inPlan(progressReported('ALC-TRAT-URB', 26, { year: 2025, month: 6 }), next()),
      ],
      [2024, 2025, 2026, 2027],
    );
    // And the reports moved the cobertura item of every vigencia off zero (the checks had teeth)
    const COBERTURA = MONITORED_COMPONENTS.indexOf('cobertura');
    expect(
      [2024, 2025, 2026, 2027].map((y) => latest(doc, y).items.sectoriales[COBERTURA]! > 0),
    ).toEqual([true, true, true, true]);
  });

  it('tras cada insumo de monitoreo (FUT, reportes SUI, banderas estratégicas, prestador directo), con y sin plan, la vigencia tiene el puntaje de sus insumos', () => {
    const noncompliant = { ...compliantBudget, incorporated: 1, commitments: 2_000_000_000 };
    expectEveryScoreFresh(
      [
        // Monitoring of a vigencia of another cuatrienio, before any plan.
        inMonitoring(budget(2023), bogota(2024, 1, 5)),
        inMonitoring(filed(2023, 'SUI_ESTRATIFICACION'), bogota(2024, 1, 6)),
        inPlan(planOpened, bogota(2024, 1, 7)),
        inPlan(baselineAcueductoUrbano, bogota(2024, 1, 8)),
        inPlan(goalAcueductoUrbano, bogota(2024, 1, 9)),
        inMonitoring(budget(2025, noncompliant), bogota(2024, 2, 1)),
        inMonitoring(budget(2025), bogota(2024, 8, 1)),
        inMonitoring(filed(2025, 'SUI_CONTRATO_SUBSIDIOS'), bogota(2024, 8, 2)),
        inMonitoring(directProvider(2025), bogota(2024, 8, 3)),
        inMonitoring(filed(2025, 'SUI_FONDO_SOLIDARIDAD'), bogota(2024, 8, 4)),
        inMonitoring(flagRaised(2025, 'IRCA_ALTO'), bogota(2024, 8, 5)),
        inMonitoring(flagRaised(2025, 'SIN_PRESTADOR'), bogota(2024, 8, 6)),
        inMonitoring(flagWithdrawn(2025, 'IRCA_ALTO'), bogota(2024, 8, 7)),
        inMonitoring(flagWithdrawn(2025, 'SIN_PRESTADOR'), bogota(2024, 8, 8)),
        inPlan(
          progressReported('ACU-COB-URB', 10_000, { year: 2025, month: 12 }),
          bogota(2024, 9, 1),
        ),
        // Monitoring of a vigencia after the cuatrienio, which no plan of this document covers.
        inMonitoring(budget(2028), bogota(2024, 9, 2)),
      ],
      [2023, 2024, 2025, 2026, 2027, 2028],
    );
  });

  it('una metodología registrada se aplica a las vigencias que cubre (de su primer a su último año) y la selección de componentes a su vigencia; las demás no cambian', () => {
    const events = [
      inPlan(planOpened, bogota(2024, 1, 7)),
      inPlan(baselineAcueductoUrbano, bogota(2024, 1, 8)),
      inPlan(goalAcueductoUrbano, bogota(2024, 1, 9)),
      inPlan(
        progressReported('ACU-COB-URB', 11_500, { year: 2024, month: 12 }),
        bogota(2024, 1, 10),
      ),
      inMonitoring(budget(2025), bogota(2024, 1, 11)),
      inMonitoring(flagRaised(2026, 'IRCA_ALTO'), bogota(2024, 1, 12)),
      inMonitoring(filed(2028, 'SUI_ESTRATIFICACION'), bogota(2024, 1, 13)),
      // 2025 and 2026 only.
      defined(methodology('RES-98-2019', 2025, 2026), bogota(2024, 8, 1)),
      // From 2027 on, and a later one for 2026 alone, which takes 2026 over.
      defined(methodology('RES-10-2027', 2027, null), bogota(2024, 8, 2)),
      defined(methodology('RES-11-2026', 2026, 2026), bogota(2024, 8, 3)),
      selected(2025, ['cobertura'], bogota(2024, 8, 4)),
      selected(2025, ['cobertura', 'calidad_agua'], bogota(2024, 8, 5)),
      selected(2025, ['calidad_agua', 'cobertura'], bogota(2024, 8, 6)),
      selected(2027, ['gestion_ambiental'], bogota(2024, 8, 7)),
      // A selection for a vigencia this entity has nothing of creates no vigencia.
      selected(2031, ['cobertura'], bogota(2024, 8, 8)),
      // Its inputs then arrive: the vigencia is scored with the selection recorded before.
      inMonitoring(budget(2031), bogota(2024, 8, 9)),
      // Res. 449 itself recorded again, in force from 2013 on, the next semester: the latest
      // recorded that covers a vigencia applies, and 2024 reads it in force, no longer a reference.
      defined({ ...RES_449_2013, lastYear: null }, bogota(2025, 1, 10)),
    ];
    const doc = expectEveryScoreFresh(events, [2024, 2025, 2026, 2027, 2028, 2031]);
    expect(
      Object.fromEntries(
        Object.entries(doc.vigencias).map(([year, versions]) => [
          year,
          versions.map((v) => `${v.methodologyId}${v.inForce ? '' : ' (referencia)'}`),
        ]),
      ),
    ).toEqual({
      '2024': ['RES-449-2013 (referencia)', 'RES-449-2013'],
      '2025': ['RES-449-2013 (referencia)', 'RES-98-2019', 'RES-449-2013'],
      '2026': ['RES-449-2013 (referencia)', 'RES-11-2026', 'RES-449-2013'],
      '2027': ['RES-449-2013 (referencia)', 'RES-10-2027', 'RES-449-2013'],
      '2028': ['RES-449-2013 (referencia)', 'RES-10-2027', 'RES-449-2013'],
      '2031': ['RES-10-2027', 'RES-449-2013'],
    });
    expect(latest(doc, 2025).components).toEqual(['calidad_agua', 'cobertura']);
    expect(latest(doc, 2031).components).toEqual(['cobertura']);
  });

  it('el documento guarda un resumen del plan (el último reporte de cada año), los insumos, las metodologías en orden de registro y las selecciones', () => {
    const events = [
      inPlan(planOpened, bogota(2024, 1, 7)),
      inPlan(baselineAcueductoUrbano, bogota(2024, 1, 8)),
      inPlan(goalAcueductoUrbano, bogota(2024, 1, 9)),
      inPlan(amended('ACU-COB-URB', [500, 500, 500, 500]), bogota(2024, 1, 10)),
      inPlan(amended('ACU-COB-URB', [600, 500, 500, 500]), bogota(2024, 1, 11)),
      inPlan(
        progressReported('ACU-COB-URB', 12_600, { year: 2024, month: 6 }),
        bogota(2024, 1, 12),
      ),
      inPlan(
        progressReported('ACU-COB-URB', 12_700, { year: 2024, month: 9 }),
        bogota(2024, 1, 13),
      ),
      inPlan(
        progressReported('ACU-COB-URB', 12_650, { year: 2024, month: 8 }),
        bogota(2024, 1, 14),
      ),
      inPlan(
        progressReported('ACU-COB-URB', 12_800, { year: 2024, month: 9 }),
        bogota(2024, 1, 15),
      ),
      inPlan(progressReported('ACU-COB-URB', 13_100, { year: 2025 }), bogota(2024, 1, 16)),
      inPlan(
        progressReported('ACU-COB-URB', 13_000, { year: 2025, month: 12 }),
        bogota(2024, 1, 17),
      ),
      inMonitoring(flagRaised(2025, 'IRCA_ALTO'), bogota(2024, 1, 18)),
      defined(methodology('RES-98-2019', 2025, 2026), bogota(2024, 1, 19)),
      defined(methodology('RES-10-2027', 2027, null), bogota(2024, 1, 20)),
      selected(2025, ['cobertura'], bogota(2024, 1, 21)),
    ];
    const doc = fold(events).pop()!;
    expect(doc).toMatchObject({
      _id: 'risk-73001',
      daneCode: '73001',
      departmentCode: '73',
      methodologies: [{ id: 'RES-98-2019' }, { id: 'RES-10-2027' }],
      selections: { '2025': ['cobertura'] },
    });
    const plan = doc.plans['2024']!;
    expect(plan).toMatchObject({
      planId: 'plan-73001-2024',
      daneCode: '73001',
      municipality: 'IBAGUÉ',
      departmentCode: '73',
      department: 'TOLIMA',
      firstYear: 2024,
      lastYear: 2027,
      baselines: {
        'ACU-COB-URB': { indicator: 'ACU-COB-URB', value: 12_000, measuredAt: { year: 2023 } },
      },
    });
    expect(plan.goals['ACU-COB-URB']).toEqual({
      goalId: '73001-2024-ACU-COB-URB',
      indicator: 'ACU-COB-URB',
      targets: [600, 500, 500, 500],
      total: 2_100,
      amendments: 2,
    });
    // The year's latest period, corrected in place; a year's own report comes after its months.
    expect(plan.progress['ACU-COB-URB']).toEqual({
      '2024-09': {
        indicator: 'ACU-COB-URB',
        period: { year: 2024, month: 9 },
        value: 12_800,
        source: 'SUI',
        checklist: null,
      },
      '2025': {
        indicator: 'ACU-COB-URB',
        period: { year: 2025 },
        value: 13_100,
        source: 'SUI',
        checklist: null,
      },
    });
    expect(doc.monitoring['2025']!.strategicFlags).toEqual(['IRCA_ALTO']);
  });
});

describe('risk_scores: una versión por semestre de registro', () => {
  const history = [
    inPlan(planOpened, bogota(2024, 1, 7)),
    inPlan(baselineAcueductoUrbano, bogota(2024, 2, 8)),
    inPlan(goalAcueductoUrbano, bogota(2024, 3, 9)),
  ];

  it('los cambios de un mismo semestre dejan una versión, la del último cambio; uno del semestre siguiente agrega otra, la más reciente al final', () => {
    // Given a plan opened and its goal set in the first semester of 2024
    const [opened, , goalSet] = fold(history) as [RiskDocument, RiskDocument, RiskDocument];
    expect(opened.vigencias['2024']!.map((v) => v.semester)).toEqual([20241]);
    // (a goal due without a report scores 0, as no goal did: the score did not change)
    expect(goalSet.vigencias['2024']!.map((v) => v.semester)).toEqual([20241]);
    // When 2024 is reported on 30 June at 22:00 in Bogotá (already 1 July in UTC), then in July
    const documents = fold([
      ...history,
      inPlan(
        progressReported('ACU-COB-URB', 11_500, { year: 2024, month: 5 }),
        bogota(2024, 6, 30, 22),
      ),
      inPlan(
        progressReported('ACU-COB-URB', 11_100, { year: 2024, month: 6 }),
        bogota(2024, 7, 1, 8),
      ),
    ]);
    const [june, july] = documents.slice(-2) as [RiskDocument, RiskDocument];
    // Then the June report replaced the first semester's version
    expect(june.vigencias['2024']!.map((v) => v.semester)).toEqual([20241]);
    expect(june.vigencias['2024']![0]!.total).not.toBe(goalSet.vigencias['2024']![0]!.total);
    // And the July one added the second semester's, after it
    expect(july.vigencias['2024']!.map((v) => v.semester)).toEqual([20241, 20242]);
    expect(july.vigencias['2024']![0]).toEqual(june.vigencias['2024']![0]);
    expect(july.vigencias['2024']![1]!.total).not.toBe(july.vigencias['2024']![0]!.total);
  });

  it('un evento que no cambia ningún puntaje (el mismo FUT, una meta de continuidad, un reporte anterior del mismo año) deja las versiones como estaban', () => {
    const before = fold([
      ...history,
      inMonitoring(budget(2024), bogota(2024, 4, 1)),
      inPlan(progressReported('ACU-COB-URB', 12_900, { year: 2024, month: 6 }), bogota(2024, 4, 2)),
    ]).pop()!;
    const after = fold([
      ...history,
      inMonitoring(budget(2024), bogota(2024, 4, 1)),
      inPlan(progressReported('ACU-COB-URB', 12_900, { year: 2024, month: 6 }), bogota(2024, 4, 2)),
      // In the next semester: each would add a version if it counted as a change.
      inMonitoring(budget(2024), bogota(2024, 8, 1)),
      inPlan(goal('ACU-CONT-URB', [1, 1, 1, 1]), bogota(2024, 8, 2)),
      inPlan(progressReported('ACU-COB-URB', 12_000, { year: 2024, month: 2 }), bogota(2024, 8, 3)),
      inMonitoring(flagWithdrawn(2024, 'NUNCA_LEVANTADA'), bogota(2024, 8, 4)),
      defined(methodology('RES-98-2019', 2030, null), bogota(2024, 8, 5)),
    ]).pop()!;
    expect(after.vigencias).toEqual(before.vigencias);
  });

  it('la misma selección de componentes registrada de nuevo, o una metodología que no cambia la que aplica, no agrega versión', () => {
    const base = [
      ...history,
      selected(2024, ['cobertura', 'calidad_agua'], bogota(2024, 4, 1)),
      defined(methodology('RES-98-2019', 2024, 2027), bogota(2024, 4, 2)),
    ];
    const before = fold(base).pop()!;
    const after = fold([
      ...base,
      // A document read back from a store holds copies: equal lists, not the same objects.
      selected(2024, ['cobertura', 'calidad_agua'], bogota(2024, 8, 1)),
    ]).pop()!;
    expect(after.vigencias).toEqual(before.vigencias);
  });
});

describe('risk_scores: a quién llega cada evento', () => {
  it('un evento del plan que pesa en un componente monitoreado llega a su municipio; los demás a nadie', () => {
    const at = bogota(2024, 1, 1);
    expect(projection.idsOf(inPlan(planOpened, at))).toEqual(['risk-73001']);
    expect(projection.idsOf(inPlan(goalAcueductoUrbano, at))).toEqual(['risk-73001']);
    expect(projection.idsOf(inPlan(baselineAguasTratadas, at))).toEqual(['risk-73001']);
    expect(projection.idsOf(inPlan(amended('ACU-IRCA-URB', [1, 1, 1, 1]), at))).toEqual([
      'risk-73001',
    ]);
    expect(
      projection.idsOf(inPlan(progressReported('ASE-DISP-URB', 1, { year: 2024 }), at)),
    ).toEqual(['risk-73001']);
    // Continuidad is not a monitored component; an unknown indicator, an adoption: no score.
    expect(projection.idsOf(inPlan(goal('ACU-CONT-URB', [1, 1, 1, 1]), at))).toEqual([]);
    expect(projection.idsOf(inPlan(goal('NO-EXISTE', [1, 1, 1, 1]), at))).toEqual([]);
    expect(projection.idsOf(inPlan(planAdopted, at))).toEqual([]);
    expect(projection.idsOf(inPlan(planOpened, at, 'plan-05001-2024'))).toEqual(['risk-05001']);
  });

  it('un insumo de monitoreo llega a su municipio; una metodología o una selección a todas las entidades; lo demás a nadie', () => {
    const at = bogota(2024, 1, 1);
    expect(projection.idsOf(inMonitoring(budget(2025, compliantBudget, MEDELLIN), at))).toEqual([
      'risk-05001',
    ]);
    expect(
      projection.idsOf(recorded('monitoring-05001-2025', { type: 'Otro', data: {} }, at)),
    ).toEqual([]);
    expect(projection.idsOf(defined(methodology('RES-98-2019', 2025, null), at))).toEqual([
      'risk-73001',
      'risk-05001',
    ]);
    expect(projection.idsOf(selected(2025, ['cobertura'], at))).toEqual([
      'risk-73001',
      'risk-05001',
    ]);
    expect(projection.idsOf(recorded('review-73001-2024', { type: 'Otro', data: {} }, at))).toEqual(
      [],
    );
  });

  it('una puesta al día reparte por entidad los flujos de un plan y de un monitoreo; los de metodologías y selecciones llegan a todas', () => {
    expect(projection.documentsOfStream!('plan-73001-2024')).toEqual(['risk-73001']);
    expect(projection.documentsOfStream!('monitoring-05001-2025')).toEqual(['risk-05001']);
    expect(projection.documentsOfStream!('methodology-RES-98-2019')).toBeUndefined();
    expect(projection.documentsOfStream!('sgp-components-2025')).toBeUndefined();
  });

  it('una metodología que llega a una entidad sin plan ni insumos no crea vigencias', () => {
    const [doc] = fold(
      [defined(methodology('RES-98-2019', 2024, null), bogota(2024, 1, 1))],
      'risk-05001',
    );
    expect(doc).toMatchObject({
      _id: 'risk-05001',
      daneCode: '05001',
      departmentCode: '05',
      vigencias: {},
      plans: {},
      monitoring: {},
    });
  });
});

describe('risk_scores: lo que el almacén y el mapa leen', () => {
  it('la proyección se declara con su nombre, versión, colección, índices y prefijos de flujo', () => {
    expect(projection).toMatchObject({
      name: 'risk_scores',
      version: 3,
      collection: 'risk_scores',
      indexes: [{ keys: { departmentCode: 1 } }],
      sharedByDocument: true,
      streamPrefixes: ['plan-', 'monitoring-', 'methodology-', 'sgp-components-'],
      summaries: {
        collection: RISK_MAP_COLLECTION,
        indexes: [{ keys: { year: 1, departmentCode: 1 } }],
      },
    });
    expect(RISK_MAP_COLLECTION).toBe('risk_map');
  });

  it('risk_map: un resumen por entidad y vigencia, con sus versiones', () => {
    const doc = fold([
      inPlan(planOpened, bogota(2024, 1, 7)),
      inMonitoring(budget(2028), bogota(2024, 1, 8)),
    ]).pop()!;
    const summaries = projection.summaries!.of(doc);
    expect(summaries.map((s) => s._id)).toEqual([
      'risk-73001-2024',
      'risk-73001-2025',
      'risk-73001-2026',
      'risk-73001-2027',
      'risk-73001-2028',
    ]);
    expect(summaries[4]).toEqual({
      _id: 'risk-73001-2028',
      daneCode: '73001',
      departmentCode: '73',
      year: 2028,
      versions: doc.vigencias['2028'],
    });
  });

  it('el semestre de registro es el de Bogotá: 2025-1 es 20251', () => {
    expect(semesterNumber(bogota(2025, 6, 30, 23))).toBe(20251);
    expect(semesterNumber(bogota(2025, 7, 1, 0))).toBe(20252);
    expect(riskDocumentId('05001')).toBe('risk-05001');
  });
});
