/**
 * `risk_scores` over plan, monitoring, methodology and component-selection events recorded across
 * many semesters: a catch-up's drafts (scored once per semester, or per flush) end as the pure fold
 * does, and each vigencia's versions are how its score stood at the end of each semester of record,
 * with repeats removed.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  riskDocumentId,
  riskScoresProjection,
  semesterNumber,
  type RiskDocument,
  type RiskVersion,
} from '../../projections/risk-scores';
import {
  RES_449_2013,
  type Methodology,
  type MethodologyEvent,
  type MonitoredComponent,
} from '../../src/domain/monitoring/methodology';
import { vigenciaInputs } from '../../src/domain/monitoring/assessment';
import {
  initialMonitoringState,
  type MonitoringEvent,
} from '../../src/domain/monitoring/monitoring';
import { compactItems, vigenciaItems } from '../../src/domain/monitoring/scoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { RecordedEvent } from '../../src/eventstore/port';
import { compliantBudget } from '../support/monitoring';
import {
  baselineAcueductoUrbano,
  baselineAguasTratadas,
  goalAcueductoUrbano,
  goalAguasTratadas,
  planOpened,
} from '../support/plan';
import { propertyRuns } from '../support/property-runs';
import { recorder } from '../support/recorded';

const IBAGUE = '73001';
const ID = riskDocumentId(IBAGUE);
// Medellín too, so that methodologies and selections fan out to more than one document.
const projection = riskScoresProjection([IBAGUE, '05001']);
const PLAN_STREAM = 'plan-73001-2024';
const DAY = 86_400_000;

/** An event and the stream it is recorded in. */
interface Fact {
  stream: string;
  event: PlanEvent | MonitoringEvent | MethodologyEvent;
}

/** Facts recorded together some days after the step before: several per semester, or none. */
interface Step {
  facts: Fact[];
  daysLater: number;
}

const year = fc.integer({ min: 2024, max: 2027 });
const plan = (event: PlanEvent): Fact => ({ stream: PLAN_STREAM, event });
const monitoring = (event: MonitoringEvent): Fact => ({
  stream: `monitoring-${IBAGUE}-${event.data.year}`,
  event,
});

const progress = fc
  .tuple(
    fc.constantFrom('ACU-COB-URB', 'ALC-TRAT-URB'),
    fc.integer({ min: 0, max: 12_000 }),
    year,
    fc.integer({ min: 1, max: 12 }),
  )
  .map(([indicator, value, reported, month]) =>
    plan({
      type: 'ProgressReported',
      data: {
        indicator,
        period: { year: reported, month },
        // People served for cobertura; a percentage (0-12) for aguas tratadas.
        value: indicator === 'ACU-COB-URB' ? value : value / 1_000,
        source: 'SUI',
        checklist: null,
        previous: null,
      },
    }),
  );

const goalAmended = fc.integer({ min: 0, max: 12_000 }).map((value) =>
  plan({
    type: 'GoalAmended',
    data: {
      goalId: '73001-2024-ACU-COB-URB',
      indicator: 'ACU-COB-URB',
      targets: [value / 4, 2_000, 2_000, 1_000],
      total: value / 4 + 5_000,
      previous: { targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 },
    },
  }),
);

const baselineSet = fc.integer({ min: 0, max: 12_000 }).map((value) =>
  plan({
    type: 'BaselineSet',
    data: {
      indicator: 'ALC-TRAT-URB',
      value: value / 100,
      measuredAt: { year: 2023 },
      source: 'SUI',
      previous: null,
    },
  }),
);

const budgetReported = fc.tuple(year, fc.boolean()).map(([reported, compliant]) =>
  monitoring({
    type: 'BudgetReported',
    data: {
      daneCode: IBAGUE,
      year: reported,
      // Nothing incorporated fails the budget items: the score moves between the two.
      report: compliant ? compliantBudget : { ...compliantBudget, incorporated: 0 },
      source: 'FUT',
      previous: null,
    },
  }),
);

const strategicFlag = fc.tuple(year, fc.boolean()).map(([flagged, raised]) =>
  monitoring({
    type: raised ? 'StrategicFlagRaised' : 'StrategicFlagWithdrawn',
    data: { daneCode: IBAGUE, year: flagged, flag: 'IRCA' },
  }),
);

