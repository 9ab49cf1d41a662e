import { GraphQLDateTime, GraphQLJSON, GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ActorView, Lineage, Period, TimeView } from './common';
import { Indicator, Municipality } from './reference';

export enum PlanStatus {
  BORRADOR = 'BORRADOR',
  ADOPTADO = 'ADOPTADO',
}
registerEnumType(PlanStatus, {
  name: 'PlanStatus',
  description:
    'BORRADOR: aún no se registra el acto que adoptó el plan (sus líneas base y metas cambian libremente, con auditoría); ADOPTADO: hace parte del plan de desarrollo adoptado por acuerdo o decreto y cada cambio de meta es una modificación con justificación y acto administrativo.',
});

@ObjectType({
  description:
    'Acto que adoptó el plan de desarrollo municipal del que hace parte el plan sectorial (art. 1, parágrafo, y 4.5 de la Res. 449 de 2013).',
})
export class AdoptionType {
  @Field(() => String, { description: 'ACUERDO (del concejo) o DECRETO (del alcalde).' })
  act!: string;

  @Field(() => String, { description: 'Número del acto.' })
  number!: string;

  @Field(() => String, { description: 'Fecha del acto, AAAA-MM-DD.' })
  date!: string;

  @Field(() => String, { description: 'Cita del acto, p. ej. "Acuerdo 012 de 2024".' })
  citation!: string;

  @Field(() => Lineage, { nullable: true, description: 'Quién registró la adopción y cuándo.' })
  lineage!: Lineage | null;
}

@ObjectType({ description: 'Recursos de un año del cuatrienio, en pesos.' })
export class YearAmountType {
  @Field(() => Int, { description: 'Año 1 a 4 del periodo de gobierno.' })
  yearIndex!: number;

  @Field(() => Int, { description: 'Año calendario.' })
  year!: number;

  @Field(() => Float, { description: 'Valor en pesos.' })
  amount!: number;
}

@ObjectType({ description: 'Parte de un proyecto que se cuenta en los recursos de una meta.' })
export class ProjectShareType {
  @Field(() => ID, { description: 'Id del proyecto.' })
  projectId!: string;

  @Field(() => Float, {
    description:
      'Fracción del valor del proyecto asignada a esta meta (1 / metas a las que aporta).',
  })
  share!: number;

  @Field(() => Float, { description: 'Valor asignado a esta meta, en pesos.' })
  amount!: number;
}

@ObjectType({
  description:
    'Columna "RECURSOS A INVERTIR" de la Tabla 11: la inversión de los proyectos que contribuyen a la meta (Tablas 8 a 10), por año.',
})
export class GoalResourcesType {
  @Field(() => [YearAmountType], { description: 'Recursos de Año 1 a Año 4.' })
  byYear!: YearAmountType[];

  @Field(() => Float, { description: 'Total del cuatrienio, en pesos.' })
  total!: number;

  @Field(() => [ProjectShareType], { description: 'Proyectos que aportan y su parte.' })
  projects!: ProjectShareType[];

  @Field(() => String, { description: 'Cómo se calcula (lectura de la implementación).' })
  explanation!: string;
}

@ObjectType({
  description: 'Línea base de un indicador (Tabla 1): la situación al formular el plan.',
})
export class BaselineType {
  @Field(() => Indicator, { description: 'Indicador medido.' })
  indicator!: Indicator;

  @Field(() => Float, { description: 'Valor en la unidad del indicador.' })
  value!: number;

  @Field(() => Period, { description: 'Año (y mes) de la medición.' })
  measuredAt!: Period;

  @Field(() => String, { description: 'Fuente de información, como en la ficha técnica.' })
  source!: string;

  @Field(() => Lineage, { nullable: true, description: 'Quién la registró, cuándo y por qué.' })
  lineage!: Lineage | null;
}

@ObjectType({
  description: 'Meta de un año del cuatrienio (Tabla 11): el cambio comprometido ese año.',
})
export class YearTarget {
  @Field(() => Int, { description: 'Año 1 a 4 del periodo de gobierno.' })
  yearIndex!: number;

