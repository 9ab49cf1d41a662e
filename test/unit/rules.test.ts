import {
  requirementOf,
  findIndicator,
  INDICATORS,
  requiredIndicators,
} from '../../src/domain/catalogue/indicators';
import { fundsByYear } from '../../src/domain/rules/funds';
import { goalGap } from '../../src/domain/rules/goal-gap';
import { municipalManagementScore } from '../../src/domain/rules/municipal-management';
import { goalProgress } from '../../src/domain/rules/progress';

describe('indicator catalogue and Tabla 2', () => {
  it('holds the ten fichas 4.2.1-4.2.10 plus continuity, each with a unit, periodicity, sources and direction', () => {
    const fichas = new Set(INDICATORS.map((i) => i.ficha).filter(Boolean));
    expect([...fichas].sort()).toEqual([
      '4.2.1',
      '4.2.10',
      '4.2.2',
      '4.2.3',
      '4.2.4',
      '4.2.5',
      '4.2.6',
      '4.2.7',
      '4.2.8',
      '4.2.9',
    ]);
    expect(INDICATORS.filter((i) => i.type === 'continuidad').length).toBeGreaterThan(0);
    for (const indicator of INDICATORS) expect(indicator.sources.length).toBeGreaterThan(0);
    expect(new Set(INDICATORS.map((i) => i.code)).size).toBe(INDICATORS.length);
  });
  it('population without service and IRCA go down; treated wastewater (4.2.8) and the others up', () => {
    const down = INDICATORS.filter((i) => i.direction === 'down')
      .map((i) => i.code)
      .sort();
    expect(down).toEqual([
      'ACU-COB-RUR',
      'ACU-COB-URB',
      'ACU-IRCA-RUR',
      'ACU-IRCA-URB',
      'ALC-COB-RUR',
      'ALC-COB-URB',
      'ASE-COB-URB',
    ]);
  });
  it('Tabla 2: continuity is optional, coverage and quality of acueducto required, aseguramiento required', () => {
    expect(requirementOf(findIndicator('ACU-CONT-URB')!)).toBe('OPCIONAL');
    expect(requirementOf(findIndicator('ACU-COB-RUR')!)).toBe('SI');
    expect(requirementOf(findIndicator('ACU-IRCA-RUR')!)).toBe('SI');
    expect(requirementOf(findIndicator('ASEG-RUPS')!)).toBe('SI');
    expect(requiredIndicators().map((i) => i.code)).not.toContain('ACU-CONT-RUR');
    expect(requiredIndicators()).toHaveLength(11);
  });
});

describe('Tabla 10: goal total vs contributions', () => {
  it('shows the gap and warns when projects do not cover the goal', () => {
    const gap = goalGap('ACU-COB-URB', 6_000, [
      { projectId: 'P-001', amount: 2_500 },
      { projectId: 'P-002', amount: 3_000 },
    ]);
    expect(gap).toMatchObject({ total: 6_000, contributed: 5_500, gap: 500 });
    expect(gap.warning).toMatch(/faltan proyectos/);
  });
  it('warns when projects promise more than the goal, and is silent when they match', () => {
    expect(goalGap('X', 8.5, [{ projectId: 'a', amount: 9 }]).warning).toMatch(/subvalorada/);
    expect(
      goalGap('X', 8.5, [
        { projectId: 'a', amount: 6 },
        { projectId: 'b', amount: 2.5 },
      ]),
    ).toMatchObject({ gap: 0, warning: null });
  });
});

describe('funds available per year (Tablas 4-6)', () => {
  it('is fuentes - usos + gestión, and flags years whose investment exceeds it', () => {
    const funds = fundsByYear(
      2024,
      {
        fuentes: [
          [1_000, 1_000, 1_000, 1_000],
          [200, 200, 200, 200],
        ],
        usos: [[300, 300, 300, 300]],
        gestion: [[0, 500, 0, 0]],
      },
      [[800, 900, 1_000, 100]],
    );
    expect(funds.map((f) => f.available)).toEqual([900, 1_400, 900, 900]);
    expect(funds.map((f) => f.balance)).toEqual([100, 500, -100, 800]);
    expect(funds[2]!.warning).toMatch(/Año 3 \(2026\).*superan.*100/);
    expect(funds.filter((f) => f.warning)).toHaveLength(1);
  });
});

describe('progress of a goal, respecting direction', () => {
  // Tabla 7: urban wastewater treated from 27,5 % towards 36 %: untreated 72,5 % → 64 %.
  const untreated = {
    direction: 'down' as const,
    baseline: 72.5,
    targets: [1.5, 2.5, 2.5, 2],
    total: 8.5,
  };
  it('measures from baseline towards the target level', () => {
    const p = goalProgress({ ...untreated, measured: 68.25, yearIndex: 2 });
    expect(p).toMatchObject({
      targetLevel: 64,
      percent: 50,
      expectedPercent: 47.058824,
      status: 'AL_DIA',
    });
  });
  it('says when it lags behind the yearly distribution', () => {
    expect(goalProgress({ ...untreated, measured: 71, yearIndex: 3 })).toMatchObject({
      percent: 17.647059,
      status: 'REZAGADA',
    });
  });
  it('clamps at 0 % and explains when the value moves the wrong way', () => {
    const p = goalProgress({ ...untreated, measured: 75 });
    expect(p).toMatchObject({ percent: 0, rawPercent: -29.411765, status: 'RETROCESO' });
    expect(p.explanation).toMatch(/debía bajar desde 72.5 hacia 64.*se alejó/);
  });
  it('clamps at 100 % when the goal is exceeded; an upward indicator counts up', () => {
    expect(goalProgress({ ...untreated, measured: 60 })).toMatchObject({
      percent: 100,
      status: 'SUPERADA',
    });
    const rups = goalProgress({
      direction: 'up',
      baseline: 400_000,
      targets: [5_000, 5_000, 5_000, 5_000],
      total: 20_000,
      measured: 420_000,
    });
    expect(rups).toMatchObject({ percent: 100, status: 'CUMPLIDA', targetLevel: 420_000 });
  });
});

describe('gestión del municipio (ficha 4.2.10)', () => {
  it('is the percentage of the six requirements met (Tabla 1: "Porcentaje de procesos...")', () => {
    const score = municipalManagementScore({
      fondoSolidaridad: true,
      estratificacion: true,
      equilibrioSubsidios: true,
      convenioSubsidios: false,
      acuerdoPorcentajes: true,
      subsidiosQuincePorCiento: false,
    });
    expect(score).toMatchObject({ met: 4, total: 6, percent: 66.67 });
    // The ficha's own words (4.2.10, requisitos 4 and 6).
    expect(score.missing).toEqual([
      'Elaborar convenio con la ESP u operador para asegurar la transferencia de subsidios.',
      'Destinar mínimo el 15% de los recursos del SGP-APSB para subsidios.',
    ]);
  });
});
