/**
 * More edges of the SGP-APSB risk scoring (Res. 449 de 2013, arts. 2-5), beyond
 * test/unit/scoring-boundaries.test.ts: GES-MUN without a FUT or without its checklist, categories
 * with every item exempt, items a new methodology names that the implementation does not compute,
 * and the compact form the read model keeps (issue 14).
 */
import { RES_449_2013, type Methodology } from '../../src/domain/monitoring/methodology';
import {
  compactItems,
  riskScore,
  sectoralScore,
  vigenciaItems,
  weighCompact,
  type VigenciaItems,
} from '../../src/domain/monitoring/scoring';
import type { PlanEvent } from '../../src/domain/plan/events';
import { foldPlan } from '../../src/domain/plan/state';
import { compliantBudget, gesMunChecklist, gesMunPlan, gesMunReport } from '../support/monitoring';
import { planOpened } from '../support/plan';

const checklist = gesMunChecklist;
const gesMun = (reportChecklist: typeof checklist | null) =>
  gesMunPlan(gesMunReport(reportChecklist));
const lowSubsidies = { ...compliantBudget, subsidiesCommitted: 100_000_000 };

describe('GES-MUN frente al FUT: solo se corrige lo que el FUT puede decir', () => {
  it('sin FUT registrado de la vigencia, vale lo que el municipio declaró, sin nota del FUT', () => {
    const score = sectoralScore(gesMun(checklist), 2024, 'estado_prestacion', null);
    expect(score.score).toBe(100);
    expect(score.explanation).not.toContain('FUT:');
  });

  it('un reporte sin lista de requisitos no se corrige con el FUT', () => {
    const score = sectoralScore(gesMun(null), 2024, 'estado_prestacion', lowSubsidies);
    expect(score.score).toBe(100);
    expect(score.explanation).not.toContain('FUT:');
  });

  it('con lista de requisitos y FUT de la vigencia, el FUT corrige lo declarado', () => {
    const score = sectoralScore(gesMun({ ...checklist }), 2024, 'estado_prestacion', lowSubsidies);
    expect(score.score).toBe(66.66);
    expect(score.explanation).toContain('FUT: subsidios comprometidos 100.000.000');
  });
});

describe('lo programado se suma sin ruido de coma flotante', () => {
  it('0,1 + 0,2 programados son 0,3', () => {
    const plan = foldPlan([
      planOpened,
      {
        type: 'BaselineSet',
        data: {
          indicator: 'ACU-COB-URB',
          value: 12_000,
          measuredAt: { year: 2023 },
          source: 'SUI',
          previous: null,
        },
      },
      {
        type: 'GoalSet',
        data: {
          goalId: 'g',
          indicator: 'ACU-COB-URB',
          targets: [0.1, 0.2, 0, 0],
          total: 0.3,
          previous: null,
        },
      },
    ] as PlanEvent[]);
    expect(sectoralScore(plan, 2025, 'cobertura').explanation).toContain(
      'ACU-COB-URB: 0.3 programado a 2025 y sin reporte: 0.',
    );
  });
});

const onlyContract: Methodology = {
  ...RES_449_2013,
  id: 'SOLO-CONTRATO',
  items: {
    ...RES_449_2013.items,
    administrativos: [{ code: 'SUI_CONTRATO_SUBSIDIOS', label: 'Contrato', weight: 1 }],
  },
};

const itemsOf = (exempt: boolean): VigenciaItems =>
  vigenciaItems({
    year: 2024,
    budget: compliantBudget,
    administrative: { SUI_CONTRATO_SUBSIDIOS: { filed: true } },
    exemptFromSubsidyContract: exempt,
    strategicFlags: [],
    plan: null,
  });