  @Field(() => Int, { description: 'Año calendario.' })
  year!: number;

  @Field(() => Float, { description: 'Cambio comprometido ese año, en la unidad del indicador.' })
  target!: number;

  @Field(() => Float, { description: 'Nivel que el indicador debe alcanzar al cierre de ese año.' })
  expectedLevel!: number;
}

@ObjectType({
  description: 'Contribución de un proyecto a la meta de un indicador (Tablas 8 a 10).',
})
export class ContributionType {
  @Field(() => ID, { description: 'Id del proyecto.' })
  projectId!: string;

  @Field(() => String, { description: 'Código del indicador.' })
  indicator!: string;

  @Field(() => Float, {
    description: 'Aporte en la unidad del indicador (personas, porcentaje, horas...).',
  })
  amount!: number;

  @Field(() => String, { description: 'Unidad del aporte.' })
  unit!: string;

  @Field(() => Lineage, { nullable: true, description: 'Evento que fijó este vínculo.' })
  lineage!: Lineage | null;
}

@ObjectType({
  description:
    'Brecha de la Tabla 10: meta total frente a la suma de las contribuciones de los proyectos.',
})
export class GoalGapType {
  @Field(() => Float, { description: 'Meta total.' })
  total!: number;

  @Field(() => Float, { description: 'Suma de las contribuciones de los proyectos.' })
  contributed!: number;

  @Field(() => Float, {
    description: 'total - contributed: positivo si faltan proyectos, negativo si sobran.',
  })
  gap!: number;

  @Field(() => String, { nullable: true, description: 'Advertencia cuando no coinciden.' })
  warning!: string | null;
}

@ObjectType({
  description: 'Reporte de avance: el valor medido de un indicador para un periodo, con su fuente.',
})
export class ProgressReportType {
  @Field(() => String, { description: 'Código del indicador.' })
  indicator!: string;

  @Field(() => Period, { description: 'Periodo al que se refiere la cifra (tiempo válido).' })
  period!: Period;

  @Field(() => Float, { description: 'Valor medido.' })
  value!: number;

  @Field(() => String, { description: 'Fuente.' })
  source!: string;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'Para GES-MUN: los seis requisitos de la ficha 4.2.10 y si se cumplen.',
  })
  checklist!: Record<string, boolean> | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Para el IRCA: clase de riesgo de la Res. 2115 de 2007 (Sin riesgo ... Inviable sanitariamente).',
  })
  ircaClass!: string | null;

  @Field(() => Lineage, { nullable: true, description: 'Quién reportó, cuándo y por qué.' })
  lineage!: Lineage | null;
}

@ObjectType({
  description: 'Avance de la meta, respetando el sentido del indicador, en porcentaje de 0 a 100.',
})
export class GoalProgressType {
  @Field(() => Float, { description: 'Línea base.' })
  baseline!: number;

  @Field(() => Float, { description: 'Último valor medido.' })
  measured!: number;

  @Field(() => Float, { description: 'Nivel meta al final del cuatrienio.' })
  targetLevel!: number;

  @Field(() => Float, { description: 'Avance hacia la meta, 0-100 (acotado).' })
  percent!: number;

  @Field(() => Float, {
    description: 'Avance sin acotar; negativo si el indicador se alejó de la meta.',
  })
  rawPercent!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Avance que la distribución anual preveía para ese año.',
  })
  expectedPercent!: number | null;

  @Field(() => String, {
    description: 'SIN_META, RETROCESO, REZAGADA, AL_DIA, CUMPLIDA o SUPERADA.',
  })
  status!: string;

  @Field(() => String, {
    description: 'Explicación en palabras, en particular cuando el avance se acota.',
  })
  explanation!: string;
}

@ObjectType({ description: 'Linaje de cada valor de una meta.' })
export class GoalLineage {
  @Field(() => Lineage, { nullable: true, description: 'De la línea base.' })
  baseline!: Lineage | null;

