/**
 * SGP-APSB monitoring over GraphQL: the risk score of a vigencia (now or as of an instant, under
 * the methodology in force or recomputed under another), and the MINISTRY's inputs.
 */
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import {
  Arg,
  Ctx,
  Field,
  Float,
  ID,
  InputType,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
} from 'type-graphql';
import { execute, receipt } from '../commands';
import { MutationReceipt } from '../types/mutation-receipt';
import { mayWriteMonitoring } from '../../domain/access';
import {
  componentsStreamId,
  decideMethodology,
  evolveMethodology,
  initialMethodologyState,
  methodologyStreamId,
  type Methodology,
  type MethodologyCommand,
  type MethodologyEvent,
} from '../../domain/monitoring/methodology';
import {
  monitoring,
  monitoringStreamId,
  type MonitoringCommand,
} from '../../domain/monitoring/monitoring';
import type { BudgetReport } from '../../domain/monitoring/scoring';
import { DANE_CODE } from '../../domain/territory';
import { resolveBitemporal } from '../../queries/as-of';
import { riskOf, type RiskView } from '../../queries/risk';
import type { Context } from '../context';
import { badInput, forbidden, unauthenticated } from '../errors';
import { AsOfInput } from '../types/common';

@ObjectType({ description: 'Resultado de un indicador específico (0-100) y por qué.' })
class RiskItem {
  @Field(() => String, { description: 'Código del ítem, p. ej. "EQUILIBRIO" o "calidad_agua".' })
  code!: string;
  @Field(() => Float, { description: 'Puntaje 0-100.' }) score!: number;
  @Field(() => String, { description: 'Qué se comparó con qué.' }) explanation!: string;
}

@ObjectType({
  description:
    'Categoría de indicadores específicos (presupuestales, administrativos, sectoriales).',
})
class RiskCategory {
  @Field(() => String, { description: 'presupuestales, administrativos o sectoriales.' })
  category!: string;
  @Field(() => Float, { description: 'Ponderación de la categoría (art. 3), en porcentaje.' })
  weight!: number;
  @Field(() => Float, { description: 'Puntaje de la categoría, 0-100.' }) score!: number;
  @Field(() => [RiskItem], { description: 'Ítems considerados.' }) items!: RiskItem[];
}

