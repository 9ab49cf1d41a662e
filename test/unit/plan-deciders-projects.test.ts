/**
 * Needs, projects and contributions at their edges (issue 14, mutation testing of
 * `deciders/projects.ts`): what a third-party project must say (Tabla 9) and an own project may
 * not, a project's value to the millionth, and each refusal's message telling what to do.
 */
import type { PlanEvent } from '../../src/domain/plan/events';
import { given, planOpened, projectOwn } from '../support/plan';

const need: PlanEvent = {
  type: 'NeedRegistered',
  data: {
    needId: 'N-1',
    need: 'Barrio sin red',
    investmentName: 'Red El Salado',
    estimatedValue: 2e9,
  },
};

describe('RegisterNeed: el banco de necesidades (Tabla 3)', () => {
  it('la necesidad y el nombre de la inversión son obligatorios, y se señalan por su campo', () => {
    const register = {
      type: 'RegisterNeed' as const,
      needId: 'N-1',
      need: 'Barrio sin red',
      investmentName: 'Red El Salado',
      estimatedValue: 2e9,
    };
    for (const field of ['need', 'investmentName'] as const) {
      given(planOpened)
        .when({ ...register, [field]: ' ' })
        .thenError('BAD_USER_INPUT', field, /^es obligatorio\.$/);
    }
  });

  it('una necesidad ya registrada no se registra dos veces', () => {
    given(planOpened, need)
      .when({
        type: 'RegisterNeed',
        needId: 'N-1',
        need: 'Otra',
        investmentName: 'Otra',
        estimatedValue: 1,
      })
      .thenError('CONFLICT', 'needId', /^la necesidad N-1 ya está registrada\.$/);
  });
});

const own = {
  type: 'RegisterProject' as const,
  projectId: 'P-002',
  kind: 'propio' as const,
  name: 'Obra',
  valueByYear: [1, 1, 1, 1],
};
const thirdParty = {
  ...own,
  kind: 'tercero' as const,
  endDate: '2026-12-31',
  fundingSources: ['SGR'],
  executor: 'PDA' as const,
};

