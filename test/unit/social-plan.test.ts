import fc from 'fast-check';
import { compliance, execution } from '../../src/domain/social/figures';
import {
  decideSocialPlan,
  evolveSocialPlan,
  initialSocialPlanState,
  type SocialPlanCommand,
  type SocialPlanEvent,
} from '../../src/domain/social/social-plan';
import { territory } from '../support/plan';

function run(commands: SocialPlanCommand[]) {
  let state = initialSocialPlanState();
  const events: SocialPlanEvent[] = [];
  const errors: Array<{ field: string | null; code: string }> = [];
  for (const command of commands) {
    const decision = decideSocialPlan(command, state, { territory });
    if (!decision.ok) {
      errors.push({ field: decision.error.field, code: decision.error.code });
      continue;
    }
    for (const event of decision.events) {
      state = evolveSocialPlan(state, event);
      events.push(event);
    }
  }
  return { state, events, errors };
}

const open: SocialPlanCommand = {
  type: 'OpenSocialPlan',
  scope: '73',
  firstYear: 2024,
  objectives: ['Apropiación social de las obras del PDA'],
  municipalities: ['73001', '73268'],
};
const programme = (line: string, id: string): SocialPlanCommand => ({
  type: 'AddProgramme',
  programmeId: id,
  line,
  name: `Programa ${id}`,
  objectives: ['Fortalecer la participación'],
  goals: [{ indicator: 'Talleres realizados', unit: 'talleres', targets: [2, 4, 4, 2] }],
});
const activity = (
  id: string,
  programmeId: string,
  semester = '2024-2',
  municipality = '73001',
): SocialPlanCommand => ({
  type: 'PlanActivity',
  activityId: id,
  programmeId,
  name: 'Taller de control social',
  municipality,
  plannedSemester: semester,
  budget: 5_000_000,
  expectedProduct: 'Acta del taller',
});
const participants = {
  age: { '0-17': 5, '18-26': 10, '27-59': 20, '60+': 5 },
  sex: { mujeres: 22, hombres: 18 },
  ethnicGroup: { indigena: 3, sin_pertenencia: 37 },
  condition: { victima: 4, discapacidad: 1 },
};
const executed = (id: string, extra: Partial<SocialPlanCommand> = {}): SocialPlanCommand =>
  ({
    type: 'RecordExecution',
    activityId: id,
    date: '2024-09-14',
    place: 'Salón comunal barrio El Salado',
    participants,
    rightsCategories: ['ciudadania', 'desarrollo'],
    product: 'Acta y compromisos de veeduría',
    evidence: 'Carpeta PDA-2024/acta-17.pdf',
    actualCost: 4_200_000,
    ...extra,
  }) as SocialPlanCommand;

