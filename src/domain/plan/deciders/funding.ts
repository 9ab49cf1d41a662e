/** Fuentes, usos and recursos de gestión (Tablas 4, 5 and 6), row by row and year by year. */
import { badInput } from '../../errors';
import { findFundingRow, FUNDING_ROWS, type FundingTable } from '../../catalogue/funding';
import type { SetFundingRow } from '../commands';
import { fundingRowKey, type PlanEvent } from '../events';
import { fourYears, pesos, text, type OpenPlanState } from './shared';

export function setFundingRow(command: SetFundingRow, plan: OpenPlanState): PlanEvent[] {
  const table = command.table as FundingTable;
  // Own keys only: `in` would take "toString" for a table and fail on it with a TypeError.
  if (!Object.hasOwn(FUNDING_ROWS, table)) {
    throw badInput(
      'table',
      'la tabla debe ser "fuentes" (Tabla 4), "usos" (Tabla 5) o "gestion" (Tabla 6).',
    );
  }
  const rowType = findFundingRow(table, command.row);
  if (!rowType) {
    const known = FUNDING_ROWS[table].map((r) => r.code).join(', ');
    throw badInput(
      'row',
      `fila desconocida "${command.row}" para la tabla ${table}; use una de: ${known}.`,
    );
  }
  let detail: string | null = null;
  if (rowType.needsDetail) detail = text(command.detail, 'detail', 200);
  else if (command.detail) detail = text(command.detail, 'detail', 200);
  const amounts = fourYears(command.amounts, 'amounts', pesos);
  const previous = plan.funding[table][fundingRowKey(rowType.code, detail)]?.amounts ?? null;
  if (previous && previous.every((v, i) => v === amounts[i])) {
    throw badInput('amounts', 'la fila ya tiene esos valores.');
  }
  return [{ type: 'FundingRowSet', data: { table, row: rowType.code, detail, amounts, previous } }];
}
