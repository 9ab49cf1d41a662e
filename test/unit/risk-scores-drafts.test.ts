/**
 * `risk_scores` in a catch-up: the projector's draft of a document is changed in place
 * (`applyInPlace`) and scored once per semester of record, or when it is written (`finalize`); what
 * it writes is what `apply`, scoring after every event on a copy, gives. Stated as given events /
 * when the draft is written / then the document, on one fixed log across three semesters.
 */
import {
  riskDocumentId,
  riskScoresProjection,
  type RiskDocument,
} from '../../projections/risk-scores';
import type { Methodology } from '../../src/domain/monitoring/methodology';
import type { MonitoringEvent } from '../../src/domain/monitoring/monitoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { RecordedEvent } from '../../src/eventstore/port';
import { compliantBudget, laterMethodology as methodology } from '../support/monitoring';
import {
  baselineAcueductoUrbano,
  baselineAguasTratadas,
  goalAcueductoUrbano,
  goalAguasTratadas,
  planOpened,
  progressReported,
} from '../support/plan';
import { recorder } from '../support/recorded';

const IBAGUE = '73001';
const ID = riskDocumentId(IBAGUE);
const projection = riskScoresProjection([IBAGUE]);

/** Noon in Bogotá (UTC-5). */
const bogota = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day, 17)).toISOString();

const budget = (year: number, compliant: boolean): MonitoringEvent => ({
  type: 'BudgetReported',
  data: {
    daneCode: IBAGUE,
    year,
    report: compliant ? compliantBudget : { ...compliantBudget, incorporated: 0 },
    source: 'FUT',
    previous: null,
  },
});
const flag = (year: number, raised: boolean): MonitoringEvent => ({
  type: raised ? 'StrategicFlagRaised' : 'StrategicFlagWithdrawn',
  data: { daneCode: IBAGUE, year, flag: 'IRCA_ALTO' },
});

type Fact = [stream: string, event: { type: string; data: object }, at: string];
const inPlan = (event: PlanEvent, at: string): Fact => ['plan-73001-2024', event, at];
const inMonitoring = (event: MonitoringEvent, at: string): Fact => [
  `monitoring-${IBAGUE}-${event.data.year}`,
  event,
  at,
];
const defined = (m: Methodology, at: string): Fact => [
  `methodology-${m.id}`,
  { type: 'MethodologyDefined', data: { methodology: m } },
  at,
];
const selected = (year: number, components: string[], at: string): Fact => [
  `sgp-components-${year}`,
  { type: 'ComponentsSelected', data: { year, components } },
  at,
];

function logOf(facts: Fact[]): RecordedEvent[] {
  const record = recorder();
  return facts.map(([stream, event, at]) => record(stream, event, { at }));
}

/**
 * Ibagué's 2024 plan and its monitoring over 2024-1, 2024-2 and 2025-1: in each semester several
 * changes of several kinds (every item afresh, one sectoral component, only the weights) to the
 * same vigencias, and in 2024-2 a strategic flag raised and withdrawn.
 */
const LOG = logOf([
  // 2024-1
  inPlan(planOpened, bogota(2024, 1, 10)),
  inPlan(baselineAcueductoUrbano, bogota(2024, 1, 11)),
  inPlan(goalAcueductoUrbano, bogota(2024, 1, 12)),
  inPlan(baselineAguasTratadas, bogota(2024, 1, 13)),
  inPlan(goalAguasTratadas, bogota(2024, 1, 14)),
  inPlan(progressReported('ACU-COB-URB', 11_500, { year: 2024, month: 3 }), bogota(2024, 3, 1)),
  inMonitoring(budget(2025, false), bogota(2024, 3, 2)),
  defined(methodology('RES-98-2019', 2025, 2026), bogota(2024, 3, 3)),
  inPlan(progressReported('ALC-TRAT-URB', 29, { year: 2025, month: 2 }), bogota(2024, 3, 4)),
  // 2024-2 (index 9 on)
  inMonitoring(flag(2025, true), bogota(2024, 7, 2)),
  inMonitoring(flag(2025, false), bogota(2024, 7, 3)),
  inPlan(progressReported('ACU-COB-URB', 11_000, { year: 2024, month: 6 }), bogota(2024, 7, 4)),
  selected(2026, ['cobertura'], bogota(2024, 7, 5)),
  inMonitoring(budget(2026, false), bogota(2024, 7, 6)),
  // 2025-1 (index 14 on)
  inMonitoring(budget(2025, true), bogota(2025, 2, 1)),
  defined(methodology('RES-10-2027', 2027, null), bogota(2025, 2, 2)),
  inPlan(progressReported('ACU-COB-URB', 10_000, { year: 2025, month: 12 }), bogota(2025, 2, 3)),
  inPlan(progressReported('ALC-TRAT-URB', 31, { year: 2026, month: 6 }), bogota(2025, 2, 4)),
]);
const FIRST_OF_2024_2 = 9;
const FIRST_OF_2025_1 = 14;

