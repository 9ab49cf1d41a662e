/**
 * Funds available per year (annex 4.4): total fuentes (Tabla 4) - total usos (Tabla 5), plus the
 * recursos de gestión (Tabla 6). Planned investments above that are flagged so that the
 * administration "no sobredimensione ni subvalore" its plan.
 */
import type { YearValues } from '../plan/events';
import { round6 } from './units';

export interface YearFunds {
  /** Año 1..4. */
  yearIndex: number;
  year: number;
  sources: number;
  uses: number;
  management: number;
  /** sources - uses + management. */
  available: number;
  plannedInvestment: number;
  /** available - plannedInvestment; negative means over-committed. */
  balance: number;
  warning: string | null;
}

const sumRows = (rows: readonly YearValues[], index: number): number =>
  round6(rows.reduce((sum, row) => sum + row[index]!, 0));

export function fundsByYear(
  firstYear: number,
  funding: {
    fuentes: readonly YearValues[];
    usos: readonly YearValues[];
    gestion: readonly YearValues[];
  },
  investments: readonly YearValues[],
): YearFunds[] {
  return [0, 1, 2, 3].map((index) => {
    const sources = sumRows(funding.fuentes, index);
    const uses = sumRows(funding.usos, index);
    const management = sumRows(funding.gestion, index);
    const available = round6(sources - uses + management);
    const plannedInvestment = sumRows(investments, index);
    const balance = round6(available - plannedInvestment);
    const year = firstYear + index;
    return {
      yearIndex: index + 1,
      year,
      sources,
      uses,
      management,
      available,
      plannedInvestment,
      balance,
      warning:
        balance < 0
          ? `Año ${index + 1} (${year}): las inversiones planeadas (${plannedInvestment}) superan los recursos disponibles (${available}) en ${-balance}; no sobredimensione el plan.`
          : null,
    };
  });
}