@ObjectType({ description: 'Puntaje de riesgo bajo una metodología.' })
class RiskScoreType {
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
class CategoryDifferenceType {
  @Field(() => String, { description: 'Categoría.' }) category!: string;
  @Field(() => Float, { description: 'Aporte bajo la metodología vigente.' }) stored!: number;
  @Field(() => Float, { description: 'Aporte bajo la otra metodología.' }) recomputed!: number;
  @Field(() => Float, { description: 'recomputed - stored.' }) difference!: number;
}

@ObjectType({
  description: 'El mismo puntaje calculado con otra metodología, con las diferencias.',
})
class Recomputation {
  @Field(() => RiskScoreType, { description: 'Puntaje bajo la otra metodología.' })
  score!: RiskScoreType;
  @Field(() => [CategoryDifferenceType], { description: 'Diferencia por categoría.' })
  differences!: CategoryDifferenceType[];
}

@ObjectType({
  description: 'Monitoreo SGP-APSB de un municipio en una vigencia (Res. 449 de 2013, arts. 2-5).',
})
export class RiskAssessment {
  @Field(() => ID, { description: 'Código DANE.' }) daneCode!: string;
  @Field(() => Int, { description: 'Vigencia.' }) year!: number;
  @Field(() => String, { description: 'Norma de la metodología aplicada.' }) legalSource!: string;
  @Field(() => [String], {
    description: 'Componentes sectoriales seleccionados para la vigencia (vacío: todos).',
  })
  components!: string[];
  @Field(() => RiskScoreType, {
    description: 'Puntaje bajo la metodología vigente para la vigencia.',
  })
  score!: RiskScoreType;
  @Field(() => Recomputation, {
    nullable: true,
    description: 'Si se pidió `methodologyId`: el puntaje con esa metodología.',
  })
  recomputed!: Recomputation | null;
}

@InputType({ description: 'Valores del FUT para SGP-APSB en la vigencia, en pesos.' })
class BudgetReportInput implements BudgetReport {
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
  @Field(() => Float, { description: 'Subsidios comprometidos.' }) subsidiesCommitted!: number;
  @Field(() => Float, { description: 'Subsidios pagados.' }) subsidiesPaid!: number;
}

@ObjectType({ description: 'Resultado de una mutación de monitoreo.' })
class MonitoringPayload extends MutationReceipt {
  @Field(() => RiskAssessment, {
    nullable: true,
    description: 'El monitoreo de la vigencia después del cambio, si aplica.',
  })
  assessment!: RiskAssessment | null;
}

export function toAssessment(view: RiskView): RiskAssessment {
  return {
    daneCode: view.daneCode,
    year: view.year,
    legalSource: view.methodology.legalSource,
    components: view.components,
    score: view.score,
    recomputed: view.recomputed
      ? { score: view.recomputed.score, differences: view.recomputed.differences }
      : null,
  };
}

function requireMinistry(ctx: Context): NonNullable<Context['principal']> {
  if (!ctx.principal)
    throw unauthenticated('Inicie sesión: el monitoreo lo registra el Ministerio.');
  if (!mayWriteMonitoring(ctx.principal))
    throw forbidden(`Su rol ${ctx.principal.role} no registra insumos de monitoreo SGP-APSB.`);
  return ctx.principal;
}

/** The assessment of a vigencia; null for a well-formed DANE code that is not in the DIVIPOLA. */
async function assess(
  ctx: Context,
  daneCode: string,
  year: number,
  methodologyId: string | null,
  asOf?: AsOfInput | null,
  knownAt?: Date | null,
): Promise<RiskAssessment | null> {
  if (!DANE_CODE.test(daneCode))
    throw badInput('daneCode', 'el código DANE debe tener 5 dígitos (p. ej. "73001").');
  if (!ctx.services.territory.municipality(daneCode)) return null;
  const time =
    asOf || knownAt
      ? resolveBitemporal(asOf, knownAt)
      : { knownAt: ctx.services.now(), validUntil: null };
  return toAssessment(await riskOf(ctx.services.readStore, daneCode, year, time, methodologyId));
}

async function record(
  ctx: Context,
  stream: string,
  command: MonitoringCommand,
  assessmentOf: [string, number],
) {
  const principal = requireMinistry(ctx);
  const result = await execute(ctx, principal, monitoring, stream, command, {
    territory: ctx.services.territory,
  });
  return {
    ...receipt(result),
    assessment: await assess(ctx, assessmentOf[0], assessmentOf[1], null),
  };
}

const methodologyAggregate = {
  initialState: initialMethodologyState,
  evolve: evolveMethodology,
  decide: decideMethodology,
  isEvent: (fact: { type: string }): fact is MethodologyEvent =>
    fact.type === 'MethodologyDefined' || fact.type === 'ComponentsSelected',
};

async function recordMethodology(ctx: Context, stream: string, command: MethodologyCommand) {
  const principal = requireMinistry(ctx);
  const result = await execute(ctx, principal, methodologyAggregate, stream, command, undefined);
  return { ...receipt(result), assessment: null };
}

@Resolver()
export class MonitoringResolver {
  @Query(() => RiskAssessment, {
    nullable: true,
    description:
      'Monitoreo SGP-APSB de una vigencia: puntaje por ítem y categoría, nivel de riesgo y priorización; hoy o "as of" un semestre; opcionalmente recalculado con otra metodología. Nulo si el código DANE no existe.',
  })
  riskAssessment(
    @Arg('daneCode', () => ID) daneCode: string,
    @Arg('year', () => Int, { description: 'Vigencia.' }) year: number,
    @Arg('asOf', () => AsOfInput, { nullable: true }) asOf: AsOfInput | null,
    @Arg('knownAt', () => GraphQLDateTime, { nullable: true, description: 'Tiempo de registro.' })
    knownAt: Date | null,
    @Arg('methodologyId', () => ID, {
      nullable: true,
      description: 'Otra metodología para comparar.',
    })
    methodologyId: string | null,
    @Ctx() ctx: Context,
  ): Promise<RiskAssessment | null> {
    return assess(ctx, daneCode, year, methodologyId, asOf, knownAt);
  }