/**
 * The pure fold: `apply` on the document as it stood after every event, checking each time that
 * the document it was given is left as it was. The document after each event.
 */
function pureFold(log: readonly RecordedEvent[]): RiskDocument[] {
  const documents: RiskDocument[] = [];
  let doc: RiskDocument | null = null;
  for (const event of log) {
    const given = structuredClone(doc);
    const next: RiskDocument = { ...projection.apply(doc, event, ID)!, _position: event.position };
    expect(doc).toEqual(given);
    documents.push(next);
    doc = next;
  }
  return documents;
}

/** A catch-up: a draft changed in place, written (scored, and read back as a copy) after `flushes`. */
function catchUp(log: readonly RecordedEvent[], flushes: ReadonlySet<number>) {
  const written = new Map<number, RiskDocument>();
  let draft: RiskDocument | null = null;
  for (const [i, event] of log.entries()) {
    draft = projection.applyInPlace!(draft, event, ID) as RiskDocument;
    draft._position = event.position;
    if (flushes.has(i)) {
      draft = structuredClone(projection.finalize!(draft));
      written.set(i, structuredClone(draft));
    }
  }
  return { written, last: projection.finalize!(draft!) };
}

const PURE = pureFold(LOG);
const semestersOf = (doc: RiskDocument) =>
  Object.fromEntries(
    Object.entries(doc.vigencias).map(([year, versions]) => [
      year,
      versions.map((v) => v.semester),
    ]),
  );

