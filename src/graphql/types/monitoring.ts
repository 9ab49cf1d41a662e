/** GraphQL types of SGP-APSB monitoring (Res. 449 de 2013, arts. 2-5): scores and methodologies. */
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { BudgetReport } from '../../domain/monitoring/budget';
import { MutationReceipt } from './mutation-receipt';

export enum RiskLevelEnum {
  SIN_RIESGO = 'SIN_RIESGO',
  BAJO = 'BAJO',
  MEDIO = 'MEDIO',
  ALTO = 'ALTO',
}
registerEnumType(RiskLevelEnum, {
  name: 'RiskLevel',
  description:
    'Nivel de riesgo del art. 4: Sin Riesgo (≥ 90), Riesgo Bajo (70 a < 90), Riesgo Medio (40 a < 70), Riesgo Alto (< 40).',
});

@ObjectType({ description: 'Resultado de un indicador específico (0-100) y por qué.' })
export class RiskItem {
  @Field(() => String, { description: 'Código del ítem, p. ej. "EQUILIBRIO" o "calidad_agua".' })
  code!: string;
  @Field(() => String, {
    description: 'Nombre del ítem en la metodología (encabezado de la resolución cuando lo tiene).',
  })
  label!: string;
  @Field(() => Float, { description: 'Puntaje 0-100.' }) score!: number;
  @Field(() => Boolean, {
    description:
      'Exento por una regla de la resolución (2.1.2 a: prestador directo no descertificado): no cuenta en su categoría.',
  })
  exempt!: boolean;
  @Field(() => String, { description: 'Qué se comparó con qué.' }) explanation!: string;
}

@ObjectType({
  description:
    'Categoría de indicadores específicos (presupuestales, administrativos, sectoriales).',
})
export class RiskCategory {
  @Field(() => String, { description: 'presupuestales, administrativos o sectoriales.' })
  category!: string;
  @Field(() => Float, { description: 'Ponderación de la categoría (art. 3), en porcentaje.' })
  weight!: number;
  @Field(() => Float, { description: 'Puntaje de la categoría, 0-100.' }) score!: number;
  @Field(() => [RiskItem], { description: 'Ítems considerados.' }) items!: RiskItem[];
}

@ObjectType({ description: 'Puntaje de riesgo bajo una metodología.' })
export class RiskScoreType {
  @Field(() => ID, { description: 'Metodología aplicada, p. ej. "RES-449-2013".' })
  methodologyId!: string;
  @Field(() => [RiskCategory], { description: 'Puntaje por categoría.' })
  categories!: RiskCategory[];
  @Field(() => Float, { description: 'Resultado ponderado, 0-100.' }) total!: number;
  @Field(() => String, { description: 'Nivel de riesgo: SIN_RIESGO, BAJO, MEDIO o ALTO (art. 4).' })
  level!: string;
  @Field(() => [String], {
    description: 'Indicadores estratégicos registrados por el Viceministerio.',
  })
  strategicFlags!: string[];
  @Field(() => Boolean, {
    description: 'Priorizado para el seguimiento del Ministerio de Hacienda (art. 5).',
  })
  prioritised!: boolean;
}

@ObjectType({
  description:
    'Diferencia por categoría entre dos metodologías, en puntos del resultado ponderado.',
})
export class CategoryDifferenceType {
  @Field(() => String, { description: 'Categoría.' }) category!: string;
  @Field(() => Float, { description: 'Aporte bajo la metodología vigente.' }) stored!: number;
  @Field(() => Float, { description: 'Aporte bajo la otra metodología.' }) recomputed!: number;
  @Field(() => Float, { description: 'recomputed - stored.' }) difference!: number;
}

@ObjectType({
  description: 'El mismo puntaje calculado con otra metodología, con las diferencias.',
})
export class Recomputation {
  @Field(() => RiskScoreType, { description: 'Puntaje bajo la otra metodología.' })
  score!: RiskScoreType;
  @Field(() => [CategoryDifferenceType], { description: 'Diferencia por categoría.' })
  differences!: CategoryDifferenceType[];
}

@ObjectType({ description: 'Peso de una categoría de indicadores específicos (art. 3).' })
export class CategoryWeightType {
  @Field(() => String, { description: 'presupuestales, administrativos o sectoriales.' })
  category!: string;
  @Field(() => Float, { description: 'Porcentaje del resultado ponderado.' }) weight!: number;
}

@ObjectType({ description: 'Un ítem de una categoría de la metodología.' })
export class MethodologyItemType {
  @Field(() => String, { description: 'Categoría del ítem.' }) category!: string;
  @Field(() => String, { description: 'Código del ítem.' }) code!: string;
  @Field(() => String, {
    description: 'Nombre (encabezado de la norma cuando lo tiene; si no, de la implementación).',
  })
  label!: string;
  @Field(() => Float, { description: 'Peso relativo dentro de su categoría.' }) weight!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Texto literal de la norma para el ítem, si se registró.',
  })
  legalText!: string | null;
}

