/**
 * The sector plan decider: `decidePlan(command, state, context) -> events | error`. Each command
 * group has its decider in `deciders/` (lifecycle, goals, projects, funding, progress); a refused
 * command yields a DomainError naming the field, and nothing is appended.
 */
import { DomainError } from '../errors';
import type { PlanCommand } from './commands';
import type { PlanEvent } from './events';
import type { PlanState } from './state';
import { setFundingRow } from './deciders/funding';
import { amendGoal, setBaseline, setGoal } from './deciders/goals';
import { adoptPlan, openPlan } from './deciders/lifecycle';
import { reportProgress } from './deciders/progress';
import {
  attachContribution,
  changeContribution,
  detachContribution,
  registerNeed,
  registerProject,
} from './deciders/projects';
import { requireOpen, type PlanContext } from './deciders/shared';

export type { PlanContext };

export type Decision = { ok: true; events: PlanEvent[] } | { ok: false; error: DomainError };

export function decidePlan(command: PlanCommand, state: PlanState, context: PlanContext): Decision {
  try {
    return { ok: true, events: decideOrThrow(command, state, context) };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error };
    throw error;
  }
}

function decideOrThrow(command: PlanCommand, state: PlanState, context: PlanContext): PlanEvent[] {
  if (command.type === 'OpenPlan') return openPlan(command, state, context);
  const plan = requireOpen(state);
  switch (command.type) {
    case 'AdoptPlan':
      return adoptPlan(command, plan);
    case 'SetBaseline':
      return setBaseline(command, plan);
    case 'SetGoal':
      return setGoal(command, plan);
    case 'AmendGoal':
      return amendGoal(command, plan);
    case 'RegisterNeed':
      return registerNeed(command, plan);
    case 'RegisterProject':
      return registerProject(command, plan);
    case 'AttachContribution':
      return attachContribution(command, plan);
    case 'ChangeContribution':
      return changeContribution(command, plan);
    case 'DetachContribution':
      return detachContribution(command, plan);
    case 'SetFundingRow':
      return setFundingRow(command, plan);
    case 'ReportProgress':
      return reportProgress(command, plan);
  }
}
