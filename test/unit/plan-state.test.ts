/**
 * The plan's state as a fold of its events (issue 14, mutation testing of `state.ts` and
 * `events.ts`): given events, then the state; each fold leaves the state it started from as it
 * was, and the in-place and entity-by-entity builds reach the same state.
 */
import {
  adoptionCitation,
  isPlanEvent,
  periodKey,
  type PlanEvent,
} from '../../src/domain/plan/events';
import {
  buildPlanState,
  entityOf,
  evolvePlan,
  evolvePlanInPlace,
  foldPlan,
  initialPlanState,
  planChanges,
  type PlanState,
} from '../../src/domain/plan/state';
import { citingTheAct } from '../../src/domain/plan/commands';
import {
  baselineAcueductoUrbano,
  goalAcueductoUrbano,
  planAdopted,
  planOpened,
  projectOwn,
} from '../support/plan';

const amended: PlanEvent = {
  type: 'GoalAmended',
  data: {
    goalId: '73001-2024-ACU-COB-URB',
    indicator: 'ACU-COB-URB',
    targets: [1_000, 1_500, 1_500, 1_000],
    total: 5_000,
    previous: { targets: [1_000, 2_000, 2_000, 1_000], total: 6_000 },
  },
};
const need: PlanEvent = {
  type: 'NeedRegistered',
  data: { needId: 'N-1', need: 'Barrio sin red', investmentName: 'Red', estimatedValue: 2e9 },
};
const attached: PlanEvent = {
  type: 'ProjectContributionAttached',
  data: { projectId: 'P-001', indicator: 'ACU-COB-URB', amount: 2_500, unit: 'poblacion' },
};
const changed: PlanEvent = {
  type: 'ProjectContributionChanged',
  data: {
    projectId: 'P-001',
    indicator: 'ACU-COB-URB',
    amount: 3_000,
    unit: 'poblacion',
    previous: { amount: 2_500 },
  },
};
const detached: PlanEvent = {
  type: 'ProjectContributionDetached',
  data: { projectId: 'P-001', indicator: 'ACU-COB-URB', previous: { amount: 3_000 } },
};
const debt = (detail: string, amounts: [number, number, number, number]): PlanEvent => ({
  type: 'FundingRowSet',
  data: { table: 'usos', row: 'SERVICIO_DEUDA', detail, amounts, previous: null },
});
const sgp: PlanEvent = {
  type: 'FundingRowSet',
  data: { table: 'fuentes', row: 'SGP_APSB', detail: null, amounts: [1, 1, 1, 1], previous: null },
};
const irca = (month: number | undefined, value: number): PlanEvent => ({
  type: 'ProgressReported',
  data: {
    indicator: 'ACU-IRCA-URB',
    period: month === undefined ? { year: 2025 } : { year: 2025, month },
    value,
    source: 'INS',
    checklist: null,
    previous: null,
  },
});

const history: PlanEvent[] = [
  planOpened,
  baselineAcueductoUrbano,
  goalAcueductoUrbano,
  planAdopted,
  amended,
  need,
  projectOwn,
  attached,
  changed,
  debt('Findeter', [1, 2, 3, 4]),
  debt('Banco Agrario', [5, 6, 7, 8]),
  sgp,
  irca(3, 4.2),
  irca(undefined, 3.9),
];