  @Mutation(() => MonitoringPayload, {
    description: 'Registra los valores del FUT de una vigencia (MINISTRY).',
  })
  recordBudgetReport(
    @Arg('daneCode', () => ID) daneCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('report', () => BudgetReportInput) report: BudgetReportInput,
    @Arg('source', () => String, { description: 'Fuente, p. ej. "FUT 2025".' }) source: string,
    @Arg('reason', () => String, { nullable: true, description: 'Obligatoria al corregir.' })
    reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return record(
      ctx,
      monitoringStreamId(daneCode, year),
      {
        type: 'RecordBudgetReport',
        daneCode,
        year,
        report: { ...report },
        source,
        ...(reason ? { reason } : {}),
      },
      [daneCode, year],
    );
  }

  @Mutation(() => MonitoringPayload, {
    description: 'Registra si se hizo un reporte administrativo en el SUI (MINISTRY).',
  })
  recordAdministrativeReport(
    @Arg('daneCode', () => ID) daneCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('report', () => String, {
      description:
        'SUI_CONTRATO_SUBSIDIOS, SUI_ACUERDO_SUBSIDIOS, SUI_ESTRATIFICACION o SUI_FONDO_SOLIDARIDAD.',
    })
    report: string,
    @Arg('filed', () => Boolean) filed: boolean,
    @Arg('filedOn', () => String, { nullable: true, description: 'Fecha del reporte, AAAA-MM-DD.' })
    filedOn: string | null,
    @Arg('source', () => String) source: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    return record(
      ctx,
      monitoringStreamId(daneCode, year),
      {
        type: 'RecordAdministrativeReport',
        daneCode,
        year,
        report,
        filed,
        ...(filedOn ? { filedOn } : {}),
        source,
        ...(reason ? { reason } : {}),
      },
      [daneCode, year],
    );
  }

  @Mutation(() => MonitoringPayload, {
    description: 'Registra un indicador estratégico que prioriza al municipio (MINISTRY).',
  })
  raiseStrategicFlag(
    @Arg('daneCode', () => ID) daneCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('flag', () => String) flag: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return record(
      ctx,
      monitoringStreamId(daneCode, year),
      { type: 'RaiseStrategicFlag', daneCode, year, flag, reason },
      [daneCode, year],
    );
  }

  @Mutation(() => MonitoringPayload, {
    description: 'Registra una metodología nueva (una resolución posterior) (MINISTRY).',
  })
  defineMethodology(
    @Arg('methodology', () => GraphQLJSONObject, {
      description: 'La metodología completa, como `RES_449_2013` en el código.',
    })
    methodology: Record<string, unknown>,
    @Arg('legalBasis', () => String) legalBasis: string,
    @Ctx() ctx: Context,
  ) {
    const id = typeof methodology.id === 'string' ? methodology.id : '';
    const command: MethodologyCommand = {
      type: 'DefineMethodology',
      methodology: methodology as unknown as Methodology,
      legalBasis,
    };
    return recordMethodology(ctx, methodologyStreamId(id || 'sin-id'), command);
  }

  @Mutation(() => MonitoringPayload, {
    description:
      'Selecciona los componentes sectoriales que se monitorean en una vigencia (MINISTRY).',
  })
  selectComponents(
    @Arg('year', () => Int) year: number,
    @Arg('components', () => [String]) components: string[],
    @Arg('legalBasis', () => String) legalBasis: string,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    const command: MethodologyCommand = {
      type: 'SelectComponents',
      year,
      components,
      legalBasis,
      ...(reason ? { reason } : {}),
    };
    return recordMethodology(ctx, componentsStreamId(year), command);
  }
}
