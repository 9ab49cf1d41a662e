/**
 * The budget (presupuestales) indicators of art. 2.1.1, computed from the FUT values the ministry
 * records for a vigencia.
 */

/** Values of the FUT (Formulario Único Territorial) for SGP-APSB in one vigencia, in pesos. */
export interface BudgetReport {
  /** Assigned in the vigencia's Conpes documents. */
  assignedConpes: number;
  /** Reported as incorporated in the budget (Ingresos). */
  incorporated: number;
  /** Transferred to the entity in the vigencia. */
  transferred: number;
  /** Reported as collected (recaudo efectivo). */
  collected: number;
  /** Assigned without cash movement (sin situación de fondos). */
  withoutFundsAssigned: number;
  /** Reported as collected without cash movement. */
  withoutFundsReported: number;
  finalRevenue: number;
  finalExpenditure: number;
  commitments: number;
  availableResources: number;
  /** Spending on activities outside arts. 10-11 of Ley 1176 de 2007. */
  ineligibleSpending: number;
  subsidiesCommitted: number;
  subsidiesPaid: number;
}

export interface ItemScore {
  code: string;
  score: number;
  /** Why, in words: what was compared with what. */
  explanation: string;
  /** Left out of its category by a rule of the resolution (2.1.2 a for a direct provider). */
  exempt?: boolean;
}

/** One peso of tolerance: FUT figures are reported in whole pesos. */
const TOLERANCE = 1;
const pass = (ok: boolean): number => (ok ? 100 : 0);
const pesos = (value: number) => value.toLocaleString('es-CO');

/** One budget item of art. 2.1.1: whether the reported values comply, and why, in words. */
interface BudgetRule {
  code: string;
  complies(report: BudgetReport): boolean;
  explanation(report: BudgetReport): string;
}

const BUDGET_RULES: readonly BudgetRule[] = [
  {
    code: 'INCORPORACION',
    complies: (report) => report.incorporated + TOLERANCE >= report.assignedConpes,
    explanation: (report) =>
      `Incorporado ${pesos(report.incorporated)} frente a asignado por Conpes ${pesos(report.assignedConpes)}.`,
  },
  {
    code: 'RECAUDO_EFECTIVO',
    complies: (report) => Math.abs(report.collected - report.transferred) <= TOLERANCE,
    explanation: (report) =>
      `Recaudo reportado ${pesos(report.collected)} frente a girado ${pesos(report.transferred)}.`,
  },
  {
    code: 'RECAUDO_SSF',
    complies: (report) =>
      Math.abs(report.withoutFundsReported - report.withoutFundsAssigned) <= TOLERANCE,
    explanation: (report) =>
      `Sin situación de fondos reportado ${pesos(report.withoutFundsReported)} frente a asignado ${pesos(report.withoutFundsAssigned)}.`,
  },
  {
    code: 'EQUILIBRIO',
    complies: (report) => Math.abs(report.finalRevenue - report.finalExpenditure) <= TOLERANCE,
    explanation: (report) =>
      `Ingresos definitivos ${pesos(report.finalRevenue)} frente a gastos definitivos ${pesos(report.finalExpenditure)}.`,
  },
  {
    code: 'DEFICIT',
    complies: (report) => report.commitments <= report.availableResources + TOLERANCE,
    explanation: (report) =>
      `Compromisos ${pesos(report.commitments)} frente a recursos disponibles ${pesos(report.availableResources)}.`,
  },
  {
    code: 'USO_ADECUADO',
    complies: (report) => report.ineligibleSpending <= TOLERANCE,
    explanation: (report) =>
      `Gasto en actividades no previstas en los arts. 10 y 11 de la Ley 1176 de 2007: ${pesos(report.ineligibleSpending)}.`,
  },
  {
    code: 'SUBSIDIOS',
    complies: (report) =>
      report.subsidiesCommitted > 0 &&
      report.subsidiesPaid + TOLERANCE >= report.subsidiesCommitted,
    explanation: (report) =>
      `Subsidios comprometidos ${pesos(report.subsidiesCommitted)}, pagados ${pesos(report.subsidiesPaid)}.`,
  },
];

/** Art. 2.1.1: compliance of each budget item, computed from the reported values. */
export function budgetScores(report: BudgetReport): ItemScore[] {
  return BUDGET_RULES.map((rule) => ({
    code: rule.code,
    score: pass(rule.complies(report)),
    explanation: rule.explanation(report),
  }));
}

const RULE_BY_CODE = new Map(BUDGET_RULES.map((rule) => [rule.code, rule]));

/**
 * `budgetScores` as numbers only, in the order of `codes` (0 for a code without a rule): without
 * the wording, whose formatting of pesos costs more than the rules (the risk read model's catch-up).
 */
export function budgetScoreNumbers(report: BudgetReport, codes: readonly string[]): number[] {
  return codes.map((code) => {
    const rule = RULE_BY_CODE.get(code);
    return rule ? pass(rule.complies(report)) : 0;
  });
}
