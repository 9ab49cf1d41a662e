/** A plan's lifecycle: opened for a cuatrienio, then adopted by acuerdo or decreto. */
import { badInput, conflict, notFound } from '../../errors';
import { DANE_CODE } from '../../territory';
import { governmentPeriod } from '../../time';
import type { AdoptPlan, OpenPlan } from '../commands';
import { planStreamId, type AdoptionActKind, type PlanEvent } from '../events';
import type { PlanState } from '../state';
import { isoDate, text, type OpenPlanState, type PlanContext } from './shared';

const ACT_KINDS: readonly AdoptionActKind[] = ['ACUERDO', 'DECRETO'];

export function openPlan(command: OpenPlan, state: PlanState, context: PlanContext): PlanEvent[] {
  if (typeof command.daneCode !== 'string' || !DANE_CODE.test(command.daneCode)) {
    throw badInput('daneCode', 'el código DANE debe tener 5 dígitos (p. ej. "73001").');
  }
  const municipality = context.territory.municipality(command.daneCode);
  if (!municipality) {
    throw notFound('daneCode', `el código DANE ${command.daneCode} no existe en la DIVIPOLA.`);
  }
  const period = governmentPeriod(command.firstYear);
  if (state.planId !== null) {
    throw conflict('daneCode', `el plan ${state.planId} ya está abierto.`);
  }
  return [
    {
      type: 'PlanOpened',
      data: {
        planId: planStreamId(municipality.daneCode, period.firstYear),
        daneCode: municipality.daneCode,
        municipality: municipality.name,
        departmentCode: municipality.departmentCode,
        department: municipality.department,
        firstYear: period.firstYear,
        lastYear: period.lastYear,
      },
    },
  ];
}

/**
 * Records the act that adopted the plan (the seed's art. 1, parágrafo, and 4.5: the sector plan is
 * part of the municipal development plan). From then on a goal change is an amendment.
 */
export function adoptPlan(command: AdoptPlan, plan: OpenPlanState): PlanEvent[] {
  if (plan.adoption) {
    throw conflict(
      'plan',
      `el plan ya fue adoptado (${plan.adoption.act} ${plan.adoption.number} del ${plan.adoption.date}): los cambios posteriores son modificaciones.`,
    );
  }
  if (!ACT_KINDS.includes(command.act)) {
    throw badInput(
      'act',
      'el acto de adopción es un ACUERDO del concejo o un DECRETO del alcalde.',
    );
  }
  const number = text(command.number, 'number', 20);
  const date = isoDate(command.date, 'date', 'indique la fecha del acto');
  const year = Number(date.slice(0, 4));
  if (year < plan.firstYear - 1 || year > plan.lastYear) {
    throw badInput(
      'date',
      `el acto de adopción del plan ${plan.firstYear}-${plan.lastYear} no puede ser de ${year}.`,
    );
  }
  return [{ type: 'PlanAdopted', data: { act: command.act, number, date } }];
}
