/**
 * Baselines and goals (Tablas 1 and 11). While the plan is a draft they change freely (every
 * change is still an audited event); once adopted, a goal change is an amendment with reason and
 * legal basis, and so is adding a goal the adopted plan did not have.
 */
import { badInput, conflict, notFound } from '../../errors';
import type { Indicator } from '../../catalogue/indicators';
import { assertChange, assertLevel, round6, UNIT_LABEL } from '../../rules/units';
import type { AmendGoal, SetBaseline, SetGoal } from '../commands';
import { goalIdOf, type PlanEvent, type YearValues } from '../events';
import {
  fourYears,
  indicatorOf,
  isAdopted,
  levelOf,
  measuredAt,
  monthRule,
  requireAdopted,
  requireLegalBasis,
  requireReason,
  signOf,
  text,
  type OpenPlanState,
} from './shared';

export function setBaseline(command: SetBaseline, plan: OpenPlanState): PlanEvent[] {
  const indicator = indicatorOf(command.indicator);
  const value = levelOf(indicator, command.value, 'value');
  const at = measuredAt(
    command.measuredAt,
    'measuredAt',
    monthRule(indicator) === 'required' ? 'optional' : monthRule(indicator),
  );
  if (at.year > plan.firstYear) {
    throw badInput(
      'measuredAt.year',
      `la línea base describe la situación al formular el plan: su año (${at.year}) no puede ser posterior a ${plan.firstYear}.`,
    );
  }
  const source = text(command.source, 'source');
  const previous = plan.baselines[indicator.code] ?? null;
  if (previous && isAdopted(plan)) {
    requireReason(command, 'para corregir una línea base del plan adoptado');
  }
  return [
    {
      type: 'BaselineSet',
      data: {
        indicator: indicator.code,
        value,
        measuredAt: at,
        source,
        previous: previous && {
          value: previous.value,
          measuredAt: previous.measuredAt,
          source: previous.source,
        },
      },
    },
  ];
}

/** Checks targets, total and where the goal would take the indicator; returns the clean values. */
function goalValues(
  command: SetGoal | AmendGoal,
  plan: OpenPlanState,
): { indicator: Indicator; targets: YearValues; total: number } {
  const indicator = indicatorOf(command.indicator);
  const baseline = plan.baselines[indicator.code];
  if (!baseline) {
    throw badInput(
      'indicator',
      `registre primero la línea base de ${indicator.code}: la meta se mide desde ella.`,
    );
  }
  const targets = fourYears(command.targets, 'targets', (v, f) =>
    assertChange(indicator.unit, v, f),
  );
  const total = assertChange(indicator.unit, command.total, 'total');
  const sum = round6(targets.reduce((a, b) => a + b, 0));
  if (round6(total) !== sum) {
    throw badInput(
      'total',
      `la meta total (${total}) debe ser la suma de las metas de los cuatro años (${sum}).`,
    );
  }
  const finalLevel = round6(baseline.value + signOf(indicator) * total);
  try {
    assertLevel(indicator.unit, finalLevel, 'total');
  } catch {
    throw badInput(
      'total',
      `la meta llevaría el indicador de ${baseline.value} a ${finalLevel}, fuera del rango de ${UNIT_LABEL[indicator.unit]}.`,
    );
  }
  return { indicator, targets, total };
}

const sameGoal = (a: { targets: YearValues; total: number }, targets: YearValues, total: number) =>
  a.total === total && a.targets.every((t, i) => t === targets[i]);

export function setGoal(command: SetGoal, plan: OpenPlanState): PlanEvent[] {
  const { indicator, targets, total } = goalValues(command, plan);
  const current = plan.goals[indicator.code];
  if (current && isAdopted(plan)) {
    throw conflict(
      'indicator',
      `la meta de ${indicator.code} ya hace parte del plan adoptado: para cambiarla use AmendGoal con justificación y acto administrativo.`,
    );
  }
  if (current && sameGoal(current, targets, total)) {
    throw badInput('targets', 'la meta ya tiene esos valores.');
  }
  if (!current && isAdopted(plan)) {
    requireReason(command, 'para añadir una meta a un plan ya adoptado');
    requireLegalBasis(command, 'que modificó el plan adoptado');
  }
  return [
    {
      type: 'GoalSet',
      data: {
        goalId: goalIdOf(plan.daneCode, plan.firstYear, indicator.code),
        indicator: indicator.code,
        targets,
        total,
        previous: current ? { targets: current.targets, total: current.total } : null,
      },
    },
  ];
}

export function amendGoal(command: AmendGoal, plan: OpenPlanState): PlanEvent[] {
  requireAdopted(
    plan,
    'mientras es borrador, cambie la meta con SetGoal; AmendGoal es para el plan adoptado (adoptPlan)',
  );
  requireReason(command, 'para modificar una meta');
  requireLegalBasis(command, 'que aprobó la modificación de la meta');
  const { indicator, targets, total } = goalValues(command, plan);
  const current = plan.goals[indicator.code];
  if (!current) {
    throw notFound('indicator', `no hay meta fijada para ${indicator.code}: use SetGoal.`);
  }
  if (sameGoal(current, targets, total)) {
    throw badInput('targets', 'la modificación no cambia ningún valor de la meta.');
  }
  return [
    {
      type: 'GoalAmended',
      data: {
        goalId: current.goalId,
        indicator: indicator.code,
        targets,
        total,
        previous: { targets: current.targets, total: current.total },
      },
    },
  ];
}