  @Field(() => Lineage, {
    nullable: true,
    description: 'De las metas por año y la meta total (GoalSet o la última GoalAmended).',
  })
  goal!: Lineage | null;

  @Field(() => Lineage, { nullable: true, description: 'Del último reporte de avance.' })
  latestProgress!: Lineage | null;
}

@ObjectType({
  description:
    'Entrada de la bitácora de auditoría: un evento, con quién, cuándo, qué cambió y por qué.',
})
export class AuditEntry {
  @Field(() => ID, { description: 'Id del evento.' })
  id!: string;

  @Field(() => GraphQLDateTime, { description: 'Momento de registro en la bitácora.' })
  recordedAt!: Date;

  @Field(() => String, { description: 'Tipo de evento, p. ej. "GoalAmended".' })
  eventType!: string;

  @Field(() => String, {
    description:
      'Tipo de entidad: header, baseline, goal, need, project, contribution, funding, progress; socialplan, programme, activity; review, recommendation, presentation.',
  })
  entityType!: string;

  @Field(() => ID, { description: 'Id de la entidad, p. ej. "plan-73001-2024/goal/ACU-COB-URB".' })
  entityId!: string;

  @Field(() => ID, {
    description: 'Flujo del cambio: plan sectorial, plan de gestión social o revisión del CTP.',
  })
  planId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Meta a la que se refiere el cambio, si aplica.',
  })
  goalId!: string | null;

  @Field(() => Municipality, { nullable: true, description: 'Municipio del cambio.' })
  municipality!: Municipality | null;

  @Field(() => ActorView, { description: 'Quién hizo el cambio.' })
  actor!: ActorView;

  @Field(() => String, { nullable: true, description: 'Justificación.' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'Acto administrativo (fundamento legal).' })
  legalBasis!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Recomendación del CTP que este cambio atiende, p. ej. "ctpreview-73001-2024-2025-1/R2".',
  })
  answersRecommendation!: string | null;

  @Field(() => PlanStatus, {
    nullable: true,
    description:
      'Si el plan sectorial era borrador o ya estaba adoptado cuando se registró este evento (nulo fuera de un plan sectorial).',
  })
  planStatus!: PlanStatus | null;

  @Field(() => [FieldChangeType], { description: 'Campos que cambiaron, antes → después.' })
  changes!: FieldChangeType[];

  @Field(() => String, { description: 'Hash SHA-256 encadenado del evento (verificable).' })
  hash!: string;
}

@ObjectType({ description: 'Un campo que cambió: valor antes y después del evento.' })
export class FieldChangeType {
  @Field(() => String, { description: 'Ruta del campo, p. ej. "targets[1]" o "total".' })
  field!: string;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Valor antes; nulo si el campo no existía.',
  })
  before!: unknown;

  @Field(() => GraphQLJSON, {
    nullable: true,
    description: 'Valor después; nulo si el campo se retiró.',
  })
  after!: unknown;
}

@ObjectType({
  description:
    'Meta sectorial de un indicador en un plan (fila de la Tabla 11): línea base, metas por año, meta total, proyectos que contribuyen, brecha y avance.',
})
export class GoalType {
  @Field(() => ID, {
    description:
      'Id de la meta: "{dane}-{añoInicial}-{indicador}", p. ej. "73001-2024-ACU-COB-URB".',
  })
  id!: string;

  @Field(() => ID, { description: 'Plan sectorial al que pertenece.' })
  planId!: string;

  @Field(() => Indicator, { description: 'Indicador de la meta.' })
  indicator!: Indicator;

  @Field(() => Municipality, { description: 'Municipio del plan.' })
  municipality!: Municipality;

  @Field(() => BaselineType, { nullable: true, description: 'Línea base del indicador.' })
  baseline!: BaselineType | null;

  @Field(() => [YearTarget], {
    description: 'Meta de cada año (Año 1 a 4) y el nivel esperado a su cierre.',
  })
  targets!: YearTarget[];

  @Field(() => Float, { description: 'Meta total del cuatrienio: la suma de las metas anuales.' })
  total!: number;