describe('Plan de Gestión Social decider', () => {
  it('records a plan, its lines, activities and execution; compliance shows what is missing', () => {
    const { state, errors } = run([
      open,
      programme('PARTICIPACION_CIUDADANA', 'PC'),
      activity('A1', 'PC'),
      programme('COMUNICACION', 'CO'),
    ]);
    expect(errors).toEqual([]);
    const check = compliance(state);
    expect(check.compliant).toBe(false);
    expect(check.lines.map((l) => [l.line, l.missing !== null])).toEqual([
      ['PARTICIPACION_CIUDADANA', false],
      ['COMUNICACION', true],
      ['CAPACITACION', true],
    ]);
    expect(check.lines[1]!.missing).toMatch(/no tiene actividades/);
    expect(check.lines[2]!.missing).toMatch(/no tiene programas/);
  });

  it('reschedules and cancels with a reason; executes with counts; corrects with a reason', () => {
    const { state, events, errors } = run([
      open,
      programme('CAPACITACION', 'CA'),
      activity('A1', 'CA', '2024-2'),
      activity('A2', 'CA', '2025-1'),
      activity('A3', 'CA', '2025-1', '73268'),
      { type: 'RescheduleActivity', activityId: 'A2', plannedSemester: '2025-2' },
      {
        type: 'RescheduleActivity',
        activityId: 'A2',
        plannedSemester: '2025-2',
        reason: 'Ola invernal',
      },
      { type: 'CancelActivity', activityId: 'A3', reason: 'Obra suspendida' },
      executed('A1'),
      executed('A1', { actualCost: 4_500_000 }),
      executed('A1', { actualCost: 4_500_000, reason: 'Factura final' }),
    ]);
    expect(errors).toEqual([
      { field: 'reason', code: 'BAD_USER_INPUT' },
      { field: 'reason', code: 'BAD_USER_INPUT' },
    ]);
    expect(state.activities.A2).toMatchObject({ plannedSemester: '2025-2', reschedules: 1 });
    expect(state.activities.A3!.status).toBe('CANCELLED');
    expect(events[events.length - 1]).toMatchObject({
      type: 'ActivityExecuted',
      data: { previous: { actualCost: 4_200_000 } },
    });
    const figures = execution(state, new Date('2026-01-15T00:00:00-05:00'));
    expect(figures.map((f) => [f.semester, f.planned, f.executed, f.cancelled, f.late])).toEqual([
      ['2024-2', 1, 1, 0, 0],
      ['2025-1', 0, 0, 1, 0],
      ['2025-2', 1, 0, 0, 1],
    ]);
    expect(figures[0]).toMatchObject({ budgetPlanned: 5_000_000, budgetExecuted: 4_500_000 });
    expect(figures[0]!.participants.age).toEqual({ '0-17': 5, '18-26': 10, '27-59': 20, '60+': 5 });
    // Late only once its semester is over.
    expect(
      execution(state, new Date('2025-10-01T00:00:00-05:00')).find((f) => f.semester === '2025-2')!
        .late,
    ).toBe(0);
  });

  it.each([
    ['an identity number in the place', { place: 'Casa de CC 1.110.456.789' }, 'place'],
    ['a bare identity number', { evidence: 'Asistencia 93123456' }, 'evidence'],
    ['a list of names', { product: 'Asistieron Ana Gómez, Luis Pérez, Marta Díaz' }, 'product'],
    [
      'totals by sex that differ from totals by age',
      { participants: { ...participants, sex: { mujeres: 1 } } },
      'participants.sex',
    ],
    [
      'an unknown group',
      { participants: { ...participants, ethnicGroup: { otros: 2 } } },
      'participants.ethnicGroup.otros',
    ],
    [
      'a negative count',
      { participants: { ...participants, condition: { victima: -1 } } },
      'participants.condition.victima',
    ],
    ['an unknown rights category', { rightsCategories: ['salud'] }, 'rightsCategories'],
  ])('rejects %s, naming the field', (_label, change, field) => {
    const { errors } = run([
      open,
      programme('CAPACITACION', 'CA'),
      activity('A1', 'CA'),
      executed('A1', change as never),
    ]);
    expect(errors).toEqual([{ field, code: 'BAD_USER_INPUT' }]);
  });

  it.each([
    [{ ...open, scope: '7' }, 'scope'],
    [{ ...open, municipalities: ['05001'] }, 'municipalities[0]'],
    [{ ...open, firstYear: 2023 }, 'firstYear'],
    [{ ...open, objectives: [] }, 'objectives'],
  ])('refuses to open %o', (command, field) => {
    expect(run([command as SocialPlanCommand]).errors[0]!.field).toBe(field);
  });

  it.each([
    [programme('OTRA', 'X'), 'line'],
    [activity('A1', 'NOPE'), 'programmeId'],
    [activity('A1', 'CA', '2028-1'), 'plannedSemester'],
    [activity('A1', 'CA', '2024-2', '05001'), 'municipality'],
  ])('refuses %o', (command, field) => {
    expect(run([open, programme('CAPACITACION', 'CA'), command]).errors[0]!.field).toBe(field);
  });

  it('replaying the events always gives the same state', () => {
    const commands = fc.array(
      fc.oneof(
        fc.constantFrom('A1', 'A2', 'A3').map((id) => activity(id, 'CA')),
        fc.constantFrom('A1', 'A2').map((id) => executed(id)),
        fc.constantFrom('A1', 'A3').map((id): SocialPlanCommand => ({
          type: 'CancelActivity',
          activityId: id,
          reason: 'x',
        })),
        fc.constantFrom('2025-1', '2026-2').map((s): SocialPlanCommand => ({
          type: 'RescheduleActivity',
          activityId: 'A2',
          plannedSemester: s,
          reason: 'x',
        })),
      ),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(commands, (random) => {
        const { state, events } = run([open, programme('CAPACITACION', 'CA'), ...random]);
        expect(events.reduce(evolveSocialPlan, initialSocialPlanState())).toEqual(state);
      }),
    );
  });
});
