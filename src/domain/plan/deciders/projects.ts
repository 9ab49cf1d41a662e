/**
 * Needs, projects and their contributions to goals (Tablas 3, 8, 9 and 10). The PDA records
 * third-party projects in its department (see `access.ts`).
 */
import { badInput, conflict, notFound } from '../../errors';
import { assertChange, round6, UNIT_LABEL } from '../../rules/units';
import type {
  AttachContribution,
  ChangeContribution,
  DetachContribution,
  RegisterNeed,
  RegisterProject,
} from '../commands';
import { contributionKey, type Executor, type PlanEvent } from '../events';
import {
  fourYears,
  identifier,
  indicatorOf,
  isoDate,
  pesos,
  requireReason,
  text,
  type OpenPlanState,
} from './shared';

const EXECUTORS: readonly Executor[] = ['PDA', 'CAR', 'NACION', 'OTRO'];

export function registerNeed(command: RegisterNeed, plan: OpenPlanState): PlanEvent[] {
  const needId = identifier(command.needId, 'needId');
  if (plan.needs[needId]) throw conflict('needId', `la necesidad ${needId} ya está registrada.`);
  return [
    {
      type: 'NeedRegistered',
      data: {
        needId,
        need: text(command.need, 'need'),
        investmentName: text(command.investmentName, 'investmentName'),
        estimatedValue: pesos(command.estimatedValue, 'estimatedValue'),
      },
    },
  ];
}

export function registerProject(command: RegisterProject, plan: OpenPlanState): PlanEvent[] {
  const projectId = identifier(command.projectId, 'projectId');
  if (plan.projects[projectId]) {
    throw conflict('projectId', `ya existe un proyecto con id ${projectId} en este plan.`);
  }
  if (command.kind !== 'propio' && command.kind !== 'tercero') {
    throw badInput('kind', 'debe ser "propio" (Tabla 8) o "tercero" (Tabla 9).');
  }
  const name = text(command.name, 'name');
  const needId =
    command.needId === undefined || command.needId === null
      ? null
      : identifier(command.needId, 'needId');
  if (needId !== null && !plan.needs[needId]) {
    throw badInput('needId', `la necesidad ${needId} no está en el banco de necesidades.`);
  }
  const valueByYear = fourYears(command.valueByYear, 'valueByYear', pesos);
  const estimatedValue = round6(valueByYear.reduce((a, b) => a + b, 0));
  let endDate: string | null = null;
  let fundingSources: string[] = [];
  let executor: Executor | null = null;
  let executorDetail: string | null = null;
  if (command.kind === 'tercero') {
    endDate = isoDate(
      command.endDate,
      'endDate',
      'la fecha de finalización es obligatoria para proyectos de terceros',
    );
    if (!Array.isArray(command.fundingSources) || command.fundingSources.length === 0) {
      throw badInput(
        'fundingSources',
        'indique al menos una fuente de recursos del proyecto (Tabla 9).',
      );
    }
    fundingSources = command.fundingSources.map((s, i) => text(s, `fundingSources[${i}]`, 200));
    if (!command.executor || !EXECUTORS.includes(command.executor)) {
      throw badInput(
        'executor',
        'el responsable de la ejecución debe ser PDA, CAR, NACION u OTRO.',
      );
    }
    executor = command.executor;
    if (executor === 'OTRO') executorDetail = text(command.executorDetail, 'executorDetail', 200);
  } else if (command.endDate || command.executor || command.fundingSources?.length) {
    throw badInput(
      'kind',
      'fecha de finalización, fuentes y ejecutor solo aplican a proyectos de terceros.',
    );
  }
  return [
    {
      type: 'ProjectRegistered',
      data: {
        projectId,
        kind: command.kind,
        name,
        needId,
        valueByYear,
        estimatedValue,
        endDate,
        fundingSources,
        executor,
        executorDetail,
      },
    },
  ];
}

function contributionValues(command: AttachContribution | ChangeContribution, plan: OpenPlanState) {
  const projectId = identifier(command.projectId, 'projectId');
  if (!plan.projects[projectId])
    throw notFound('projectId', `el proyecto ${projectId} no existe en este plan.`);
  const indicator = indicatorOf(command.indicator);
  if (command.unit !== indicator.unit) {
    throw badInput(
      'unit',
      `la contribución a ${indicator.code} se expresa en ${UNIT_LABEL[indicator.unit]} ("${indicator.unit}"), no en "${String(command.unit)}".`,
    );
  }
  const amount = assertChange(indicator.unit, command.amount, 'amount');
  if (amount === 0)
    throw badInput(
      'amount',
      'una contribución debe ser mayor que cero; para quitarla use DetachContribution.',
    );
  return { projectId, indicator, amount, key: contributionKey(projectId, indicator.code) };
}

export function attachContribution(command: AttachContribution, plan: OpenPlanState): PlanEvent[] {
  const { projectId, indicator, amount, key } = contributionValues(command, plan);
  if (plan.contributions[key]) {
    throw conflict(
      'indicator',
      `el proyecto ${projectId} ya contribuye a ${indicator.code}: use ChangeContribution.`,
    );
  }
  return [
    {
      type: 'ProjectContributionAttached',
      data: { projectId, indicator: indicator.code, amount, unit: indicator.unit },
    },
  ];
}

export function changeContribution(command: ChangeContribution, plan: OpenPlanState): PlanEvent[] {
  const { projectId, indicator, amount, key } = contributionValues(command, plan);
  const current = plan.contributions[key];
  if (!current) {
    throw notFound(
      'indicator',
      `el proyecto ${projectId} no contribuye a ${indicator.code}: use AttachContribution.`,
    );
  }
  if (current.amount === amount) throw badInput('amount', 'la contribución ya tiene ese valor.');
  return [
    {
      type: 'ProjectContributionChanged',
      data: {
        projectId,
        indicator: indicator.code,
        amount,
        unit: indicator.unit,
        previous: { amount: current.amount },
      },
    },
  ];
}

export function detachContribution(command: DetachContribution, plan: OpenPlanState): PlanEvent[] {
  requireReason(command, 'para retirar la contribución de un proyecto');
  const projectId = identifier(command.projectId, 'projectId');
  const indicator = indicatorOf(command.indicator);
  const current = plan.contributions[contributionKey(projectId, indicator.code)];
  if (!current) {
    throw notFound('indicator', `el proyecto ${projectId} no contribuye a ${indicator.code}.`);
  }
  return [
    {
      type: 'ProjectContributionDetached',
      data: { projectId, indicator: indicator.code, previous: { amount: current.amount } },
    },
  ];
}