  @Field(() => Int, { description: 'Cuántas veces se modificó (GoalAmended) después de fijarse.' })
  amendments!: number;

  @Field(() => PlanStatus, {
    description:
      'Si la meta era borrador o hacía parte del plan adoptado en el instante de esta vista.',
  })
  planStatus!: PlanStatus;

  @Field(() => GoalResourcesType, {
    description: 'Recursos a invertir (Tabla 11), por año, de los proyectos que contribuyen.',
  })
  resources!: GoalResourcesType;

  @Field(() => [ContributionType], { description: 'Proyectos que contribuyen a la meta.' })
  contributions!: ContributionType[];

  @Field(() => GoalGapType, {
    description: 'Brecha entre la meta y las contribuciones (Tabla 10).',
  })
  gap!: GoalGapType;

  @Field(() => ProgressReportType, { nullable: true, description: 'Último reporte de avance.' })
  latestProgress!: ProgressReportType | null;

  @Field(() => GoalProgressType, {
    nullable: true,
    description: 'Avance hacia la meta según el último reporte.',
  })
  progress!: GoalProgressType | null;

  @Field(() => [String], { description: 'Advertencias: brecha con los proyectos, retroceso.' })
  warnings!: string[];

  @Field(() => GoalLineage, {
    description: 'Linaje de cada valor: evento, actor y fundamento legal.',
  })
  lineage!: GoalLineage;

  @Field(() => [ProgressReportType], {
    description: 'Todos los reportes de avance del indicador en el plan, por periodo.',
  })
  progressReports!: ProgressReportType[];

  @Field(() => AuditEntry, {
    nullable: true,
    description: 'Último cambio registrado sobre esta meta o su indicador.',
  })
  lastChange!: AuditEntry | null;

  @Field(() => TimeView, { description: 'Ejes de tiempo de esta vista.' })
  time!: TimeView;
}

@ObjectType({ description: 'Proyecto de inversión propio (Tabla 8) o de terceros (Tabla 9).' })
export class ProjectType {
  @Field(() => ID, { description: 'Id del proyecto en el plan.' })
  id!: string;

  @Field(() => String, { description: '"propio" (Tabla 8) o "tercero" (Tabla 9).' })
  kind!: string;

  @Field(() => String, { description: 'Nombre de la inversión (obra, estudio o proyecto).' })
  name!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Necesidad del banco de necesidades (Tabla 3) que atiende.',
  })
  needId!: string | null;

  @Field(() => [Float], { description: 'Inversión planeada por año (Año 1 a 4), en pesos.' })
  valueByYear!: number[];

  @Field(() => Float, { description: 'Valor estimado total, en pesos.' })
  estimatedValue!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Fecha de finalización (proyectos de terceros).',
  })
  endDate!: string | null;

  @Field(() => [String], { description: 'Fuentes de recursos (proyectos de terceros).' })
  fundingSources!: string[];

  @Field(() => String, {
    nullable: true,
    description: 'Responsable de la ejecución: PDA, CAR, NACION u OTRO.',
  })
  executor!: string | null;

  @Field(() => String, { nullable: true, description: 'Responsable cuando es OTRO.' })
  executorDetail!: string | null;

  @Field(() => [ContributionType], { description: 'Indicadores a los que contribuye.' })
  contributions!: ContributionType[];
}

@ObjectType({ description: 'Necesidad del banco de necesidades (Tabla 3).' })
export class NeedType {
  @Field(() => ID, { description: 'Id de la necesidad.' })
  id!: string;

  @Field(() => String, { description: 'Necesidad identificada.' })
  need!: string;

  @Field(() => String, { description: 'Nombre de la inversión que la atiende.' })
  investmentName!: string;

  @Field(() => Float, { description: 'Valor estimado, en pesos.' })
  estimatedValue!: number;
}

@ObjectType({
  description:
    'Fila de fuentes (Tabla 4), usos (Tabla 5) o recursos de gestión (Tabla 6), por año.',
})
export class FundingRowType {
  @Field(() => String, { description: 'Tabla: fuentes, usos o gestion.' })
  table!: string;