describe('RegisterProject: proyectos propios (Tabla 8) y de terceros (Tabla 9)', () => {
  it('un id repetido se rechaza nombrándolo', () => {
    given(planOpened, projectOwn)
      .when({ ...own, projectId: 'P-001' })
      .thenError('CONFLICT', 'projectId', /^ya existe un proyecto con id P-001 en este plan\.$/);
  });

  it('un proyecto sin nombre se rechaza señalando el nombre', () => {
    given(planOpened)
      .when({ ...own, name: '' })
      .thenError('BAD_USER_INPUT', 'name', /^es obligatorio\.$/);
  });

  it('un proyecto es "propio" o "tercero", nada más', () => {
    given(planOpened)
      .when({ ...own, kind: 'convenio' as never })
      .thenError(
        'BAD_USER_INPUT',
        'kind',
        /^debe ser "propio" \(Tabla 8\) o "tercero" \(Tabla 9\)\.$/,
      );
  });

  it('un proyecto atiende una necesidad del banco; sin necesidad es null', () => {
    const { decision } = given(planOpened, need).when({ ...own, needId: 'N-1' });
    expect(decision.ok && decision.events[0]!.data).toMatchObject({ needId: 'N-1' });
    // Sin necesidad, dicho con null (como llega de GraphQL) o sin el campo.
    for (const needId of [null, undefined]) {
      const without = given(planOpened).when({ ...own, needId: needId as never }).decision;
      expect(without.ok && without.events[0]!.data).toMatchObject({ needId: null });
    }
    given(planOpened)
      .when({ ...own, needId: 'N-404' })
      .thenError(
        'BAD_USER_INPUT',
        'needId',
        /^la necesidad N-404 no está en el banco de necesidades\.$/,
      );
    given(planOpened)
      .when({ ...own, needId: 'N 1' })
      .thenError('BAD_USER_INPUT', 'needId', /identificador inválido/);
  });

  it('el valor estimado es la suma de los cuatro años, sin ruido binario', () => {
    const { decision } = given(planOpened).when({ ...own, valueByYear: [0.1, 0.2, 0, 0] });
    expect(decision.ok && decision.events[0]!.data).toMatchObject({ estimatedValue: 0.3 });
  });

  it('un proyecto de terceros completo: fecha, fuentes y ejecutor, sin detalle de ejecutor', () => {
    given(planOpened)
      .when(thirdParty)
      .then([
        {
          type: 'ProjectRegistered',
          data: {
            projectId: 'P-002',
            kind: 'tercero',
            name: 'Obra',
            needId: null,
            valueByYear: [1, 1, 1, 1],
            estimatedValue: 4,
            endDate: '2026-12-31',
            fundingSources: ['SGR'],
            executor: 'PDA',
            executorDetail: null,
          },
        },
      ]);
  });

  it('sin fecha de finalización, el mensaje dice que es obligatoria para terceros', () => {
    given(planOpened)
      .when({ ...thirdParty, endDate: undefined })
      .thenError(
        'BAD_USER_INPUT',
        'endDate',
        /^la fecha de finalización es obligatoria para proyectos de terceros \(AAAA-MM-DD\)\.$/,
      );
  });

  it.each([
    ['sin fuentes', undefined],
    ['con la lista de fuentes vacía', []],
  ])('un proyecto de terceros %s se rechaza (Tabla 9)', (_label, fundingSources) => {
    given(planOpened)
      .when({ ...thirdParty, fundingSources: fundingSources as never })
      .thenError(
        'BAD_USER_INPUT',
        'fundingSources',
        /^indique al menos una fuente de recursos del proyecto \(Tabla 9\)\.$/,
      );
  });

  it('cada fuente se nombra (máx. 200 caracteres), y la fuente vacía se señala por su posición', () => {
    given(planOpened)
      .when({ ...thirdParty, fundingSources: ['SGR', ' '] })
      .thenError('BAD_USER_INPUT', 'fundingSources[1]', /obligatorio/);
    given(planOpened)
      .when({ ...thirdParty, fundingSources: ['x'.repeat(201)] })
      .thenError('BAD_USER_INPUT', 'fundingSources[0]', /supera 200 caracteres/);
    const { decision } = given(planOpened).when({
      ...thirdParty,
      fundingSources: ['x'.repeat(200)],
    });
    expect(decision.ok).toBe(true);
  });

  it.each([
    ['sin ejecutor', undefined],
    ['con un ejecutor desconocido', 'ONU'],
  ])('un proyecto de terceros %s se rechaza diciendo quiénes ejecutan', (_label, executor) => {
    given(planOpened)
      .when({ ...thirdParty, executor: executor as never })
      .thenError(
        'BAD_USER_INPUT',
        'executor',
        /^el responsable de la ejecución debe ser PDA, CAR, NACION u OTRO\.$/,
      );
  });

  it.each(['CAR', 'NACION'] as const)('%s ejecuta proyectos de terceros', (executor) => {
    const { decision } = given(planOpened).when({ ...thirdParty, executor });
    expect(decision.ok && decision.events[0]!.data).toMatchObject({
      executor,
      executorDetail: null,
    });
  });

  it('un ejecutor OTRO se describe (máx. 200 caracteres); uno del PDA no lleva descripción', () => {
    const { decision } = given(planOpened).when({
      ...thirdParty,
      executor: 'OTRO',
      executorDetail: ' Empresa regional ',
    });
    expect(decision.ok && decision.events[0]!.data).toMatchObject({
      executor: 'OTRO',
      executorDetail: 'Empresa regional',
    });
    given(planOpened)
      .when({ ...thirdParty, executor: 'OTRO' })
      .thenError('BAD_USER_INPUT', 'executorDetail', /obligatorio/);
    given(planOpened)
      .when({ ...thirdParty, executor: 'OTRO', executorDetail: 'x'.repeat(201) })
      .thenError('BAD_USER_INPUT', 'executorDetail', /supera 200 caracteres/);
    const pda = given(planOpened).when({ ...thirdParty, executorDetail: 'ignorado' }).decision;
    expect(pda.ok && pda.events[0]!.data).toMatchObject({ executorDetail: null });
  });

  it.each([
    ['una fecha de finalización', { endDate: '2026-12-31' }],
    ['un ejecutor', { executor: 'PDA' }],
    ['fuentes', { fundingSources: ['SGR'] }],
  ])('un proyecto propio con %s se rechaza: eso es de terceros', (_label, change) => {
    given(planOpened)
      .when({ ...own, ...change } as never)
      .thenError(
        'BAD_USER_INPUT',
        'kind',
        /^fecha de finalización, fuentes y ejecutor solo aplican a proyectos de terceros\.$/,
      );
  });

  it('un proyecto propio con la lista de fuentes vacía se registra sin fuentes', () => {
    given(planOpened)
      .when({ ...own, fundingSources: [] })
      .then([
        {
          type: 'ProjectRegistered',
          data: {
            projectId: 'P-002',
            kind: 'propio',
            name: 'Obra',
            needId: null,
            valueByYear: [1, 1, 1, 1],
            estimatedValue: 4,
            endDate: null,
            fundingSources: [],
            executor: null,
            executorDetail: null,
          },
        },
      ]);
  });
});