describe('categorías y pesos (art. 3)', () => {
  it('una categoría cuyos ítems están todos exentos da 0, no un número indefinido', () => {
    const full = riskScore(onlyContract, itemsOf(true), [], []);
    expect(full.categories.map((c) => c.score)).toEqual([100, 0, 0]);
    expect(full.total).toBe(40);
    expect(weighCompact(onlyContract, compactItems(itemsOf(true)), [], []).categories).toEqual([
      100, 0, 0,
    ]);
    // Not exempt and filed: 100.
    expect(riskScore(onlyContract, itemsOf(false), [], []).categories[1]!.score).toBe(100);
    expect(weighCompact(onlyContract, compactItems(itemsOf(false)), [], []).categories[1]).toBe(
      100,
    );
  });

  it('un ítem que una nueva metodología nombra y la implementación no calcula cuenta 0, "Sin dato."', () => {
    const withNewItem: Methodology = {
      ...RES_449_2013,
      id: 'CON-NUEVO',
      items: {
        ...RES_449_2013.items,
        presupuestales: [
          { code: 'INCORPORACION', label: 'Incorporación', weight: 1 },
          { code: 'NUEVO', label: 'Nuevo', weight: 1 },
        ],
      },
    };
    const items = itemsOf(false);
    const full = riskScore(withNewItem, items, [], []);
    expect(full.categories[0]).toMatchObject({ score: 50 });
    expect(full.categories[0]!.items[1]).toEqual({
      code: 'NUEVO',
      score: 0,
      explanation: 'Sin dato.',
    });
    expect(weighCompact(withNewItem, compactItems(items), [], []).categories[0]).toBe(50);
  });

  it('la forma compacta: -1 el exento, 0 lo que falta, en el orden fijo de cada categoría', () => {
    const items = itemsOf(true);
    const compact = compactItems({ ...items, presupuestales: items.presupuestales.slice(1) });
    expect(compact.presupuestales).toEqual([0, 100, 100, 100, 100, 100, 100]);
    expect(compact.administrativos).toEqual([-1, 0, 0, 0]);
    expect(compact.sectoriales).toEqual([0, 0, 0, 0]);
  });

  it('se prioriza por nivel alto o por bandera, no por un nivel medio sin bandera', () => {
    const items = itemsOf(false);
    // 40 (budget) + 2,5 (1 of 4 filed) + 0 = 42,5: medio.
    const medio = riskScore(RES_449_2013, items, [], []);
    expect(medio).toMatchObject({
      total: 42.5,
      level: 'MEDIO',
      prioritised: false,
      strategicFlags: [],
    });
    expect(weighCompact(RES_449_2013, compactItems(items), [], [])).toEqual({
      categories: [100, 25, 0],
      total: 42.5,
      level: 'MEDIO',
      prioritised: false,
    });
    const flagged = weighCompact(RES_449_2013, compactItems(items), [], ['Emergencia']);
    expect(flagged.prioritised).toBe(true);
    expect(riskScore(RES_449_2013, items, [], ['Emergencia'])).toMatchObject({
      strategicFlags: ['Emergencia'],
      prioritised: true,
    });
  });

  it('el nivel sale de las bandas de la metodología aplicada', () => {
    const strict: Methodology = {
      ...RES_449_2013,
      id: 'ESTRICTA',
      bands: [
        { level: 'SIN_RIESGO', min: 99 },
        { level: 'ALTO', min: 0 },
      ],
    };
    const items = itemsOf(false);
    expect(riskScore(strict, items, [], []).level).toBe('ALTO');
    expect(weighCompact(strict, compactItems(items), [], []).level).toBe('ALTO');
  });

  it('una selección de componentes deja fuera a los demás también en la forma compacta', () => {
    const items = itemsOf(false);
    const scored: VigenciaItems = {
      ...items,
      sectoriales: items.sectoriales.map((item) => ({
        ...item,
        score: item.code === 'cobertura' ? 80 : 20,
      })),
    };
    expect(riskScore(RES_449_2013, scored, ['cobertura'], []).categories[2]!.score).toBe(80);
    expect(weighCompact(RES_449_2013, compactItems(scored), ['cobertura'], []).categories[2]).toBe(
      80,
    );
    expect(weighCompact(RES_449_2013, compactItems(scored), [], []).categories[2]).toBe(35);
  });
});