@ObjectType({ description: 'Banda de un nivel de riesgo (art. 4).' })
export class RiskBandType {
  @Field(() => RiskLevelEnum, { description: 'Nivel.' }) level!: RiskLevelEnum;
  @Field(() => Float, {
    description: 'Resultado mínimo (inclusive) del nivel; llega hasta el mínimo del siguiente.',
  })
  min!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Texto literal de la norma, p. ej. "Riesgo Bajo | Entre el 70% y 89%".',
  })
  legalText!: string | null;
}

@ObjectType({
  description:
    'Metodología de monitoreo SGP-APSB: fuente legal, vigencias que cubre, pesos (art. 3), ítems y bandas de riesgo (art. 4).',
})
export class MethodologyType {
  @Field(() => ID, { description: 'Id, p. ej. "RES-449-2013".' }) id!: string;
  @Field(() => String, { description: 'Nombre.' }) name!: string;
  @Field(() => String, { description: 'Norma que la adopta.' }) legalSource!: string;
  @Field(() => Int, { description: 'Primera vigencia que cubre.' }) firstYear!: number;
  @Field(() => Int, { nullable: true, description: 'Última vigencia que cubre (nulo: abierta).' })
  lastYear!: number | null;
  @Field(() => [CategoryWeightType], { description: 'Peso de cada categoría.' })
  categoryWeights!: CategoryWeightType[];
  @Field(() => [MethodologyItemType], { description: 'Ítems de cada categoría.' })
  items!: MethodologyItemType[];
  @Field(() => [RiskBandType], { description: 'Bandas de riesgo, de mayor a menor.' })
  bands!: RiskBandType[];
  @Field(() => Boolean, {
    description:
      'La Res. 449 de 2013 viene con la aplicación (texto de la semilla); las demás las registra el Ministerio.',
  })
  builtIn!: boolean;
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'Cuándo la registró el Ministerio (nulo para la incorporada).',
  })
  recordedAt!: Date | null;
  @Field(() => String, {
    nullable: true,
    description: 'Acto administrativo citado al registrarla.',
  })
  legalBasis!: string | null;
}

@ObjectType({
  description:
    'La metodología con que se calificó una vigencia y si es la vigente para ella (la Res. 449 de 2013, derogada por la Res. 98 de 2019, se usa como referencia cuando ninguna registrada cubre la vigencia).',
})
export class AppliedMethodologyType {
  @Field(() => ID, { description: 'Id de la metodología.' }) id!: string;
  @Field(() => String, { description: 'Nombre.' }) name!: string;
  @Field(() => String, { description: 'Norma que la adopta.' }) legalSource!: string;
  @Field(() => Boolean, {
    description:
      'Si rige para la vigencia; falso cuando se aplica solo como referencia (o se pidió otra para comparar).',
  })
  inForce!: boolean;
  @Field(() => String, {
    nullable: true,
    description: 'Por qué no es la vigente, en español; nulo si lo es.',
  })
  warning!: string | null;
  @Field(() => MethodologyType, { description: 'La metodología completa.' })
  definition!: MethodologyType;
}

@ObjectType({
  description: 'Monitoreo SGP-APSB de un municipio en una vigencia (Res. 449 de 2013, arts. 2-5).',
})
export class RiskAssessment {
  @Field(() => ID, { description: 'Código DANE.' }) daneCode!: string;
  @Field(() => Int, { description: 'Vigencia.' }) year!: number;
  @Field(() => String, { description: 'Norma de la metodología aplicada.' }) legalSource!: string;
  @Field(() => AppliedMethodologyType, {
    description: 'Metodología aplicada y si rige para la vigencia.',
  })
  methodology!: AppliedMethodologyType;
  @Field(() => [String], {
    description:
      'Advertencias en español, p. ej. que la metodología se aplica solo como referencia.',
  })
  warnings!: string[];
  @Field(() => [String], {
    description: 'Componentes sectoriales seleccionados para la vigencia (vacío: todos).',
  })
  components!: string[];
  @Field(() => RiskScoreType, {
    description: 'Puntaje bajo la metodología aplicable a la vigencia.',
  })
  score!: RiskScoreType;
  @Field(() => Recomputation, {
    nullable: true,
    description: 'Si se pidió `methodologyId`: el puntaje con esa metodología.',
  })
  recomputed!: Recomputation | null;
}

