/**
 * Who may do what (src/domain/access.ts; DESIGN.md, "Who may do what"), role by role, for Ibagué
 * (DANE 73001, Tolima 73): the whole table, so that every branch of every rule is pinned (issue 14;
 * test/unit/auth.test.ts covers the tokens and runs outside the mutation suites).
 */
import {
  mayWriteMonitoring,
  mayWritePlan,
  mayWriteReview,
  mayWriteSocialPlan,
  maySeeIdentities,
  ROLES,
  type Principal,
  type Role,
} from '../../src/domain/access';

const ibague = { daneCode: '73001', departmentCode: '73' };
const as = (role: Role, entity: string): Principal => ({ id: 'u', name: 'Usuario', role, entity });

describe('quién escribe el plan sectorial', () => {
  it('el planeador de su municipio escribe todo el plan; el de otro municipio, nada', () => {
    for (const command of ['OpenPlan', 'SetGoal', 'RegisterProject', 'AdoptPlan'] as const) {
      expect(mayWritePlan(as('PLANNER', '73001'), command, ibague)).toBe(true);
      expect(mayWritePlan(as('PLANNER', '73268'), command, ibague)).toBe(false);
      expect(mayWritePlan(as('PLANNER', '73'), command, ibague)).toBe(false);
    }
  });

  it('el PDA de su departamento adopta, registra necesidades y proyectos y sus aportes; nada más', () => {
    const pda = as('PDA', '73');
    for (const command of [
      'AdoptPlan',
      'RegisterNeed',
      'RegisterProject',
      'AttachContribution',
      'ChangeContribution',
      'DetachContribution',
    ] as const) {
      expect(mayWritePlan(pda, command, ibague)).toBe(true);
      expect(mayWritePlan(as('PDA', '05'), command, ibague)).toBe(false);
    }
    for (const command of ['OpenPlan', 'SetGoal', 'SetBaseline', 'ReportProgress'] as const) {
      expect(mayWritePlan(pda, command, ibague)).toBe(false);
    }
  });

  it('ADMIN escribe; CTP, CONTROL y MINISTRY no; sin identidad, nadie', () => {
    expect(mayWritePlan(as('ADMIN', 'x'), 'SetGoal', ibague)).toBe(true);
    for (const role of ['CTP', 'CONTROL', 'MINISTRY'] as const) {
      expect(mayWritePlan(as(role, '73001'), 'SetGoal', ibague)).toBe(false);
      expect(mayWritePlan(as(role, '73'), 'RegisterProject', ibague)).toBe(false);
    }
    expect(mayWritePlan(null, 'SetGoal', ibague)).toBe(false);
  });
});

describe('quién ve quién hizo cada cambio', () => {
  it('control, ministerio y administración ven a todos', () => {
    for (const role of ['ADMIN', 'CONTROL', 'MINISTRY'] as const) {
      expect(maySeeIdentities(as(role, 'organismo'), ibague)).toBe(true);
    }
  });

  it('planeador, PDA y CTP, solo en su territorio; el CTP municipal o departamental', () => {
    expect(maySeeIdentities(as('PLANNER', '73001'), ibague)).toBe(true);
    expect(maySeeIdentities(as('PLANNER', '73'), ibague)).toBe(false);
    expect(maySeeIdentities(as('PDA', '73'), ibague)).toBe(true);
    expect(maySeeIdentities(as('PDA', '73001'), ibague)).toBe(false);
    expect(maySeeIdentities(as('CTP', '73001'), ibague)).toBe(true);
    expect(maySeeIdentities(as('CTP', '73'), ibague)).toBe(true);
    expect(maySeeIdentities(as('CTP', '05'), ibague)).toBe(false);
    expect(maySeeIdentities(null, ibague)).toBe(false);
  });
});

describe('quién escribe el monitoreo SGP-APSB y el Plan de Gestión Social', () => {
  it('el monitoreo es del Ministerio (y de ADMIN)', () => {
    const writers = ROLES.filter((role) => mayWriteMonitoring(as(role, '73001')));
    expect(writers).toEqual(['MINISTRY', 'ADMIN']);
    expect(mayWriteMonitoring(null)).toBe(false);
  });

  it('el Plan de Gestión Social: el PDA en su departamento, el planeador en su municipio, ADMIN', () => {
    expect(mayWriteSocialPlan(as('ADMIN', 'x'), ibague)).toBe(true);
    expect(mayWriteSocialPlan(as('PDA', '73'), ibague)).toBe(true);
    expect(mayWriteSocialPlan(as('PDA', '73001'), ibague)).toBe(false);
    expect(mayWriteSocialPlan(as('PLANNER', '73001'), ibague)).toBe(true);
    expect(mayWriteSocialPlan(as('PLANNER', '73'), ibague)).toBe(false);
    for (const role of ['CTP', 'CONTROL', 'MINISTRY'] as const) {
      expect(mayWriteSocialPlan(as(role, '73001'), ibague)).toBe(false);
      expect(mayWriteSocialPlan(as(role, '73'), ibague)).toBe(false);
    }
    expect(mayWriteSocialPlan(null, ibague)).toBe(false);
  });
});

describe('quién habla en la revisión semestral', () => {
  it('el consejo es el CTP del municipio o del departamento; nadie más, ni ADMIN', () => {
    expect(mayWriteReview(as('CTP', '73001'), 'COUNCIL', ibague)).toBe(true);
    expect(mayWriteReview(as('CTP', '73'), 'COUNCIL', ibague)).toBe(true);
    expect(mayWriteReview(as('CTP', '05'), 'COUNCIL', ibague)).toBe(false);
    for (const role of ['PLANNER', 'PDA', 'ADMIN', 'MINISTRY'] as const) {
      expect(mayWriteReview(as(role, '73001'), 'COUNCIL', ibague)).toBe(false);
      expect(mayWriteReview(as(role, '73'), 'COUNCIL', ibague)).toBe(false);
    }
  });

  it('la administración es el planeador del municipio o el PDA del departamento; ni el CTP ni ADMIN', () => {
    expect(mayWriteReview(as('PLANNER', '73001'), 'ADMINISTRATION', ibague)).toBe(true);
    expect(mayWriteReview(as('PLANNER', '73'), 'ADMINISTRATION', ibague)).toBe(false);
    expect(mayWriteReview(as('PDA', '73'), 'ADMINISTRATION', ibague)).toBe(true);
    expect(mayWriteReview(as('PDA', '73001'), 'ADMINISTRATION', ibague)).toBe(false);
    for (const role of ['CTP', 'ADMIN', 'CONTROL'] as const) {
      expect(mayWriteReview(as(role, '73001'), 'ADMINISTRATION', ibague)).toBe(false);
    }
    expect(mayWriteReview(null, 'ADMINISTRATION', ibague)).toBe(false);
    expect(mayWriteReview(null, 'COUNCIL', ibague)).toBe(false);
  });
});
