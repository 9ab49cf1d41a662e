/**
 * IRCA risk classes, Resolución 2115 de 2007 as ficha 4.2.6 tabulates them: 0-5 sin riesgo,
 * 5.1-14 bajo, 14.1-35 medio, 35.1-80 alto, 80.1-100 inviable sanitariamente.
 *
 * The table is written with one decimal and leaves gaps (5.05, 14.04, 35.05, 80.05). Decision
 * (the implementation's reading):
 * each class is closed above at its upper bound, so anything above an upper bound belongs to the
 * next class: (5, 14] is bajo, 5.05 is bajo, 14.04 is medio. This agrees with every label of
 * INS's yearly file 2007-2023 (17,585 rows; tested).
 */
import { badInput } from '../errors';

export type IrcaClass = 'SIN_RIESGO' | 'BAJO' | 'MEDIO' | 'ALTO' | 'INVIABLE_SANITARIAMENTE';

/**
 * The ficha 4.2.6 table ("Clasificación IRCA de Calidad del Agua"). `range`, `level` and `action`
 * are the seed's words, verbatim; ALTO has no action of its own in the seed's table (its cell is
 * empty), so `action` is null rather than a copy of another row's. `label` is how INS writes the
 * class in its yearly IRCA file (`risk_level`), which the API shows as `ircaClass`.
 */
export const IRCA_CLASSES: ReadonlyArray<{
  class: IrcaClass;
  upTo: number;
  label: string;
  /** "Clasificación del IRCA (%)", as the seed writes it. */
  range: string;
  /** "Nivel de Riesgo", as the seed writes it. */
  level: string;
  /** "IRCA MENSUAL (acciones)", as the seed writes it; null where the seed's cell is empty. */
  action: string | null;
}> = [
  {
    class: 'SIN_RIESGO',
    upTo: 5,
    label: 'Sin riesgo',
    range: '0 - 5',
    level: 'SIN RIESGO',
    action: 'Continuar la vigilancia',
  },
  {
    class: 'BAJO',
    upTo: 14,
    label: 'Riesgo bajo',
    range: '5,1 - 14',
    level: 'BAJO',
    action: 'Susceptible de mejoramiento',
  },
  {
    class: 'MEDIO',
    upTo: 35,
    label: 'Riesgo medio',
    range: '14,1 - 35',
    level: 'MEDIO',
    action: 'Gestión directa a las competencias de la persona prestadora',
  },
  {
    class: 'ALTO',
    upTo: 80,
    label: 'Riesgo alto',
    range: '35,1- 80',
    level: 'ALTO',
    action: null,
  },
  {
    class: 'INVIABLE_SANITARIAMENTE',
    upTo: 100,
    label: 'Inviable sanitariamente',
    range: '80,1 - 100',
    level: 'INVIABLE SANITARIAMENTE',
    action:
      'Gestión directa a las competencias de la persona prestadora, alcaldes, gobernadores y entidad del orden nacional.',
  },
];

export function classifyIrca(value: number, field = 'irca'): (typeof IRCA_CLASSES)[number] {
  if (!Number.isFinite(value) || value < 0 || value > 100) {
    throw badInput(field, `el IRCA debe estar entre 0 y 100 (recibido ${value}).`);
  }
  return IRCA_CLASSES.find((entry) => value <= entry.upTo)!;
}
