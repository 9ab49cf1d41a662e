/**
 * The codes of the items a vigencia is scored on, whatever the methodology: the seven budget
 * items of art. 2.1.1 (computed from the FUT) and the four SUI reports of art. 2.1.2.
 */
import { RES_449_2013 } from './methodology';

export const BUDGET_ITEMS: readonly string[] = RES_449_2013.items.presupuestales.map((i) => i.code);

export const ADMINISTRATIVE_REPORTS: readonly string[] = RES_449_2013.items.administrativos.map(
  (item) => item.code,
);