/** The state the whole history must fold to, written out entity by entity. */
const expected: PlanState = {
  planId: 'plan-73001-2024',
  daneCode: '73001',
  municipality: 'IBAGUÉ',
  departmentCode: '73',
  department: 'TOLIMA',
  firstYear: 2024,
  lastYear: 2027,
  adoption: { act: 'ACUERDO', number: '012', date: '2024-05-31' },
  baselines: {
    'ACU-COB-URB': {
      indicator: 'ACU-COB-URB',
      value: 12_000,
      measuredAt: { year: 2023 },
      source: 'SUI',
    },
  },
  goals: {
    'ACU-COB-URB': {
      goalId: '73001-2024-ACU-COB-URB',
      indicator: 'ACU-COB-URB',
      targets: [1_000, 1_500, 1_500, 1_000],
      total: 5_000,
      amendments: 1,
    },
  },
  needs: {
    'N-1': { needId: 'N-1', need: 'Barrio sin red', investmentName: 'Red', estimatedValue: 2e9 },
  },
  projects: { 'P-001': { ...(projectOwn.data as object) } as PlanState['projects'][string] },
  contributions: {
    'P-001|ACU-COB-URB': {
      projectId: 'P-001',
      indicator: 'ACU-COB-URB',
      amount: 3_000,
      unit: 'poblacion',
    },
  },
  funding: {
    fuentes: {
      SGP_APSB: { table: 'fuentes', row: 'SGP_APSB', detail: null, amounts: [1, 1, 1, 1] },
    },
    usos: {
      'SERVICIO_DEUDA:Findeter': {
        table: 'usos',
        row: 'SERVICIO_DEUDA',
        detail: 'Findeter',
        amounts: [1, 2, 3, 4],
      },
      'SERVICIO_DEUDA:Banco Agrario': {
        table: 'usos',
        row: 'SERVICIO_DEUDA',
        detail: 'Banco Agrario',
        amounts: [5, 6, 7, 8],
      },
    },
    gestion: {},
  },
  progress: {
    'ACU-IRCA-URB': {
      '2025-03': {
        indicator: 'ACU-IRCA-URB',
        period: { year: 2025, month: 3 },
        value: 4.2,
        source: 'INS',
        checklist: null,
      },
      '2025': {
        indicator: 'ACU-IRCA-URB',
        period: { year: 2025 },
        value: 3.9,
        source: 'INS',
        checklist: null,
      },
    },
  },
};

