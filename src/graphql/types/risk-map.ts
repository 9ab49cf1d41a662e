/** GraphQL types of the national SGP-APSB risk map and the art. 5 prioritisation. */
import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Limit } from '../limits';
import { AsOfInput, PageInfo } from './common';
import { AppliedMethodologyType, RiskLevelEnum } from './monitoring';

export enum RiskScoreOrder {
  DANE_CODE = 'DANE_CODE',
  TOTAL_ASC = 'TOTAL_ASC',
  TOTAL_DESC = 'TOTAL_DESC',
}
registerEnumType(RiskScoreOrder, {
  name: 'RiskScoreOrder',
  description:
    'Orden del mapa: por código DANE, o por resultado ponderado ascendente (más riesgo primero) o descendente; las entidades sin puntaje van al final; empates por código DANE.',
});

export enum PrioritisationKind {
  NIVEL_ALTO = 'NIVEL_ALTO',
  INDICADOR_ESTRATEGICO = 'INDICADOR_ESTRATEGICO',
}
registerEnumType(PrioritisationKind, {
  name: 'PrioritisationKind',
  description:
    'Por qué el art. 5 prioriza a una entidad: nivel de riesgo alto en los indicadores específicos, o un indicador estratégico del Viceministerio.',
});

@ObjectType({ description: 'Una razón de priorización (art. 5).' })
export class PrioritisationReason {
  @Field(() => PrioritisationKind, { description: 'Tipo de razón.' }) kind!: PrioritisationKind;
  @Field(() => String, { description: 'Detalle en español.' }) detail!: string;
}

@ObjectType({ description: 'Puntaje de una categoría (art. 3) en el mapa.' })
export class RiskCategorySummary {
  @Field(() => String, { description: 'presupuestales, administrativos o sectoriales.' })
  category!: string;
  @Field(() => Float, { description: 'Ponderación de la categoría, en porcentaje.' })
  weight!: number;
  @Field(() => Float, { description: 'Puntaje de la categoría, 0-100.' }) score!: number;
}

@ObjectType({
  description:
    'Puntaje de riesgo SGP-APSB de una entidad territorial en una vigencia, leído del modelo de lectura de riesgo.',
})
export class RiskScoreEntry {
  @Field(() => ID, { description: 'Código DANE de la entidad territorial.' }) daneCode!: string;
  @Field(() => String, { description: 'Nombre de la entidad territorial.' }) name!: string;
  @Field(() => String, {
    description: 'Tipo en la DIVIPOLA: Municipio, Área no municipalizada o Isla.',
  })
  kind!: string;
  @Field(() => ID, { description: 'Código DANE del departamento.' }) departmentCode!: string;
  @Field(() => String, { description: 'Departamento.' }) department!: string;
  @Field(() => Int, { description: 'Vigencia.' }) year!: number;
  @Field(() => Float, {
    nullable: true,
    description: 'Resultado ponderado, 0-100; nulo si no hay nada registrado para la vigencia.',
  })
  total!: number | null;
  @Field(() => RiskLevelEnum, {
    nullable: true,
    description: 'Nivel de riesgo (art. 4); nulo si no hay nada registrado para la vigencia.',
  })
  level!: RiskLevelEnum | null;
  @Field(() => Boolean, {
    description: 'Priorizada para el seguimiento del Ministerio de Hacienda (art. 5).',
  })
  prioritised!: boolean;
  @Field(() => [PrioritisationReason], { description: 'Por qué se prioriza (vacío si no).' })
  reasons!: PrioritisationReason[];
  @Field(() => [String], { description: 'Indicadores estratégicos registrados.' })
  strategicFlags!: readonly string[];
  @Field(() => [RiskCategorySummary], { description: 'Puntaje por categoría.' })
  categories!: RiskCategorySummary[];
  @Field(() => AppliedMethodologyType, {
    description: 'Metodología con que se calificó y si rige para la vigencia.',
  })
  methodology!: AppliedMethodologyType;
  @Field(() => [String], {
    description: 'Componentes sectoriales seleccionados para la vigencia (vacío: todos).',
  })
  components!: readonly string[];
  @Field(() => Boolean, {
    description:
      'Si había algo registrado para la vigencia (plan o insumos de monitoreo); sin nada no hay puntaje (falta de datos no es riesgo calculado).',
  })
  hasInputs!: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      'Semestre de registro de la versión leída (p. ej. "2025-1"): el último al cierre del cual el puntaje difería del semestre anterior; nulo si no la hay.',
  })
  recordedIn!: string | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'Con `methodologyId`: resultado con esa metodología menos el resultado con la aplicable.',
  })
  difference!: number | null;
}

@ObjectType({ description: 'Arista del mapa de riesgo.' })
export class RiskScoreEdge {
  @Field(() => String, { description: 'Cursor opaco.' }) cursor!: string;
  @Field(() => RiskScoreEntry, { description: 'El puntaje.' }) node!: RiskScoreEntry;
}

@ObjectType({ description: 'Cuántas entidades hay en un nivel de riesgo.' })
export class RiskLevelCount {
  @Field(() => RiskLevelEnum, { description: 'Nivel.' }) level!: RiskLevelEnum;
  @Field(() => Int, { description: 'Entidades en el nivel.' }) count!: number;
}

@ObjectType({
  description:
    'Resumen del mapa sobre las entidades del alcance pedido (todas o un departamento), antes de filtrar por nivel o priorización.',
})
export class RiskMapSummary {
  @Field(() => Int, { description: 'Entidades territoriales en el alcance.' }) entities!: number;
  @Field(() => Int, { description: 'Entidades con algo registrado para la vigencia.' })
  withInputs!: number;
  @Field(() => Int, { description: 'Entidades priorizadas (art. 5).' }) prioritised!: number;
  @Field(() => [RiskLevelCount], { description: 'Entidades por nivel de riesgo.' })
  byLevel!: RiskLevelCount[];
}

@ObjectType({ description: 'Mapa nacional de riesgo SGP-APSB (conexión Relay) con su resumen.' })
export class RiskScoreConnection {
  @Field(() => [RiskScoreEdge], { description: 'Entidades de la página.' }) edges!: RiskScoreEdge[];
  @Field(() => PageInfo, { description: 'Información de paginación.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Entidades que cumplen los filtros.' }) totalCount!: number;
  @Field(() => RiskMapSummary, { description: 'Resumen por nivel y priorización.' })
  summary!: RiskMapSummary;
}

/** Every territorial entity of the DIVIPOLA: the whole map fits in one page. */
export const MAP_PAGE_MAX = 1121;

@ArgsType()
export class RiskMapPageArgs {
  @Limit({ min: 1, max: MAP_PAGE_MAX })
  @Field(() => Int, {
    nullable: true,
    description:
      'Cuántas entidades (1 a 1.121, todas las de la DIVIPOLA; por omisión 100): el mapa completo cabe en una página.',
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor después del cual continuar.' })
  after?: string | null;
}

@ArgsType()
export class RiskMapArgs extends RiskMapPageArgs {
  @Field(() => Int, { description: 'Vigencia.' }) year!: number;

  @Field(() => AsOfInput, {
    nullable: true,
    description:
      'Lo registrado hasta el fin de este semestre (una consulta al modelo de lectura) o hasta un instante (calculado al leer).',
  })
  asOf?: AsOfInput | null;
}
