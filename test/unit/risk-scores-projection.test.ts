/**
 * The `risk_scores` read model rescoring after plan reports: only the vigencias a report can change
 * are rescored, and every vigencia's latest version stays the score of the plan as it now stands.
 */
import { riskScoresProjection, type RiskDocument } from '../../projections/risk-scores';
import { MONITORED_COMPONENTS } from '../../src/domain/monitoring/methodology';
import { sectoralScore } from '../../src/domain/monitoring/scoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { RecordedEvent } from '../../src/eventstore/port';
import {
  baselineAcueductoUrbano,
  baselineAguasTratadas,
  goalAcueductoUrbano,
  goalAguasTratadas,
  planOpened,
  recordedPlanEvent,
} from '../support/plan';

const ID = 'risk-73001';
const COBERTURA = MONITORED_COMPONENTS.indexOf('cobertura');
const projection = riskScoresProjection(['73001']);

/** Plan events of Ibagué's 2024 plan, one month apart from January 2024 (record time). */
const recordedAll = (events: PlanEvent[]): RecordedEvent[] =>
  events.map((event, index) =>
    recordedPlanEvent(event, {
      revision: index,
      position: index + 1,
      recordedAt: new Date(Date.UTC(2024, index, 15)),
    }),
  );

const progress = (value: number, period: { year: number; month?: number }): PlanEvent => ({
  type: 'ProgressReported',
  data: { indicator: 'ACU-COB-URB', period, value, source: 'SUI', checklist: null, previous: null },
});

/** The document after each event, applied both ways (they must agree). */
function afterEach(events: PlanEvent[]): RiskDocument[] {
  let copied: RiskDocument | null = null;
  let draft: RiskDocument | null = null;
  const documents: RiskDocument[] = [];
  for (const recorded of recordedAll(events)) {
    expect(projection.idsOf(recorded)).toEqual([ID]);
    copied = { ...projection.apply(copied, recorded, ID)!, _position: recorded.position };
    // A draft is scored when written (`finalize`), here after every event.
    draft = projection.applyInPlace!(draft, recorded, ID) as RiskDocument;
    draft._position = recorded.position;
    expect(projection.finalize!(draft)).toEqual(copied);
    documents.push(copied);
  }
  return documents;
}

/** Each vigencia's latest cobertura item, and that item computed afresh from the plan digest. */
function coberturaScores(doc: RiskDocument) {
  const plan = doc.plans['2024']!;
  return [2024, 2025, 2026, 2027].map((year) => {
    const versions = doc.vigencias[String(year)]!;
    return {
      year,
      kept: versions[versions.length - 1]!.items.sectoriales[COBERTURA],
      afresh: sectoralScore(plan, year, 'cobertura', null, { explain: false }).score,
    };
  });
}

describe('the risk scores after plan reports', () => {
  it('keep every vigencia’s score that of the plan as it stands, with a late report of an earlier year', () => {
    // Given a plan with a goal and a report for 2026, then a late one for 2024
    const documents = afterEach([
      planOpened,
      baselineAcueductoUrbano,
      goalAcueductoUrbano,
      progress(9_000, { year: 2026, month: 6 }),
      progress(11_500, { year: 2024, month: 12 }),
    ]);
    const [beforeLate, afterLate] = documents.slice(-2) as [RiskDocument, RiskDocument];
    // Then each vigencia's latest item is the score computed afresh from the plan
    for (const { kept, afresh } of coberturaScores(afterLate)) expect(kept).toBe(afresh);
    // And the late 2024 report changed 2024 and 2025, never 2026 and 2027 (they read the 2026 report)
    const changed = (year: number) =>
      afterLate.vigencias[String(year)] !== beforeLate.vigencias[String(year)];
    expect([2024, 2025, 2026, 2027].map(changed)).toEqual([true, true, false, false]);
  });

  it('leave every vigencia as it was after a late report of an earlier month of a reported year', () => {
    // Given a plan whose 2025 was reported in June, then a late report of March 2025
    const documents = afterEach([
      planOpened,
      baselineAcueductoUrbano,
      goalAcueductoUrbano,
      progress(10_000, { year: 2025, month: 6 }),
      progress(11_900, { year: 2025, month: 3 }),
    ]);
    const [june, march] = documents.slice(-2) as [RiskDocument, RiskDocument];
    // Then the scores are those of June, the year's latest report
    expect(march.vigencias).toEqual(june.vigencias);
    expect(march.plans).toEqual(june.plans);
    for (const { kept, afresh } of coberturaScores(march)) expect(kept).toBe(afresh);
  });

  it('never change the document `apply` is given; a catch-up draft, scored once per semester, ends the same', () => {
    // Given a plan reported month after month (record time), several reports in one semester
    const events = recordedAll([
      planOpened,
      baselineAcueductoUrbano,
      goalAcueductoUrbano,
      baselineAguasTratadas,
      goalAguasTratadas,
      progress(9_000, { year: 2024, month: 3 }),
      progress(9_500, { year: 2024, month: 6 }),
      progress(10_000, { year: 2025, month: 6 }),
      progress(9_800, { year: 2024, month: 12 }),
      progress(10_500, { year: 2025, month: 12 }),
    ]);
    let current: RiskDocument | null = null;
    let draft: RiskDocument | null = null;
    for (const recorded of events) {
      // When each event is applied to the document as it stood, and to a draft in place
      const before = structuredClone(current);
      const next: RiskDocument = {
        ...projection.apply(current, recorded, ID)!,
        _position: recorded.position,
      };
      draft = projection.applyInPlace!(draft, recorded, ID) as RiskDocument;
      draft._position = recorded.position;
      // Then the document it was given is as it was
      expect(current).toEqual(before);
      current = next;
    }
    // And the draft, scored when written, equals the document built event by event
    expect(projection.finalize!(draft!)).toEqual(current);
    // And each vigencia kept one version per semester of record (2024-1 replaced several times)
    const semesters = Object.values(current!.vigencias).map((versions) =>
      versions.map((version) => version.semester),
    );
    expect(semesters).toEqual([[20241], [20241, 20242], [20241, 20242], [20241, 20242]]);
  });
});
