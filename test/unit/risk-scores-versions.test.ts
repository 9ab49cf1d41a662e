/**
 * `risk_scores`: how a vigencia's versions grow over several semesters of record time (Bogotá),
 * one per semester, and what a change in the latest semester replaces.
 */
import {
  riskDocumentId,
  riskScoresProjection,
  type RiskDocument,
} from '../../projections/risk-scores';
import type { MonitoringEvent } from '../../src/domain/monitoring/monitoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import type { RecordedEvent } from '../../src/eventstore/port';
import { compliantBudget } from '../support/monitoring';
import { planOpened, recordedPlanEvent } from '../support/plan';

const ID = riskDocumentId('73001');
const projection = riskScoresProjection(['73001']);

const bogota = (year: number, month: number, day: number) =>
  new Date(Date.UTC(year, month - 1, day, 17));

let position = 0;
function monitoring(event: MonitoringEvent, at: Date): RecordedEvent {
  return recorded(`monitoring-73001-${event.data.year}`, event, at);
}

function recorded(stream: string, event: { type: string; data: object }, at: Date): RecordedEvent {
  position += 1;
  return {
    id: `00000000-0000-4000-9000-${String(position).padStart(12, '0')}`,
    type: event.type,
    data: event.data as unknown as RecordedEvent['data'],
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

const fut = (incorporated: number): MonitoringEvent => ({
  type: 'BudgetReported',
  data: {
    daneCode: '73001',
    year: 2025,
    report: { ...compliantBudget, incorporated },
    source: 'FUT',
    previous: null,
  },
});

function fold(events: RecordedEvent[]): RiskDocument {
  let doc: RiskDocument | null = null;
  for (const event of events)
    doc = { ...projection.apply(doc, event, ID)!, _position: event.position };
  return doc!;
}

describe('risk_scores: las versiones de una vigencia a lo largo de varios semestres', () => {
  it('un cambio en el tercer semestre que vuelve al puntaje del segundo deja en vigor la versión del segundo (el semestre terminó como empezó); las anteriores quedan', () => {
    // Given the FUT of 2025 recorded in 2025-1, corrected in 2025-2 and in 2026-1
    const compliant = compliantBudget.incorporated;
    const events = [
      monitoring(fut(compliant), bogota(2025, 3, 1)),
      monitoring(fut(1), bogota(2025, 9, 1)),
      monitoring(fut(compliant), bogota(2026, 2, 1)),
    ];
    const threeSemesters = fold(events);
    expect(threeSemesters.vigencias['2025']!.map((v) => v.semester)).toEqual([20251, 20252, 20261]);
    // When it is corrected again in 2026-1, to a figure that scores as 2025-2's did
    const back = fold([...events, monitoring(fut(2), bogota(2026, 4, 1))]);
    // Then 2026-1 ends as it began: 2025-1 and 2025-2 keep their versions, and none is added
    expect(back.vigencias['2025']).toEqual(threeSemesters.vigencias['2025']!.slice(0, 2));
    // And corrected once more in 2026-1 to a compliant figure, 2026-1 has its version again
    const again = fold([
      ...events,
      monitoring(fut(2), bogota(2026, 4, 1)),
      monitoring(fut(compliant), bogota(2026, 5, 1)),
    ]);
    expect(again.vigencias['2025']).toEqual(threeSemesters.vigencias['2025']);
  });
});

describe('risk_scores: lo que no crea ni toca una vigencia', () => {
  it('una selección de componentes para una vigencia de la que la entidad no tiene nada no crea esa vigencia', () => {
    // Given Ibagué's 2024-2027 plan and the FUT of 2025
    const given = [
      recordedPlanEvent(planOpened, { revision: 0, position: 1, recordedAt: bogota(2024, 1, 7) }),
      monitoring(fut(compliantBudget.incorporated), bogota(2024, 2, 1)),
    ];
    // When the components of 2030 are selected
    const doc = fold([
      ...given,
      recorded(
        'sgp-components-2030',
        { type: 'ComponentsSelected', data: { year: 2030, components: ['cobertura'] } },
        bogota(2024, 3, 1),
      ),
    ]);
    // Then the selection is kept for when 2030 has inputs, and no vigencia 2030 appears
    expect(doc.selections).toEqual({ '2030': ['cobertura'] });
    expect(Object.keys(doc.vigencias)).toEqual(['2024', '2025', '2026', '2027']);
  });

  it('un aporte de proyecto a una meta no entra en el puntaje: no llega a risk_scores', () => {
    const contribution: PlanEvent = {
      type: 'ProjectContributionAttached',
      data: { projectId: 'P-001', indicator: 'ACU-COB-URB', amount: 500, unit: 'poblacion' },
    };
    const event = recordedPlanEvent(contribution, {
      revision: 5,
      position: 6,
      recordedAt: bogota(2024, 3, 1),
    });
    expect(projection.idsOf(event)).toEqual([]);
  });
});