describe('el estado del plan como pliegue de sus eventos', () => {
  it('dados todos los hechos de un plan, el estado es exactamente cada entidad vigente', () => {
    expect(foldPlan(history)).toEqual(expected);
  });

  it('el estado inicial no tiene plan, ni entidades, y sus tres tablas de recursos vacías', () => {
    expect(initialPlanState()).toEqual({
      planId: null,
      daneCode: null,
      municipality: null,
      departmentCode: null,
      department: null,
      firstYear: null,
      lastYear: null,
      adoption: null,
      baselines: {},
      goals: {},
      needs: {},
      projects: {},
      contributions: {},
      funding: { fuentes: {}, usos: {}, gestion: {} },
      progress: {},
    });
  });

  it('cada modificación de una meta cuenta; fijarla de nuevo en borrador vuelve a cero', () => {
    const twice = foldPlan([...history, { ...amended, data: { ...amended.data, total: 4_000 } }]);
    expect(twice.goals['ACU-COB-URB']!.amendments).toBe(2);
    expect(twice.goals['ACU-COB-URB']!.total).toBe(4_000);
    const reset = foldPlan([
      planOpened,
      baselineAcueductoUrbano,
      goalAcueductoUrbano,
      goalAcueductoUrbano,
    ]);
    expect(reset.goals['ACU-COB-URB']!.amendments).toBe(0);
    // Una modificación de una meta que el estado no tiene cuenta como la primera.
    expect(foldPlan([planOpened, amended]).goals['ACU-COB-URB']!.amendments).toBe(1);
  });

  it('retirar una contribución la quita del estado', () => {
    expect(foldPlan([...history, detached]).contributions).toEqual({});
    // Quitada, no dejada como una entrada vacía (toEqual no distingue una clave con undefined).
    expect(Object.keys(foldPlan([...history, detached]).contributions)).toEqual([]);
    const inPlace = [...history, detached].reduce(evolvePlanInPlace, initialPlanState());
    expect(Object.keys(inPlace.contributions)).toEqual([]);
  });

  it('un hecho nuevo no borra los anteriores de su clase: dos de cada entidad conviven', () => {
    const baselineRural: PlanEvent = {
      ...baselineAcueductoUrbano,
      data: { ...(baselineAcueductoUrbano.data as object), indicator: 'ACU-COB-RUR' },
    } as PlanEvent;
    const goalRural: PlanEvent = {
      ...goalAcueductoUrbano,
      data: {
        ...(goalAcueductoUrbano.data as object),
        goalId: '73001-2024-ACU-COB-RUR',
        indicator: 'ACU-COB-RUR',
      },
    } as PlanEvent;
    const secondNeed: PlanEvent = {
      ...need,
      data: { ...(need.data as object), needId: 'N-2' },
    } as PlanEvent;
    const secondProject: PlanEvent = {
      ...projectOwn,
      data: { ...(projectOwn.data as object), projectId: 'P-002' },
    } as PlanEvent;
    const attachedRural: PlanEvent = {
      ...attached,
      data: { ...(attached.data as object), indicator: 'ACU-COB-RUR' },
    } as PlanEvent;
    const ircaRural: PlanEvent = {
      ...irca(undefined, 2.1),
      data: { ...(irca(undefined, 2.1).data as object), indicator: 'ACU-IRCA-RUR' },
    } as PlanEvent;
    const state = foldPlan([
      ...history,
      baselineRural,
      goalRural,
      secondNeed,
      secondProject,
      attachedRural,
      ircaRural,
    ]);
    expect(Object.keys(state.baselines).sort()).toEqual(['ACU-COB-RUR', 'ACU-COB-URB']);
    expect(Object.keys(state.goals).sort()).toEqual(['ACU-COB-RUR', 'ACU-COB-URB']);
    expect(state.goals['ACU-COB-URB']!.amendments).toBe(1);
    expect(Object.keys(state.needs).sort()).toEqual(['N-1', 'N-2']);
    expect(Object.keys(state.projects).sort()).toEqual(['P-001', 'P-002']);
    expect(Object.keys(state.contributions).sort()).toEqual([
      'P-001|ACU-COB-RUR',
      'P-001|ACU-COB-URB',
    ]);
    expect(Object.keys(state.progress).sort()).toEqual(['ACU-IRCA-RUR', 'ACU-IRCA-URB']);
    expect(Object.keys(state.progress['ACU-IRCA-URB']!).sort()).toEqual(['2025', '2025-03']);
  });

  it('cada hecho copia solo el mapa de su entidad: los demás se comparten con el estado anterior', () => {
    const maps = (state: PlanState) => ({
      baselines: state.baselines,
      goals: state.goals,
      needs: state.needs,
      projects: state.projects,
      contributions: state.contributions,
      funding: state.funding,
      fuentes: state.funding.fuentes,
      usos: state.funding.usos,
      gestion: state.funding.gestion,
      progress: state.progress,
    });
    const touched: Record<string, string[]> = {
      header: [],
      adoption: [],
      baseline: ['baselines'],
      goal: ['goals'],
      need: ['needs'],
      project: ['projects'],
      contribution: ['contributions'],
    };
    let state = initialPlanState();
    for (const event of [...history, detached]) {
      const before = maps(state);
      state = evolvePlan(state, event);
      const after = maps(state);
      const { kind, key } = entityOf(event);
      const copied =
        kind === 'funding'
          ? ['funding', key.split('/')[0]!]
          : kind === 'progress'
            ? ['progress']
            : touched[kind]!;
      for (const name of Object.keys(before) as (keyof typeof before)[]) {
        expect([event.type, name, after[name] === before[name]]).toEqual([
          event.type,
          name,
          !copied.includes(name),
        ]);
      }
    }
  });

  it('cada evento deja intacto el estado del que parte (las lecturas "a la fecha" lo comparten)', () => {
    const snapshots: string[] = [];
    const states: PlanState[] = [];
    let state = initialPlanState();
    for (const event of [...history, detached]) {
      states.push(state);
      snapshots.push(JSON.stringify(state));
      state = evolvePlan(state, event);
    }
    states.forEach((before, i) => expect(JSON.stringify(before)).toBe(snapshots[i]));
  });

  it('el pliegue en sitio y la construcción entidad por entidad llegan al mismo estado', () => {
    const inPlace = [...history, detached].reduce(evolvePlanInPlace, initialPlanState());
    const folded = foldPlan([...history, detached]);
    expect(inPlace).toEqual(folded);
    const byEntity = new Map<string, ReturnType<typeof planChanges>[number]>();
    let state = initialPlanState();
    for (const event of history) {
      for (const change of planChanges(event, (kind, key) => {
        const found = byEntity.get(`${kind}:${key}`);
        return found?.value ?? undefined;
      })) {
        byEntity.set(`${change.kind}:${change.key}`, change);
      }
      state = evolvePlan(state, event);
    }
    expect(buildPlanState([...byEntity.values()])).toEqual(expected);
  });

  it('cada evento es de una sola entidad, con su clave', () => {
    expect(history.map((event) => entityOf(event))).toEqual([
      { kind: 'header', key: 'plan' },
      { kind: 'baseline', key: 'ACU-COB-URB' },
      { kind: 'goal', key: 'ACU-COB-URB' },
      { kind: 'adoption', key: 'plan' },
      { kind: 'goal', key: 'ACU-COB-URB' },
      { kind: 'need', key: 'N-1' },
      { kind: 'project', key: 'P-001' },
      { kind: 'contribution', key: 'P-001|ACU-COB-URB' },
      { kind: 'contribution', key: 'P-001|ACU-COB-URB' },
      { kind: 'funding', key: 'usos/SERVICIO_DEUDA:Findeter' },
      { kind: 'funding', key: 'usos/SERVICIO_DEUDA:Banco Agrario' },
      { kind: 'funding', key: 'fuentes/SGP_APSB' },
      { kind: 'progress', key: 'ACU-IRCA-URB/2025-03' },
      { kind: 'progress', key: 'ACU-IRCA-URB/2025' },
    ]);
    expect(entityOf(detached)).toEqual({ kind: 'contribution', key: 'P-001|ACU-COB-URB' });
  });
});