describe('risk_scores: una puesta al día califica cada vigencia una vez por semestre y escribe lo mismo que el pliegue evento por evento', () => {
  it('el registro de prueba tiene versiones de los tres semestres (las comparaciones tienen dientes)', () => {
    expect(semestersOf(PURE[PURE.length - 1]!)).toEqual({
      '2024': [20241, 20242],
      '2025': [20241, 20242, 20251],
      '2026': [20241, 20242, 20251],
      '2027': [20241, 20242, 20251],
    });
  });

  it('sin escribir hasta el final: varios cambios por semestre (todo de nuevo, un componente, solo los pesos) dan las versiones del pliegue', () => {
    const { last } = catchUp(LOG, new Set());
    expect(last).toEqual(PURE[PURE.length - 1]);
  });

  it('escrito y leído de nuevo después de cada evento, o en puntos sueltos de cada semestre, da en cada escritura el documento del pliegue', () => {
    const everyEvent = new Set(LOG.keys());
    const someEvents = new Set([2, 6, 9, 12, 15]);
    for (const flushes of [everyEvent, someEvents]) {
      const { written, last } = catchUp(LOG, flushes);
      for (const [i, doc] of written) expect({ i, doc }).toEqual({ i, doc: PURE[i] });
      expect(last).toEqual(PURE[PURE.length - 1]);
    }
  });

  it('una bandera levantada, escrita, y retirada en el mismo semestre: el semestre termina como empezó y su versión se retira', () => {
    // Given the draft written with the flag of 2025 raised in 2024-2
    const { written, last } = catchUp(
      LOG.slice(0, FIRST_OF_2024_2 + 2),
      new Set([FIRST_OF_2024_2]),
    );
    expect(written.get(FIRST_OF_2024_2)!.vigencias['2025']!.map((v) => v.semester)).toEqual([
      20241, 20242,
    ]);
    // When it is withdrawn in the same semester, then 2025 keeps only its version of 2024-1
    expect(last.vigencias['2025']!.map((v) => v.semester)).toEqual([20241]);
    expect(last).toEqual(PURE[FIRST_OF_2024_2 + 1]);
  });

  it('los cambios de un semestre se califican cuando llega un evento del siguiente, con el semestre en que se registraron', () => {
    // Given a draft with the events of 2024-1 and 2024-2, never written
    let draft: RiskDocument | null = null;
    for (const event of LOG.slice(0, FIRST_OF_2025_1)) {
      draft = projection.applyInPlace!(draft, event, ID) as RiskDocument;
    }
    // When the first event of 2025-1 arrives, then 2024-2's changes are scored as 2024-2's
    draft = projection.applyInPlace!(draft, LOG[FIRST_OF_2025_1]!, ID) as RiskDocument;
    expect(semestersOf(draft)).toEqual(semestersOf(PURE[FIRST_OF_2025_1 - 1]!));
    expect(draft.vigencias).toEqual(PURE[FIRST_OF_2025_1 - 1]!.vigencias);
  });

  it('un borrador no se califica evento por evento: lo cambiado en el semestre espera a que se escriba', () => {
    // Given a draft written after 2024-1
    const { last: written } = catchUp(LOG.slice(0, FIRST_OF_2024_2), new Set());
    const before = structuredClone(written.vigencias);
    // When 2024-2's events change it in place
    let draft: RiskDocument = written;
    for (const event of LOG.slice(FIRST_OF_2024_2, FIRST_OF_2025_1)) {
      draft = projection.applyInPlace!(draft, event, ID) as RiskDocument;
    }
    // Then its versions are those of 2024-1 until it is written, and then those of the fold
    expect(draft.vigencias).toEqual(before);
    expect(projection.finalize!(draft).vigencias).toEqual(PURE[FIRST_OF_2025_1 - 1]!.vigencias);
  });

  it('un documento congelado (leído de otra parte) recibe el reporte de otro mes del mismo año como el pliegue, sin cambiar', () => {
    const deepFreeze = <T>(value: T): T => {
      if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const inner of Object.values(value)) deepFreeze(inner);
      }
      return value;
    };
    // Given the document before June's report of 2024 (March's is the year's latest), frozen
    const before = deepFreeze(structuredClone(PURE[FIRST_OF_2024_2 + 1]!));
    // When June's report arrives, then 2024's latest is June's, as in the fold
    const after = projection.apply(before, LOG[FIRST_OF_2024_2 + 2]!, ID)!;
    expect(Object.keys(after.plans['2024']!.progress['ACU-COB-URB']!)).toEqual(['2024-06']);
    expect({ ...after, _position: LOG[FIRST_OF_2024_2 + 2]!.position }).toEqual(
      PURE[FIRST_OF_2024_2 + 2],
    );
  });
});

