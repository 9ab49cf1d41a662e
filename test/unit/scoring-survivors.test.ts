/**
 * The last SGP-APSB scoring edges mutation testing (issue 14) left: GES-MUN planned but never
 * reported while a FUT is recorded, a FUT that agrees with what was declared, what the SUI items
 * and a vigencia without FUT say, and that a vigencia's items explain themselves by default.
 */
import {
  administrativeItems,
  sectoralScore,
  vigenciaItems,
} from '../../src/domain/monitoring/scoring';
import { compliantBudget, gesMunChecklist, gesMunPlan, gesMunReport } from '../support/monitoring';

describe('GES-MUN y el FUT, sin reporte o de acuerdo', () => {
  it('programado y sin reporte: 0, aunque haya FUT de la vigencia', () => {
    const score = sectoralScore(gesMunPlan(), 2024, 'estado_prestacion', compliantBudget);
    expect(score.score).toBe(0);
    expect(score.explanation).toContain('GES-MUN: 50 programado a 2024 y sin reporte: 0.');
  });

  it('el FUT que coincide con lo declarado no dice que el municipio declaró lo contrario', () => {
    const reported = gesMunReport(gesMunChecklist);
    const score = sectoralScore(gesMunPlan(reported), 2024, 'estado_prestacion', compliantBudget);
    expect(score.score).toBe(100);
    expect(score.explanation).not.toContain('declaró lo contrario');
  });
});

describe('lo que dicen los ítems de una vigencia', () => {
  it('los reportes del SUI: reportado o no', () => {
    const items = administrativeItems({
      administrative: {
        SUI_ESTRATIFICACION: { filed: true },
        SUI_FONDO_SOLIDARIDAD: { filed: false },
      },
      exemptFromSubsidyContract: false,
    });
    expect(items.map((item) => [item.code, item.score, item.explanation])).toEqual([
      ['SUI_CONTRATO_SUBSIDIOS', 0, 'No reportado en el SUI.'],
      ['SUI_ACUERDO_SUBSIDIOS', 0, 'No reportado en el SUI.'],
      ['SUI_ESTRATIFICACION', 100, 'Reportado en el SUI.'],
      ['SUI_FONDO_SOLIDARIDAD', 0, 'No reportado en el SUI.'],
    ]);
  });

  it('sin FUT, los siete ítems presupuestales en 0 "Sin reporte en el FUT."; y por omisión cada ítem se explica', () => {
    const items = vigenciaItems({
      year: 2024,
      budget: null,
      administrative: {},
      exemptFromSubsidyContract: false,
      strategicFlags: [],
      plan: gesMunPlan(),
    });
    expect(items.presupuestales).toHaveLength(7);
    expect(
      items.presupuestales.every(
        (i) => i.score === 0 && i.explanation === 'Sin reporte en el FUT.',
      ),
    ).toBe(true);
    expect(items.presupuestales[0]!.code).toBe('INCORPORACION');
    expect(items.sectoriales.find((i) => i.code === 'estado_prestacion')!.explanation).toContain(
      'GES-MUN: 50 programado a 2024 y sin reporte: 0.',
    );
  });
});
