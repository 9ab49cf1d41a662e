/**
 * The read models of SGP-APSB monitoring: given the inputs recorded for a municipality and
 * vigencia (FUT values, strategic flags...), then the `monitoring` document with every version of
 * them and its record time; given the ministry's methodologies and yearly component selections,
 * then the `methodologies` documents, each with the legal basis it cited.
 */
import {
  isMethodologyEvent,
  methodologiesProjection,
  methodologyEventOf,
  monitoringEventOf,
  monitoringProjection,
  type MethodologyDocument,
  type MonitoringDocument,
} from '../../projections/monitoring';
import type { MonitoringEvent } from '../../src/domain/monitoring/monitoring';
import { compliantBudget } from '../support/monitoring';
import { projectAll as project, recorder } from '../support/recorded';

const STREAM = 'monitoring-73001-2024';

const budget = (collected: number): MonitoringEvent => ({
  type: 'BudgetReported',
  data: {
    daneCode: '73001',
    year: 2024,
    report: { ...compliantBudget, collected },
    source: 'FUT',
    previous: null,
  },
});
const flag = (type: 'StrategicFlagRaised' | 'StrategicFlagWithdrawn'): MonitoringEvent => ({
  type,
  data: { daneCode: '73001', year: 2024, flag: 'EMERGENCIA_SANITARIA' },
});

describe('monitoring read model', () => {
  it('only monitoring events of a municipality and vigencia stream', () => {
    const record = recorder();
    expect(monitoringEventOf(record(STREAM, budget(1)))).toMatchObject({ type: 'BudgetReported' });
    for (const stream of [
      'monitoring-73-2024',
      'monitoring-73001-24',
      'xmonitoring-73001-2024',
      'monitoring-73001-2024-1',
      'plan-73001-2024',
    ]) {
      expect(monitoringEventOf(record(stream, budget(1)))).toBeNull();
      expect(monitoringProjection.idsOf(record(stream, budget(1)))).toEqual([]);
    }
    expect(monitoringEventOf(record(STREAM, { type: 'GoalSet', data: {} }))).toBeNull();
    expect(monitoringProjection.idsOf(record(STREAM, budget(1)))).toEqual([STREAM]);
  });

  it('keeps every version of the inputs with its record time; each builds on the one before', () => {
    const record = recorder();
    const events = [
      record(STREAM, budget(900_000_000)),
      record(STREAM, flag('StrategicFlagRaised')),
      record(STREAM, budget(920_000_000)),
      record(STREAM, flag('StrategicFlagWithdrawn')),
    ];
    const doc = project(monitoringProjection, events).get(STREAM)! as MonitoringDocument;
    expect(doc).toMatchObject({ _id: STREAM, daneCode: '73001', year: 2024 });
    expect(doc.versions.map((v) => [v.validFrom, v.eventId])).toEqual(
      events.map((e) => [e.recordedAt, e.id]),
    );
    expect(doc.versions.map((v) => [v.state.budget?.collected, v.state.strategicFlags])).toEqual([
      [900_000_000, []],
      [900_000_000, ['EMERGENCIA_SANITARIA']],
      [920_000_000, ['EMERGENCIA_SANITARIA']],
      [920_000_000, []],
    ]);
  });
});

describe('methodologies read model', () => {
  const methodology = { id: 'res-449-2013', name: 'Resolución 449 de 2013' } as never;

  it('only methodology and component-selection events of their streams', () => {
    const record = recorder();
    const defined = { type: 'MethodologyDefined', data: { methodology } };
    const selected = { type: 'ComponentsSelected', data: { year: 2024, components: [] } };
    expect(isMethodologyEvent(defined)).toBe(true);
    expect(isMethodologyEvent(selected)).toBe(true);
    expect(isMethodologyEvent({ type: 'BudgetReported' })).toBe(false);
    expect(methodologyEventOf(record('methodology-res-449-2013', defined))).toMatchObject(defined);
    expect(methodologyEventOf(record('sgp-components-2024', selected))).toMatchObject(selected);
    expect(methodologyEventOf(record('monitoring-73001-2024', selected))).toBeNull();
    expect(methodologyEventOf(record('xmethodology-1', defined))).toBeNull();
    expect(methodologyEventOf(record('methodology-1', { type: 'GoalSet', data: {} }))).toBeNull();
    expect(methodologiesProjection.idsOf(record('methodology-1', defined))).toEqual([
      'methodology-1',
    ]);
    expect(methodologiesProjection.idsOf(record('plan-73001-2024', defined))).toEqual([]);
  });

  it('a methodology, as recorded, with the act the ministry cited', () => {
    const record = recorder();
    const defined = record(
      'methodology-res-449-2013',
      { type: 'MethodologyDefined', data: { methodology } },
      { legalBasis: 'Resolución 449 de 2013' },
    );
    expect(project(methodologiesProjection, [defined]).get('methodology-res-449-2013')).toEqual({
      _id: 'methodology-res-449-2013',
      kind: 'methodology',
      methodology,
      recordedAt: defined.recordedAt,
      legalBasis: 'Resolución 449 de 2013',
      year: null,
      selections: [],
    } satisfies Omit<MethodologyDocument, '_position'>);
  });

  it('a year’s component selection keeps every version with its record time', () => {
    const record = recorder();
    const first = record('sgp-components-2024', {
      type: 'ComponentsSelected',
      data: { year: 2024, components: ['cobertura'] },
    });
    const second = record(
      'sgp-components-2024',
      {
        type: 'ComponentsSelected',
        data: { year: 2024, components: ['cobertura', 'gestion_ambiental'] },
      },
      { legalBasis: 'Circular 3 de 2024' },
    );
    expect(project(methodologiesProjection, [first]).get('sgp-components-2024')).toMatchObject({
      legalBasis: null,
    });
    expect(project(methodologiesProjection, [first, second]).get('sgp-components-2024')).toEqual({
      _id: 'sgp-components-2024',
      kind: 'components',
      methodology: null,
      recordedAt: second.recordedAt,
      legalBasis: 'Circular 3 de 2024',
      year: 2024,
      selections: [
        { validFrom: first.recordedAt, components: ['cobertura'] },
        { validFrom: second.recordedAt, components: ['cobertura', 'gestion_ambiental'] },
      ],
    } satisfies Omit<MethodologyDocument, '_position'>);
  });
});