describe('los eventos del plan', () => {
  it('el periodo de un mes lleva dos dígitos; el anual, solo el año', () => {
    expect(periodKey({ year: 2025, month: 3 })).toBe('2025-03');
    expect(periodKey({ year: 2025, month: 11 })).toBe('2025-11');
    expect(periodKey({ year: 2025 })).toBe('2025');
  });

  it('el acto de adopción se cita como "Acuerdo 012 de 2024" o "Decreto 45 de 2024"', () => {
    expect(adoptionCitation({ act: 'ACUERDO', number: '012', date: '2024-05-31' })).toBe(
      'Acuerdo 012 de 2024',
    );
    expect(adoptionCitation({ act: 'DECRETO', number: '45', date: '2024-06-30' })).toBe(
      'Decreto 45 de 2024',
    );
  });

  it('los doce tipos de hecho del plan son eventos del plan; otro tipo no', () => {
    for (const event of [...history, detached]) expect(isPlanEvent(event)).toBe(true);
    expect(isPlanEvent({ type: 'ReviewOpened' })).toBe(false);
    expect(isPlanEvent({ type: 'planopened' })).toBe(false);
  });
});

describe('el acto de adopción como fundamento legal de su evento', () => {
  const adopt = {
    type: 'AdoptPlan' as const,
    act: 'ACUERDO' as const,
    number: ' 012 ',
    date: '2024-05-31',
  };
  it('sin otro fundamento, el evento cita el acto que adopta el plan', () => {
    expect(citingTheAct(adopt)).toEqual({ ...adopt, legalBasis: 'Acuerdo 012 de 2024' });
    expect(citingTheAct({ ...adopt, act: 'DECRETO' }).legalBasis).toBe('Decreto 012 de 2024');
  });
  it('un fundamento dado se respeta', () => {
    const given = { ...adopt, legalBasis: 'Decreto 1077 de 2015' };
    expect(citingTheAct(given)).toBe(given);
  });
  it.each([
    ['un acto que no es acuerdo ni decreto', { act: 'RESOLUCION' }],
    ['sin número', { number: 12 }],
    ['sin fecha', { date: undefined }],
  ])('%s queda para que el decisor lo rechace, sin cita', (_label, change) => {
    const malformed = { ...adopt, ...change } as never;
    expect(citingTheAct(malformed)).toBe(malformed);
  });
});