describe('contribuciones de un proyecto a una meta (Tabla 10)', () => {
  const attach = {
    type: 'AttachContribution' as const,
    projectId: 'P-001',
    indicator: 'ACU-COB-URB',
    amount: 2_500,
    unit: 'poblacion',
  };
  const attached: PlanEvent = {
    type: 'ProjectContributionAttached',
    data: { projectId: 'P-001', indicator: 'ACU-COB-URB', amount: 2_500, unit: 'poblacion' },
  };

  it('un identificador de proyecto inválido y una cantidad que no es número se señalan por su campo', () => {
    for (const type of [
      'AttachContribution',
      'ChangeContribution',
      'DetachContribution',
    ] as const) {
      given(planOpened, projectOwn, attached)
        .when({ ...attach, type, projectId: 'P 001', reason: 'Proyecto reformulado' })
        .thenError('BAD_USER_INPUT', 'projectId', /^identificador inválido/);
    }
    for (const type of ['AttachContribution', 'ChangeContribution'] as const) {
      given(planOpened, projectOwn, attached)
        .when({ ...attach, type, amount: 'mucho' as never })
        .thenError('BAD_USER_INPUT', 'amount', /^debe ser un número\.$/);
    }
  });

  it('un proyecto que no existe se nombra', () => {
    given(planOpened)
      .when(attach)
      .thenError('NOT_FOUND', 'projectId', /^el proyecto P-001 no existe en este plan\.$/);
  });

  it('la unidad equivocada se rechaza diciendo la del indicador y la recibida', () => {
    given(planOpened, projectOwn)
      .when({ ...attach, unit: 'porcentaje' })
      .thenError(
        'BAD_USER_INPUT',
        'unit',
        /^la contribución a ACU-COB-URB se expresa en población \(personas\) \("poblacion"\), no en "porcentaje"\.$/,
      );
  });

  it('una contribución de cero se rechaza remitiendo a DetachContribution; una de 1 cumple', () => {
    given(planOpened, projectOwn)
      .when({ ...attach, amount: 0 })
      .thenError(
        'BAD_USER_INPUT',
        'amount',
        /^una contribución debe ser mayor que cero; para quitarla use DetachContribution\.$/,
      );
    given(planOpened, projectOwn)
      .when({ ...attach, amount: 1 })
      .then([{ ...attached, data: { ...attached.data, amount: 1 } } as PlanEvent]);
  });

  it('vincular dos veces remite a ChangeContribution', () => {
    given(planOpened, projectOwn, attached)
      .when(attach)
      .thenError(
        'CONFLICT',
        'indicator',
        /^el proyecto P-001 ya contribuye a ACU-COB-URB: use ChangeContribution\.$/,
      );
  });

  it('cambiar un vínculo que no existe remite a AttachContribution; el mismo valor no es cambio', () => {
    given(planOpened, projectOwn)
      .when({ ...attach, type: 'ChangeContribution' })
      .thenError(
        'NOT_FOUND',
        'indicator',
        /^el proyecto P-001 no contribuye a ACU-COB-URB: use AttachContribution\.$/,
      );
    given(planOpened, projectOwn, attached)
      .when({ ...attach, type: 'ChangeContribution' })
      .thenError('BAD_USER_INPUT', 'amount', /^la contribución ya tiene ese valor\.$/);
  });

  it('retirar pide la justificación, y un vínculo que no existe se nombra', () => {
    const detach = {
      type: 'DetachContribution' as const,
      projectId: 'P-001',
      indicator: 'ACU-COB-URB',
    };
    given(planOpened, projectOwn, attached)
      .when(detach)
      .thenError(
        'BAD_USER_INPUT',
        'reason',
        /^se requiere una justificación \(reason\) para retirar la contribución de un proyecto\.$/,
      );
    given(planOpened, projectOwn)
      .when({ ...detach, reason: 'Proyecto reformulado' })
      .thenError('NOT_FOUND', 'indicator', /^el proyecto P-001 no contribuye a ACU-COB-URB\.$/);
  });
});
