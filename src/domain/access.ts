/**
 * Who may do what (DESIGN.md, "Who may do what"). Roles carry a territorial scope: a DANE
 * municipality code for PLANNER, a department code for PDA, either for CTP (municipal or
 * departmental council). Every refusal is FORBIDDEN and appends nothing.
 */
import type { PlanCommand } from './plan/commands';

export const ROLES = ['PLANNER', 'PDA', 'CTP', 'CONTROL', 'MINISTRY', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  id: string;
  name: string;
  role: Role;
  /** DANE code (PLANNER), department code (PDA), either (CTP), or the organisation (others). */
  entity: string;
}

export interface PlanScope {
  daneCode: string;
  departmentCode: string;
}

/**
 * The PDA writes projects (and their links to goals) in the municipalities of its department, and
 * may record the act that adopted a plan there.
 */
const PDA_COMMANDS: ReadonlySet<PlanCommand['type']> = new Set([
  'AdoptPlan',
  'RegisterNeed',
  'RegisterProject',
  'AttachContribution',
  'ChangeContribution',
  'DetachContribution',
]);

export function mayWritePlan(
  principal: Principal | null,
  command: PlanCommand['type'],
  plan: PlanScope,
): boolean {
  if (!principal) return false;
  switch (principal.role) {
    case 'ADMIN':
      return true;
    case 'PLANNER':
      return principal.entity === plan.daneCode;
    case 'PDA':
      return principal.entity === plan.departmentCode && PDA_COMMANDS.has(command);
    default:
      return false;
  }
}

/**
 * Whether the caller may see who made each change (names and ids in the audit trail and the
 * lineage). Anonymous callers read public plan data only; control bodies, the ministry and
 * administrators see everyone; planners, PDAs and CTPs see their own territory.
 */
export function maySeeIdentities(principal: Principal | null, plan: PlanScope): boolean {
  if (!principal) return false;
  switch (principal.role) {
    case 'ADMIN':
    case 'CONTROL':
    case 'MINISTRY':
      return true;
    case 'PLANNER':
      return principal.entity === plan.daneCode;
    case 'CTP':
      return principal.entity === plan.daneCode || principal.entity === plan.departmentCode;
    case 'PDA':
      return principal.entity === plan.departmentCode;
  }
}

/** SGP-APSB monitoring inputs and methodologies are the ministry's (Viceministerio de Agua). */
export function mayWriteMonitoring(principal: Principal | null): boolean {
  return principal?.role === 'MINISTRY' || principal?.role === 'ADMIN';
}

/**
 * The Plan de Gestión Social is written by the PDA in its department (a departmental plan, or a
 * municipal one inside it) and by the PLANNER in its municipality.
 */
export function mayWriteSocialPlan(principal: Principal | null, scope: PlanScope): boolean {
  if (!principal) return false;
  if (principal.role === 'ADMIN') return true;
  if (principal.role === 'PDA') return principal.entity === scope.departmentCode;
  if (principal.role === 'PLANNER') return principal.entity === scope.daneCode;
  return false;
}

/**
 * The semester review speaks with two voices, and nobody speaks for another: the council's
 * (open, concepto, recommendations, close) is the CTP's, of its municipality or, for a
 * departmental council, its department; the answers and presentations are the administration's
 * (the PLANNER of the municipality, the PDA of its department). Not even ADMIN writes either.
 */
export function mayWriteReview(
  principal: Principal | null,
  side: 'COUNCIL' | 'ADMINISTRATION',
  scope: PlanScope,
): boolean {
  if (!principal) return false;
  const inScope = (entity: string) => entity === scope.daneCode || entity === scope.departmentCode;
  if (side === 'COUNCIL') return principal.role === 'CTP' && inScope(principal.entity);
  if (principal.role === 'PLANNER') return principal.entity === scope.daneCode;
  if (principal.role === 'PDA') return principal.entity === scope.departmentCode;
  return false;
}
