/**
 * The `plans` read model (a municipality's sector plan as it stands, with its own figures), event
 * by event: given events, then the document. Every way of applying (a fresh copy per event, a
 * batch's draft in place, a draft read back) must give the same document.
 */
import { plansProjection, type PlanDocument } from '../../projections/plans';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { RecordedEvent } from '../../src/eventstore/port';
import {
  baselineAcueductoUrbano,
  goalAcueductoUrbano,
  planAdopted,
  planOpened,
} from '../support/plan';
import { appliedEveryWay } from '../support/drafts';
import { recorder } from '../support/recorded';

const STREAM = 'plan-73001-2024';

function recordedAll(events: PlanEvent[]): RecordedEvent[] {
  const record = recorder();
  return events.map((event, index) =>
    record(
      STREAM,
      event,
      index > 0 ? { reason: `cambio ${index + 1}`, legalBasis: 'Acuerdo 012 de 2024' } : {},
    ),
  );
}

/** The document after the events, every way the projector may apply them (they must agree). */
function given(...events: PlanEvent[]): PlanDocument {
  return appliedEveryWay(plansProjection, recordedAll(events), STREAM);
}

const progress = (value: number, period: { year: number; month?: number }): PlanEvent => ({
  type: 'ProgressReported',
  data: {
    indicator: 'ACU-COB-URB',
    period,
    value,
    source: 'SUI',
    checklist: null,
    previous: null,
  },
});

/** The progress reports the plan keeps for the indicator, by period key. */
const kept = (doc: PlanDocument) =>
  Object.values(doc.state.progress['ACU-COB-URB'] ?? {}).map((entry) => entry.value);

describe('plans read model: the plan as it stands', () => {
  it('names the plan, its municipality, department and cuatrienio from the stream and the header', () => {
    const doc = given(planOpened);
    expect(doc).toMatchObject({
      _id: STREAM,
      daneCode: '73001',
      departmentCode: '73',
      firstYear: 2024,
      revision: 0,
      adoptionLineage: null,
    });
    expect(doc.lastChange).toMatchObject({ eventType: 'PlanOpened', position: 10, reason: null });
  });

  it('events of other aggregates, or not of a plan, make no plan document', () => {
    const [monitoring] = recordedAll([planOpened]).map((event) => ({
      ...event,
      stream: 'monitoring-73001-2024',
    }));
    const [unknown] = recordedAll([{ type: 'NotAPlanEvent', data: {} } as unknown as PlanEvent]);
    expect(plansProjection.idsOf(monitoring!)).toEqual([]);
    expect(plansProjection.idsOf(unknown!)).toEqual([]);
  });

  it('the revision and last change follow the latest event, the expectedRevision of the next edit', () => {
    const doc = given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano);
    expect(doc.revision).toBe(2);
    expect(doc.lastChange).toMatchObject({
      eventId: '00000000-0000-4000-8000-000000000003',
      eventType: 'GoalSet',
      position: 30,
      reason: 'cambio 3',
      legalBasis: 'Acuerdo 012 de 2024',
    });
    expect(doc.state.goals['ACU-COB-URB']).toMatchObject({ total: 6_000 });
  });

  it('the adoption act keeps its lineage after later edits; a draft has none', () => {
    const doc = given(planOpened, baselineAcueductoUrbano, planAdopted, goalAcueductoUrbano);
    expect(doc.adoptionLineage).toMatchObject({ eventType: 'PlanAdopted', position: 30 });
    expect(doc.lastChange).toMatchObject({ eventType: 'GoalSet', position: 40 });
    expect(given(planOpened, baselineAcueductoUrbano).adoptionLineage).toBeNull();
  });

  it('the figures are the plan’s own: resources and funds, without each goal’s (kept in goals)', () => {
    const doc = given(planOpened, baselineAcueductoUrbano, goalAcueductoUrbano);
    expect(doc.figures).not.toBeNull();
    expect(doc.figures).not.toHaveProperty('goals');
    expect(doc.figures).toHaveProperty('resources');
    expect(doc.figures!.funds).toHaveLength(4);
  });
});

describe('plans read model: only the latest progress report per indicator', () => {
  const plan = [planOpened, baselineAcueductoUrbano, goalAcueductoUrbano];

  it('a first report is kept', () => {
    expect(kept(given(...plan, progress(11_500, { year: 2024, month: 6 })))).toEqual([11_500]);
  });

  it('a later report replaces the earlier one: the plan keeps one report per indicator', () => {
    const doc = given(
      ...plan,
      progress(11_500, { year: 2024, month: 6 }),
      progress(11_000, { year: 2024, month: 7 }),
    );
    expect(kept(doc)).toEqual([11_000]);
    expect(Object.keys(doc.state.progress['ACU-COB-URB']!)).toEqual(['2024-07']);
  });

  it('a correction of the same period replaces the report it corrects', () => {
    const doc = given(...plan, progress(11_500, { year: 2024 }), {
      ...progress(11_400, { year: 2024 }),
      data: {
        ...progress(11_400, { year: 2024 }).data,
        previous: { value: 11_500, source: 'SUI' },
      },
    } as PlanEvent);
    expect(kept(doc)).toEqual([11_400]);
  });

  it('a report of an earlier period, received later, does not displace the latest', () => {
    const doc = given(
      ...plan,
      progress(11_000, { year: 2025, month: 3 }),
      progress(11_500, { year: 2024 }),
      progress(11_200, { year: 2025, month: 2 }),
    );
    expect(kept(doc)).toEqual([11_000]);
  });

  it('the annual report of 2024 goes after December 2024 and before January 2025', () => {
    expect(
      kept(
        given(
          ...plan,
          progress(11_600, { year: 2024 }),
          progress(11_700, { year: 2024, month: 12 }),
        ),
      ),
    ).toEqual([11_600]);
    expect(
      kept(
        given(
          ...plan,
          progress(11_600, { year: 2024 }),
          progress(11_700, { year: 2025, month: 1 }),
        ),
      ),
    ).toEqual([11_700]);
    expect(
      kept(
        given(
          ...plan,
          progress(11_700, { year: 2024, month: 12 }),
          progress(11_600, { year: 2024 }),
        ),
      ),
    ).toEqual([11_600]);
  });

  it('a report of another indicator leaves this one’s alone', () => {
    const other: PlanEvent = {
      ...progress(30, { year: 2024 }),
      data: { ...progress(30, { year: 2024 }).data, indicator: 'ALC-TRAT-URB' },
    } as PlanEvent;
    const doc = given(...plan, progress(11_500, { year: 2024 }), other);
    expect(kept(doc)).toEqual([11_500]);
    expect(Object.values(doc.state.progress['ALC-TRAT-URB']!).map((e) => e.value)).toEqual([30]);
  });
});