@InputType({ description: 'Valores del FUT para SGP-APSB en la vigencia, en pesos.' })
export class BudgetReportInput implements BudgetReport {
  @Field(() => Float, { description: 'Asignado en los documentos Conpes.' })
  assignedConpes!: number;
  @Field(() => Float, { description: 'Incorporado al presupuesto.' }) incorporated!: number;
  @Field(() => Float, { description: 'Girado en la vigencia.' }) transferred!: number;
  @Field(() => Float, { description: 'Recaudo efectivo reportado.' }) collected!: number;
  @Field(() => Float, { description: 'Asignado sin situación de fondos.' })
  withoutFundsAssigned!: number;
  @Field(() => Float, { description: 'Sin situación de fondos reportado.' })
  withoutFundsReported!: number;
  @Field(() => Float, { description: 'Presupuesto definitivo de ingresos.' }) finalRevenue!: number;
  @Field(() => Float, { description: 'Presupuesto definitivo de gastos.' })
  finalExpenditure!: number;
  @Field(() => Float, { description: 'Compromisos con recursos SGP-APSB.' }) commitments!: number;
  @Field(() => Float, { description: 'Recursos disponibles SGP-APSB.' })
  availableResources!: number;
  @Field(() => Float, {
    description: 'Gasto en actividades no previstas en los arts. 10-11 de la Ley 1176 de 2007.',
  })
  ineligibleSpending!: number;
  @Field(() => Float, {
    description:
      'Subsidios comprometidos (también verifican el requisito 6 de la ficha 4.2.10: mínimo 15 % de lo asignado).',
  })
  subsidiesCommitted!: number;
  @Field(() => Float, { description: 'Subsidios pagados.' }) subsidiesPaid!: number;
}

@ObjectType({ description: 'Resultado de una mutación de monitoreo.' })
export class MonitoringPayload extends MutationReceipt {
  @Field(() => RiskAssessment, {
    nullable: true,
    description: 'El monitoreo de la vigencia después del cambio, si aplica.',
  })
  assessment!: RiskAssessment | null;
}

@InputType({ description: 'Municipio y vigencia de un insumo de monitoreo, con la justificación.' })
abstract class MonitoringTarget {
  @Field(() => ID, { description: 'Código DANE del municipio o distrito.' }) daneCode!: string;
  @Field(() => Int, { description: 'Vigencia.' }) year!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Justificación; obligatoria al corregir un insumo ya registrado.',
  })
  reason?: string | null;
}

@InputType({ description: 'Registrar los valores del FUT de una vigencia (art. 2.1.1).' })
export class RecordBudgetReportInput extends MonitoringTarget {
  @Field(() => BudgetReportInput, { description: 'Valores del FUT.' }) report!: BudgetReportInput;
  @Field(() => String, { description: 'Fuente, p. ej. "FUT 2025".' }) source!: string;
}

@InputType({
  description: 'Registrar si se hizo un reporte administrativo en el SUI (art. 2.1.2).',
})
export class RecordAdministrativeReportInput extends MonitoringTarget {
  @Field(() => String, {
    description:
      'SUI_CONTRATO_SUBSIDIOS, SUI_ACUERDO_SUBSIDIOS, SUI_ESTRATIFICACION o SUI_FONDO_SOLIDARIDAD.',
  })
  report!: string;
  @Field(() => Boolean, { description: 'Si el reporte se hizo.' }) filed!: boolean;
  @Field(() => String, { nullable: true, description: 'Fecha del reporte, AAAA-MM-DD.' })
  filedOn?: string | null;
  @Field(() => String, { description: 'Fuente, p. ej. "SUI".' }) source!: string;
}

@InputType({
  description:
    'Registrar si el municipio es prestador directo (art. 15 de la Ley 142 de 1994) y si fue descertificado: un prestador directo no descertificado está exento del reporte a) del art. 2.1.2.',
})
export class RecordDirectProviderStatusInput extends MonitoringTarget {
  @Field(() => Boolean, { description: 'Es prestador directo de los servicios.' })
  directProvider!: boolean;
  @Field(() => Boolean, {
    description: 'Fue objeto de descertificación por la Superintendencia de Servicios Públicos.',
  })
  decertified!: boolean;
  @Field(() => String, { description: 'Fuente, p. ej. "RUPS (SSPD)".' }) source!: string;
}

@InputType({
  description: 'Un indicador estratégico (art. 2.2) del Viceministerio para un municipio.',
})
export class StrategicFlagInput extends MonitoringTarget {
  @Field(() => String, { description: 'El indicador estratégico, p. ej. "Emergencia sanitaria".' })
  flag!: string;
}

@InputType({ description: 'Registrar una metodología nueva (una resolución posterior).' })
export class DefineMethodologyInput {
  @Field(() => GraphQLJSONObject, {
    description:
      'La metodología completa, con la forma de `RES_449_2013` en el código: id, name, legalSource, firstYear, lastYear, categoryWeights, items, bands.',
  })
  methodology!: Record<string, unknown>;
  @Field(() => String, { description: 'Acto administrativo que la adopta.' }) legalBasis!: string;
}

@InputType({
  description: 'Seleccionar los componentes sectoriales que se monitorean en una vigencia.',
})
export class SelectComponentsInput {
  @Field(() => Int, { description: 'Vigencia.' }) year!: number;
  @Field(() => [String], {
    description: 'cobertura, gestion_ambiental, estado_prestacion y/o calidad_agua.',
  })
  components!: string[];
  @Field(() => String, { description: 'Acto administrativo de la selección.' }) legalBasis!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Justificación; obligatoria al cambiar una selección.',
  })
  reason?: string | null;
}