/** A methodology of its own weights for one vigencia, or from it on. */
const methodologyDefined = fc
  .tuple(fc.integer({ min: 0, max: 12_000 }), year, fc.boolean(), fc.integer({ min: 0, max: 50 }))
  .map(([n, firstYear, openEnded, budgetWeight]): Fact => {
    const methodology: Methodology = {
      ...RES_449_2013,
      id: `M-${n}`,
      name: `Metodología ${n}`,
      legalSource: `Resolución ${n}`,
      firstYear,
      lastYear: openEnded ? null : firstYear + 1,
      categoryWeights: {
        presupuestales: budgetWeight,
        administrativos: 50 - budgetWeight,
        sectoriales: 50,
      },
    };
    return {
      stream: `methodology-M-${n}`,
      event: { type: 'MethodologyDefined', data: { methodology } },
    };
  });

const componentsSelected = fc
  .tuple(
    year,
    fc.constantFrom<MonitoredComponent[]>(
      ['cobertura'],
      ['cobertura', 'gestion_ambiental', 'estado_prestacion'],
    ),
  )
  .map(([selected, components]): Fact => ({
    stream: `sgp-components-${selected}`,
    event: { type: 'ComponentsSelected', data: { year: selected, components } },
  }));

/**
 * A change and its undoing, recorded together: the vigencia ends the semester as it began if the
 * change was new (the flag not raised yet, the FUT compliant), which is what removes a version.
 */
const changedBack = fc.tuple(year, fc.boolean()).map(([changed, flag]): Fact[] =>
  flag
    ? [
        monitoring({
          type: 'StrategicFlagRaised',
          data: { daneCode: IBAGUE, year: changed, flag: 'IRCA' },
        }),
        monitoring({
          type: 'StrategicFlagWithdrawn',
          data: { daneCode: IBAGUE, year: changed, flag: 'IRCA' },
        }),
      ]
    : [false, true].map((compliant) =>
        monitoring({
          type: 'BudgetReported',
          data: {
            daneCode: IBAGUE,
            year: changed,
            report: compliant ? compliantBudget : { ...compliantBudget, incorporated: 0 },
            source: 'FUT',
            previous: null,
          },
        }),
      ),
);

const steps = fc.array(
  fc.record({
    // Reports twice as often as the rest, as the probe drew them.
    facts: fc.oneof(
      { arbitrary: progress.map((fact) => [fact]), weight: 2 },
      { arbitrary: budgetReported.map((fact) => [fact]), weight: 1 },
      { arbitrary: strategicFlag.map((fact) => [fact]), weight: 1 },
      { arbitrary: methodologyDefined.map((fact) => [fact]), weight: 1 },
      { arbitrary: componentsSelected.map((fact) => [fact]), weight: 1 },
      { arbitrary: goalAmended.map((fact) => [fact]), weight: 1 },
      { arbitrary: baselineSet.map((fact) => [fact]), weight: 1 },
      { arbitrary: changedBack, weight: 1 },
    ),
    // Mostly several steps per semester, sometimes a semester or more without any.
    daysLater: fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: 240 }), weight: 1 },
    ),
  }),
  { minLength: 1, maxLength: 60 },
);

/**
 * The log Ibagué's document reads: its 2024 plan with two goals (January 2024), then the steps,
 * each step's facts recorded `daysLater` after the step before (Bogotá noon).
 */
function logOf(drawn: readonly Step[]): RecordedEvent[] {
  const record = recorder();
  let at = Date.UTC(2024, 0, 10, 17);
  const opening: Step = {
    facts: [
      planOpened,
      baselineAcueductoUrbano,
      goalAcueductoUrbano,
      baselineAguasTratadas,
      goalAguasTratadas,
    ].map(plan),
    daysLater: 0,
  };
  const log: RecordedEvent[] = [];
  for (const { facts, daysLater } of [opening, ...drawn]) {
    at += daysLater * DAY;
    for (const fact of facts) {
      log.push(record(fact.stream, fact.event, { at: new Date(at).toISOString() }));
    }
  }
  return log.filter((event) => projection.idsOf(event).includes(ID));
}

/** The pure fold: `apply` on a copy after every event, the document after each. */
function pureFold(log: readonly RecordedEvent[]): RiskDocument[] {
  const documents: RiskDocument[] = [];
  let doc: RiskDocument | null = null;
  for (const event of log) {
    doc = { ...projection.apply(doc, event, ID)!, _position: event.position };
    documents.push(doc);
  }
  return documents;
}

const withoutSemester = ({ semester: _semester, ...content }: RiskVersion) => content;

