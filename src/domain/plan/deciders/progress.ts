/**
 * Progress: the measured value of an indicator for a period (valid time), with its source. For
 * GES-MUN the value may come from the six requirements of ficha 4.2.10.
 */
import { badInput } from '../../errors';
import {
  MUNICIPAL_MANAGEMENT_REQUIREMENTS,
  municipalManagementScore,
} from '../../rules/municipal-management';
import { yearIndex } from '../../time';
import type { ReportProgress } from '../commands';
import { periodKey, type PlanEvent } from '../events';
import {
  indicatorOf,
  levelOf,
  measuredAt,
  monthRule,
  requireReason,
  text,
  type OpenPlanState,
} from './shared';

export function reportProgress(command: ReportProgress, plan: OpenPlanState): PlanEvent[] {
  const indicator = indicatorOf(command.indicator);
  const period = measuredAt(command.period, 'period', monthRule(indicator));
  yearIndex({ firstYear: plan.firstYear, lastYear: plan.lastYear }, period.year, 'period.year');
  let value: number;
  let checklist = null;
  if (command.checklist !== undefined && command.checklist !== null) {
    if (indicator.code !== 'GES-MUN') {
      throw badInput(
        'checklist',
        'la lista de requisitos solo aplica al indicador GES-MUN (ficha 4.2.10).',
      );
    }
    for (const requirement of MUNICIPAL_MANAGEMENT_REQUIREMENTS) {
      if (typeof command.checklist[requirement.key] !== 'boolean') {
        throw badInput(
          `checklist.${requirement.key}`,
          `indique si se cumple: ${requirement.label}`,
        );
      }
    }
    checklist = command.checklist;
    const score = municipalManagementScore(checklist);
    value = score.percent;
    if (command.value !== undefined && command.value !== null && command.value !== value) {
      throw badInput(
        'value',
        `el valor (${command.value}) no coincide con los requisitos cumplidos (${score.met} de 6 = ${value} %).`,
      );
    }
  } else {
    value = levelOf(indicator, command.value, 'value');
  }
  const source = text(command.source, 'source');
  const previous = plan.progress[indicator.code]?.[periodKey(period)] ?? null;
  if (previous) requireReason(command, 'para corregir un avance ya reportado para ese periodo');
  return [
    {
      type: 'ProgressReported',
      data: {
        indicator: indicator.code,
        period,
        value,
        source,
        checklist,
        previous: previous && { value: previous.value, source: previous.source },
      },
    },
  ];
}