  @Field(() => String, { description: 'Código de la fila, p. ej. "SGP_APSB".' })
  row!: string;

  @Field(() => String, { description: 'Nombre de la fila como en la Resolución.' })
  label!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Detalle (entidad acreedora, prestador...).',
  })
  detail!: string | null;

  @Field(() => [Float], { description: 'Valores de Año 1 a Año 4, en pesos.' })
  amounts!: number[];

  @Field(() => Float, { description: 'Total del periodo.' })
  total!: number;
}

@ObjectType({
  description:
    'Recursos disponibles de un año: fuentes - usos + gestión, frente a la inversión planeada.',
})
export class YearFundsType {
  @Field(() => Int, { description: 'Año 1 a 4.' })
  yearIndex!: number;

  @Field(() => Int, { description: 'Año calendario.' })
  year!: number;

  @Field(() => Float, { description: 'Total fuentes (Tabla 4).' })
  sources!: number;

  @Field(() => Float, { description: 'Total usos (Tabla 5).' })
  uses!: number;

  @Field(() => Float, { description: 'Recursos de gestión (Tabla 6).' })
  management!: number;

  @Field(() => Float, { description: 'Disponible: fuentes - usos + gestión.' })
  available!: number;

  @Field(() => Float, { description: 'Inversión planeada de los proyectos ese año.' })
  plannedInvestment!: number;

  @Field(() => Float, {
    description: 'Disponible - inversión planeada; negativo si se sobredimensiona.',
  })
  balance!: number;

  @Field(() => String, {
    nullable: true,
    description: 'Advertencia cuando la inversión supera lo disponible.',
  })
  warning!: string | null;
}

@ObjectType({
  description:
    'Plan sectorial de agua potable y saneamiento básico de un municipio para un periodo de gobierno (cuatrienio), con su línea base, metas, proyectos y financiación.',
})
export class PlanType {
  @Field(() => ID, { description: 'Id del plan: "plan-{dane}-{añoInicial}".' })
  id!: string;

  @Field(() => Municipality, { description: 'Municipio.' })
  municipality!: Municipality;

  @Field(() => Int, { description: 'Primer año del cuatrienio.' })
  firstYear!: number;

  @Field(() => Int, { description: 'Último año del cuatrienio.' })
  lastYear!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Revisión actual del flujo del plan: el `expectedRevision` de la próxima edición (nulo en vistas históricas).',
  })
  revision!: number | null;

  @Field(() => TimeView, { description: 'Ejes de tiempo de esta vista.' })
  time!: TimeView;

  @Field(() => PlanStatus, {
    description: 'Borrador o adoptado en el instante de esta vista.',
  })
  status!: PlanStatus;

  @Field(() => AdoptionType, {
    nullable: true,
    description: 'Acto que adoptó el plan; nulo mientras es borrador.',
  })
  adoption!: AdoptionType | null;

  @Field(() => [BaselineType], { description: 'Líneas base (Tabla 1).' })
  baselines!: BaselineType[];

  @Field(() => [GoalType], { description: 'Metas por indicador (Tabla 11).' })
  goals!: GoalType[];

  @Field(() => [NeedType], { description: 'Banco de necesidades (Tabla 3).' })
  needs!: NeedType[];

  @Field(() => [ProjectType], { description: 'Proyectos propios y de terceros (Tablas 8 y 9).' })
  projects!: ProjectType[];

  @Field(() => [FundingRowType], {
    description: 'Fuentes, usos y recursos de gestión (Tablas 4 a 6).',
  })
  funding!: FundingRowType[];

  @Field(() => [YearFundsType], {
    description: 'Recursos disponibles por año frente a la inversión planeada.',
  })
  fundsByYear!: YearFundsType[];

  @Field(() => [Indicator], {
    description: 'Indicadores obligatorios (Tabla 2: SÍ) sin línea base o sin meta.',
  })
  missingIndicators!: Indicator[];

  @Field(() => [String], { description: 'Todas las advertencias del plan.' })
  warnings!: string[];
}

export { ActorView };