describe('risk_scores: borradores de una puesta al día con eventos de plan, seguimiento y metodología', () => {
  it('drafts flushed at any points (written and read back as a copy), then finalized, equal the pure fold', () => {
    let flushed = 0;
    fc.assert(
      fc.property(
        steps,
        fc.array(fc.boolean(), { minLength: 130, maxLength: 130 }),
        (drawn, flushes) => {
          const log = logOf(drawn);
          const pure = pureFold(log);
          // Given a catch-up's draft of the document, changed in place event by event
          let draft: RiskDocument | null = null;
          for (const [i, event] of log.entries()) {
            draft = projection.applyInPlace!(draft, event, ID) as RiskDocument;
            draft._position = event.position;
            if (flushes[i]) {
              // When it is flushed: scored, written, and read back as a copy of what was written
              draft = structuredClone(projection.finalize!(draft));
              // Then what was written is the document the pure fold has after that event
              expect(draft).toEqual(pure[i]);
              flushed += 1;
            }
          }
          // And the draft finalized at the end is the pure fold's document
          expect(projection.finalize!(draft!)).toEqual(pure[pure.length - 1]);
        },
      ),
      propertyRuns(150),
    );
    expect(flushed).toBeGreaterThan(0);
  });

  it('each vigencia’s versions are its end-of-semester states with repeats removed', () => {
    fc.assert(
      fc.property(steps, (drawn) => {
        const log = logOf(drawn);
        const pure = pureFold(log);
        // The document as it stood at the end of each semester of record, oldest first.
        const atEnd = new Map<number, RiskDocument>();
        log.forEach((event, i) => atEnd.set(semesterNumber(event.recordedAt), pure[i]!));
        const folded = pure[pure.length - 1]!;
        for (const [year, versions] of Object.entries(folded.vigencias)) {
          // Each semester's end: the vigencia's latest version then, kept unless it says what the
          // one kept before it says.
          const expected: RiskVersion[] = [];
          for (const [semester, doc] of atEnd) {
            const then = doc.vigencias[year];
            if (!then) continue;
            const content = withoutSemester(then[then.length - 1]!);
            const kept = expected[expected.length - 1];
            if (kept && isDeepStrictEqual(withoutSemester(kept), content)) continue;
            expected.push({ ...content, semester });
          }
          expect(versions).toEqual(expected);
        }
      }),
      propertyRuns(150),
    );
  });

  it('each vigencia’s latest version keeps the items the domain computes, with their wording, from the document’s inputs', () => {
    fc.assert(
      fc.property(steps, (drawn) => {
        const log = logOf(drawn);
        // Given the document a catch-up's draft ends with
        let draft: RiskDocument | null = null;
        for (const event of log) draft = projection.applyInPlace!(draft, event, ID) as RiskDocument;
        const doc = projection.finalize!(draft!);
        for (const [year, versions] of Object.entries(doc.vigencias)) {
          const inputs = vigenciaInputs(
            Number(year),
            doc.monitoring[year] ?? initialMonitoringState(),
            doc.plans['2024'] ?? null,
          );
          expect(versions[versions.length - 1]!.items).toEqual(compactItems(vigenciaItems(inputs)));
        }
      }),
      propertyRuns(150),
    );
  });

  it('the drawn logs reach what the properties are about (several versions, many scores, a semester that ends as it began)', () => {
    // A fixed sample, as many cases as the properties draw in a normal run: mutation testing runs
    // them with fewer cases (propertyRuns), which must not make this check fail by chance.
    const drawn = fc.sample(steps, { numRuns: 150, seed: 20261126 });
    let severalVersions = 0;
    let endsAsItBegan = 0;
    const totals = new Set<number>();
    for (const log of drawn.map(logOf)) {
      const pure = pureFold(log);
      const folded = pure[pure.length - 1]!;
      const vigencias = Object.values(folded.vigencias);
      if (vigencias.some((versions) => versions.length > 1)) severalVersions += 1;
      for (const version of vigencias.flat()) totals.add(version.total);
      // A semester in which the score changed and changed back: a version came and went.
      const bySemester = new Map<number, number[]>();
      log.forEach((event, i) => {
        const semester = semesterNumber(event.recordedAt);
        bySemester.set(semester, [...(bySemester.get(semester) ?? []), i]);
      });
      let before: RiskDocument | undefined;
      for (const indices of bySemester.values()) {
        const last = pure[indices[indices.length - 1]!]!;
        const changedMeanwhile = indices.some(
          (i) => !isDeepStrictEqual(pure[i]!.vigencias, before?.vigencias),
        );
        if (before && changedMeanwhile && isDeepStrictEqual(last.vigencias, before.vigencias))
          endsAsItBegan += 1;
        before = last;
      }
    }
    expect(severalVersions).toBeGreaterThan(drawn.length / 10);
    expect(totals.size).toBeGreaterThan(10);
    expect(endsAsItBegan).toBeGreaterThan(0);
  });
});