describe('risk_scores: un borrador es de la puesta al día, que lo cambia en su lugar', () => {
  it('el resumen del plan, sus mapas y las listas de versiones del borrador son los mismos objetos, cambiados en su lugar', () => {
    // Given a draft with 2024-1's events, written
    const { last: draft } = catchUp(LOG.slice(0, FIRST_OF_2024_2), new Set());
    const plan = draft.plans['2024']!;
    const { baselines, goals, progress } = plan;
    const cobertura = progress['ACU-COB-URB']!;
    const versions2024 = draft.vigencias['2024']!;
    // When a baseline, a goal amendment, a report of a reported indicator and year, and the first
    // report of another are recorded in 2024-2
    const more = logOf([
      inPlan(
        {
          ...baselineAguasTratadas,
          data: { ...baselineAguasTratadas.data, value: 20 },
        } as PlanEvent,
        bogota(2024, 8, 1),
      ),
      inPlan(
        {
          ...goalAguasTratadas,
          type: 'GoalAmended',
          data: { ...goalAguasTratadas.data, total: 9 },
        } as PlanEvent,
        bogota(2024, 8, 2),
      ),
      inPlan(progressReported('ACU-COB-URB', 10_800, { year: 2024, month: 7 }), bogota(2024, 8, 3)),
      // The first report of an indicator: a new entry in the digest's map of reports.
      inPlan(progressReported('ACU-IRCA-URB', 9, { year: 2024, month: 7 }), bogota(2024, 8, 4)),
    ]);
    for (const event of more) projection.applyInPlace!(draft, event, ID);
    projection.finalize!(draft);
    // Then the draft's digest and its maps were changed, not copied
    expect(draft.plans['2024']).toBe(plan);
    expect(draft.plans['2024']!.baselines).toBe(baselines);
    expect(draft.plans['2024']!.goals).toBe(goals);
    expect(draft.plans['2024']!.progress).toBe(progress);
    expect(draft.plans['2024']!.progress['ACU-COB-URB']).toBe(cobertura);
    expect(cobertura).toEqual({ '2024-07': expect.objectContaining({ value: 10_800 }) });
    expect(Object.keys(progress['ACU-IRCA-URB']!)).toEqual(['2024-07']);
    expect(baselines['ALC-TRAT-URB']!.value).toBe(20);
    expect(goals['ALC-TRAT-URB']!.amendments).toBe(1);
    // And 2024's version of 2024-2 added to its list in place
    expect(draft.vigencias['2024']).toBe(versions2024);
    expect(versions2024.map((v) => v.semester)).toEqual([20241, 20242]);
  });

  it('una metodología registrada en otro semestre agrega la versión a la lista del borrador, en su lugar', () => {
    // Given a draft with 2024-1's events, written
    const { last: draft } = catchUp(LOG.slice(0, FIRST_OF_2024_2), new Set());
    const versions = draft.vigencias['2024']!;
    // When a methodology for 2024 on is recorded in 2024-2, and the draft written
    for (const event of logOf([defined(methodology('RES-1-2024', 2024, null), bogota(2024, 8, 1))]))
      projection.applyInPlace!(draft, event, ID);
    projection.finalize!(draft);
    // Then 2024's list is the same, with the version of 2024-2 under the new methodology
    expect(draft.vigencias['2024']).toBe(versions);
    expect(versions.map((v) => [v.semester, v.methodologyId])).toEqual([
      [20241, 'RES-449-2013'],
      [20242, 'RES-1-2024'],
    ]);
  });

  it('una vigencia que cambia, se escribe y vuelve a como empezó el semestre pierde esa versión de su lista, en su lugar', () => {
    // Given a draft whose 2028 (monitoring only) has a version of 2024-1, written
    const { last: draft } = catchUp(
      [
        ...LOG.slice(0, FIRST_OF_2024_2),
        ...logOf([inMonitoring(budget(2028, true), bogota(2024, 6, 1))]),
      ],
      new Set(),
    );
    const versions = draft.vigencias['2028']!;
    const apply = (fact: Fact) => {
      for (const event of logOf([fact])) projection.applyInPlace!(draft, event, ID);
      projection.finalize!(draft);
    };
    // When a flag is raised in 2024-2 and written: a version added in place
    apply(inMonitoring(flag(2028, true), bogota(2024, 8, 1)));
    expect(draft.vigencias['2028']).toBe(versions);
    expect(versions.map((v) => v.semester)).toEqual([20241, 20242]);
    // And the FUT corrected in the same semester: that version replaced in place
    const raised = versions[1]!;
    apply(inMonitoring(budget(2028, false), bogota(2024, 8, 2)));
    expect(draft.vigencias['2028']).toBe(versions);
    expect(versions.map((v) => v.semester)).toEqual([20241, 20242]);
    expect(versions[1]).not.toEqual(raised);
    // And both undone in the same semester: the version removed in place
    apply(inMonitoring(budget(2028, true), bogota(2024, 8, 3)));
    apply(inMonitoring(flag(2028, false), bogota(2024, 8, 4)));
    expect(draft.vigencias['2028']).toBe(versions);
    expect(versions.map((v) => v.semester)).toEqual([20241]);
  });
});
