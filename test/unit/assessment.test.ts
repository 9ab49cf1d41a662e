/**
 * A vigencia's SGP-APSB assessment (src/domain/monitoring/assessment.ts): what the risk read model
 * and the on-read query both compute, from the monitoring inputs recorded and the plan (issue 14).
 */
import { assessVigencia, vigenciaInputs } from '../../src/domain/monitoring/assessment';
import { RES_449_2013, type Methodology } from '../../src/domain/monitoring/methodology';
import {
  initialMonitoringState,
  type MonitoringState,
} from '../../src/domain/monitoring/monitoring';
import { vigenciaItems } from '../../src/domain/monitoring/scoring';
import { compliantBudget } from '../support/monitoring';

const recorded: MonitoringState = {
  ...initialMonitoringState(),
  daneCode: '73001',
  year: 2016,
  budget: compliantBudget,
  administrative: { SUI_ESTRATIFICACION: { filed: true, filedOn: '2016-03-01', source: 'SUI' } },
  strategicFlags: ['Emergencia sanitaria'],
  directProvider: { directProvider: true, decertified: false, source: 'SSPD' },
};

describe('la evaluación de una vigencia', () => {
  it('toma del monitoreo el FUT, los reportes del SUI, las banderas y la exención del prestador directo', () => {
    expect(vigenciaInputs(2016, recorded, null)).toEqual({
      year: 2016,
      budget: compliantBudget,
      administrative: recorded.administrative,
      exemptFromSubsidyContract: true,
      strategicFlags: ['Emergencia sanitaria'],
      plan: null,
    });
    expect(vigenciaInputs(2016, initialMonitoringState(), null)).toMatchObject({
      budget: null,
      exemptFromSubsidyContract: false,
      strategicFlags: [],
    });
  });

  it('la Res. 449 rige 2016; se puntúa con ella, con los componentes seleccionados, y una bandera prioriza', () => {
    const inputs = vigenciaInputs(2016, recorded, null);
    const assessment = assessVigencia(inputs, [], ['cobertura']);
    expect(assessment.applied).toEqual({ methodology: RES_449_2013, inForce: true, warning: null });
    expect(assessment.components).toEqual(['cobertura']);
    expect(assessment.items).toEqual(vigenciaItems(inputs));
    // Budget 100 × 40 % + administrative (1 of 3 not exempt) 33,33 × 10 % + sectoral 0 × 50 %.
    expect(assessment.score).toMatchObject({
      methodologyId: 'RES-449-2013',
      total: 43.333333,
      level: 'MEDIO',
      strategicFlags: ['Emergencia sanitaria'],
      prioritised: true,
    });
    expect(assessment.score.categories[2]!.items.map((item) => item.code)).toEqual(['cobertura']);
  });

  it('una metodología registrada que cubre la vigencia se aplica en lugar de la Res. 449', () => {
    const other: Methodology = {
      ...RES_449_2013,
      id: 'RES-98-2019',
      firstYear: 2016,
      lastYear: null,
      categoryWeights: { presupuestales: 100, administrativos: 0, sectoriales: 0 },
    };
    const assessment = assessVigencia(vigenciaInputs(2016, recorded, null), [other], []);
    expect(assessment.applied.methodology.id).toBe('RES-98-2019');
    expect(assessment.score).toMatchObject({ total: 100, level: 'SIN_RIESGO' });
  });
});
