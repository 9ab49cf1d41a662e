/**
 * Mutations: one per command of the sector plan. Each checks who may write, runs the command
 * through the decider with the caller's expected revision and the actor from the token, waits for
 * the read models to include the new events, and returns the updated plan with the event ids.
 */
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
  Resolver,
} from 'type-graphql';
import { execute, receipt } from '../commands';
import { MutationReceipt } from '../types/mutation-receipt';
import { mayWritePlan } from '../../domain/access';
import type { FundingTable } from '../../domain/catalogue/funding';
import { sectorPlan } from '../../domain/plan/aggregate';
import { citingTheAct, type PlanCommand } from '../../domain/plan/commands';
import {
  goalIdOf,
  planStreamId,
  type AdoptionActKind,
  type Executor,
  type ProjectKind,
} from '../../domain/plan/events';
import type { MunicipalManagementChecklist } from '../../domain/rules/municipal-management';
import { DANE_CODE } from '../../domain/territory';
import { forgetReads, type Context } from '../context';
import { apiError, badInput, forbidden, notFound, unauthenticated } from '../errors';
import { PeriodInput } from '../types/common';
import { GoalType, PlanType } from '../types/plan';
import type { GoalParent, PlanParent } from '../views';
import { loadGoal, loadPlan } from './read';
import { checkCitation } from '../citations';
import { GraphQLJSONObject } from 'graphql-scalars';

@ObjectType({ description: 'Resultado de una mutación sobre un plan sectorial.' })
class PlanMutationPayload extends MutationReceipt {
  @Field(() => PlanType, {
    nullable: true,
    description:
      'El plan después del cambio; nulo si los modelos de lectura aún no lo tienen (`readModelsCurrent` falso).',
  })
  plan!: PlanParent | null;

  @Field(() => GoalType, {
    nullable: true,
    description: 'La meta afectada, cuando el cambio es sobre un indicador con meta.',
  })
  goal!: GoalParent | null;
}

@InputType({
  description: 'Plan al que se dirige una mutación, con la revisión leída y la justificación.',
})
abstract class PlanTarget {
  @Field(() => ID, { description: 'Código DANE del municipio.' })
  daneCode!: string;

  @Field(() => Int, { description: 'Primer año del cuatrienio, p. ej. 2024.' })
  firstYear!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada.',
  })
  expectedRevision?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Justificación del cambio (obligatoria en correcciones y modificaciones).',
  })
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Acto administrativo, p. ej. "Acuerdo 012 de 2024".',
  })
  legalBasis?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'Recomendación definitiva del CTP que este cambio atiende, p. ej. "ctpreview-73001-2024-2025-1/R2": queda vinculada.',
  })
  answersRecommendation?: string | null;
}

@InputType({ description: 'Abrir el plan sectorial de un municipio para un cuatrienio.' })
class OpenPlanInput extends PlanTarget {}

@InputType({
  description:
    'Registrar el acto que adoptó el plan de desarrollo del que hace parte el plan sectorial: desde entonces, cambiar una meta es una modificación con justificación y acto administrativo.',
})
class AdoptPlanInput extends PlanTarget {
  @Field(() => String, { description: 'ACUERDO (del concejo municipal) o DECRETO (del alcalde).' })
  act!: string;
  @Field(() => String, { description: 'Número del acto, p. ej. "012".' }) number!: string;
  @Field(() => String, { description: 'Fecha del acto, AAAA-MM-DD.' }) date!: string;
}

@InputType({ description: 'Fijar o corregir la línea base de un indicador.' })
class SetBaselineInput extends PlanTarget {
  @Field(() => String, { description: 'Código del indicador.' }) indicator!: string;
  @Field(() => Float, { description: 'Valor en la unidad del indicador.' }) value!: number;
  @Field(() => PeriodInput, { description: 'Año (y mes) de la medición.' })
  measuredAt!: PeriodInput;
  @Field(() => String, { description: 'Fuente, como en la ficha técnica.' }) source!: string;
}

@InputType({
  description: 'Fijar la meta de un indicador: cambio comprometido en cada año y total.',
})
class SetGoalInput extends PlanTarget {
  @Field(() => String, { description: 'Código del indicador.' }) indicator!: string;
  @Field(() => [Float], { description: 'Metas de Año 1 a Año 4.' }) targets!: number[];
  @Field(() => Float, { description: 'Meta total: la suma de las cuatro.' }) total!: number;
}

@InputType({ description: 'Modificar una meta ya fijada; exige `reason` y `legalBasis`.' })
class AmendGoalInput extends SetGoalInput {}

@InputType({ description: 'Registrar una necesidad en el banco de necesidades (Tabla 3).' })
class RegisterNeedInput extends PlanTarget {
  @Field(() => ID, { description: 'Id de la necesidad.' }) needId!: string;
  @Field(() => String, { description: 'Necesidad identificada.' }) need!: string;
  @Field(() => String, { description: 'Nombre de la inversión que la atiende.' })
  investmentName!: string;
  @Field(() => Float, { description: 'Valor estimado en pesos.' }) estimatedValue!: number;
}

@InputType({ description: 'Registrar un proyecto propio (Tabla 8) o de terceros (Tabla 9).' })
class RegisterProjectInput extends PlanTarget {
  @Field(() => ID, { description: 'Id del proyecto, único en el plan.' }) projectId!: string;
  @Field(() => String, { description: '"propio" o "tercero".' }) kind!: string;
  @Field(() => String, { description: 'Nombre de la inversión.' }) name!: string;
  @Field(() => ID, { nullable: true, description: 'Necesidad que atiende.' }) needId?:
    string | null;
  @Field(() => [Float], { description: 'Inversión planeada de Año 1 a Año 4, en pesos.' })
  valueByYear!: number[];
  @Field(() => String, {
    nullable: true,
    description: 'Fecha de finalización AAAA-MM-DD (terceros).',
  })
  endDate?: string | null;
  @Field(() => [String], { nullable: true, description: 'Fuentes de recursos (terceros).' })
  fundingSources?: string[] | null;
  @Field(() => String, { nullable: true, description: 'PDA, CAR, NACION u OTRO (terceros).' })
  executor?: string | null;
  @Field(() => String, { nullable: true, description: 'Responsable cuando es OTRO.' })
  executorDetail?: string | null;
}

@InputType({
  description: 'Vincular, cambiar o retirar la contribución de un proyecto a un indicador.',
})
class ContributionInput extends PlanTarget {
  @Field(() => ID, { description: 'Id del proyecto.' }) projectId!: string;
  @Field(() => String, { description: 'Código del indicador.' }) indicator!: string;
  @Field(() => Float, {
    nullable: true,
    description: 'Aporte en la unidad del indicador (no aplica al retirar).',
  })
  amount?: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Unidad del aporte: debe ser la del indicador.',
  })
  unit?: string | null;
}

@InputType({
  description:
    'Fijar una fila de fuentes (Tabla 4), usos (Tabla 5) o recursos de gestión (Tabla 6).',
})
class SetFundingRowInput extends PlanTarget {
  @Field(() => String, { description: 'fuentes, usos o gestion.' }) table!: string;
  @Field(() => String, { description: 'Código de la fila, p. ej. "SGP_APSB".' }) row!: string;
  @Field(() => String, { nullable: true, description: 'Detalle: entidad acreedora, prestador...' })
  detail?: string | null;
  @Field(() => [Float], { description: 'Valores de Año 1 a Año 4, en pesos.' }) amounts!: number[];
}

@InputType({ description: 'Reportar el valor medido de un indicador para un periodo.' })
class ReportProgressInput extends PlanTarget {
  @Field(() => String, { description: 'Código del indicador.' }) indicator!: string;
  @Field(() => PeriodInput, { description: 'Periodo (año, y mes si la ficha es mensual).' })
  period!: PeriodInput;
  @Field(() => Float, {
    nullable: true,
    description: 'Valor medido (para GES-MUN puede omitirse si se da `checklist`).',
  })
  value?: number | null;
  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description: 'GES-MUN: los seis requisitos de la ficha 4.2.10 (booleanos).',
  })
  checklist?: Record<string, boolean> | null;
  @Field(() => String, { description: 'Fuente.' }) source!: string;
}

const opt = <T>(value: T | null | undefined): T | undefined => (value === null ? undefined : value);
const just = (input: PlanTarget) => ({
  reason: opt(input.reason),
  legalBasis: opt(input.legalBasis),
});
const period = (p: PeriodInput) => ({
  year: p.year,
  ...(p.month === null || p.month === undefined ? {} : { month: p.month }),
});

const contribution = (
  type: 'AttachContribution' | 'ChangeContribution',
  input: ContributionInput,
): PlanCommand => ({
  type,
  projectId: input.projectId,
  indicator: input.indicator,
  amount: input.amount as number,
  unit: input.unit ?? '',
  ...just(input),
});

async function run(
  ctx: Context,
  input: PlanTarget,
  command: PlanCommand,
): Promise<PlanMutationPayload> {
  if (!DANE_CODE.test(input.daneCode))
    throw badInput('daneCode', 'el código DANE debe tener 5 dígitos.');
  const municipality = ctx.services.territory.municipality(input.daneCode);
  if (!municipality)
    throw notFound(
      `daneCode: el código DANE ${input.daneCode} no existe en la DIVIPOLA.`,
      'daneCode',
    );
  if (!ctx.principal)
    throw unauthenticated('Inicie sesión: escribir en un plan requiere un token.');
  if (
    !mayWritePlan(ctx.principal, command.type, {
      daneCode: input.daneCode,
      departmentCode: municipality.departmentCode,
    })
  ) {
    throw forbidden(
      `Su rol ${ctx.principal.role} (${ctx.principal.entity}) no puede ejecutar ${command.type} en el plan de ${municipality.name}.`,
    );
  }
  const expected = input.expectedRevision;
  if (
    expected !== null &&
    expected !== undefined &&
    (!Number.isInteger(expected) || expected < -1)
  ) {
    throw badInput(
      'expectedRevision',
      'debe ser un entero ≥ 0 (o -1 para un plan que aún no existe).',
    );
  }
  const citation = await checkCitation(
    ctx,
    input.answersRecommendation,
    (dane) => dane === input.daneCode,
  );
  const stream = planStreamId(input.daneCode, input.firstYear);
  const result = await execute(
    ctx,
    ctx.principal,
    sectorPlan,
    stream,
    command,
    { territory: ctx.services.territory },
    expected === null || expected === undefined
      ? undefined
      : expected === -1
        ? 'no_stream'
        : expected,
    citation,
  );
  forgetReads(ctx.loaders);
  const plan = await loadPlan(ctx, stream, null);
  if (!plan && result.readModelsCurrent)
    throw apiError('INTERNAL_SERVER_ERROR', 'El plan no está en los modelos de lectura.');
  const indicator = 'indicator' in command ? command.indicator : null;
  const goal = indicator
    ? await loadGoal(ctx, goalIdOf(input.daneCode, input.firstYear, indicator), null)
    : null;
  return { plan, goal, ...receipt(result) };
}

@Resolver()
export class MutationResolver {
  @Mutation(() => PlanMutationPayload, {
    description: 'Abre el plan sectorial de un municipio para un cuatrienio (PLANNER, ADMIN).',
  })
  openPlan(@Arg('input', () => OpenPlanInput) input: OpenPlanInput, @Ctx() ctx: Context) {
    return run(ctx, input, {
      type: 'OpenPlan',
      daneCode: input.daneCode,
      firstYear: input.firstYear,
      ...just(input),
    });
  }

  @Mutation(() => PlanMutationPayload, {
    description:
      'Registra el acto (acuerdo o decreto) que adoptó el plan (PLANNER, PDA, ADMIN); su cita queda como fundamento legal del evento. Antes, el plan es borrador.',
  })
  adoptPlan(@Arg('input', () => AdoptPlanInput) input: AdoptPlanInput, @Ctx() ctx: Context) {
    return run(
      ctx,
      input,
      citingTheAct({
        type: 'AdoptPlan',
        act: input.act as AdoptionActKind,
        number: input.number,
        date: input.date,
        ...just(input),
      }),
    );
  }

  @Mutation(() => PlanMutationPayload, {
    description:
      'Fija o corrige la línea base de un indicador (en borrador, libremente; en el plan adoptado, con `reason`).',
  })
  setBaseline(@Arg('input', () => SetBaselineInput) input: SetBaselineInput, @Ctx() ctx: Context) {
    const { indicator, value, source } = input;
    return run(ctx, input, {
      type: 'SetBaseline',
      indicator,
      value,
      source,
      measuredAt: period(input.measuredAt),
      ...just(input),
    });
  }

  @Mutation(() => PlanMutationPayload, {
    description:
      'Fija la meta de un indicador (metas de Año 1 a 4 y total). En borrador también la revisa; en el plan adoptado, una meta nueva exige `reason` y `legalBasis`, y cambiar una existente es `amendGoal`.',
  })
  setGoal(@Arg('input', () => SetGoalInput) input: SetGoalInput, @Ctx() ctx: Context) {
    const { indicator, targets, total } = input;
    return run(ctx, input, { type: 'SetGoal', indicator, targets, total, ...just(input) });
  }

  @Mutation(() => PlanMutationPayload, {
    description:
      'Modifica una meta del plan adoptado; exige justificación y acto administrativo (en borrador, use `setGoal`).',
  })
  amendGoal(@Arg('input', () => AmendGoalInput) input: AmendGoalInput, @Ctx() ctx: Context) {
    const { indicator, targets, total } = input;
    return run(ctx, input, { type: 'AmendGoal', indicator, targets, total, ...just(input) });
  }

  @Mutation(() => PlanMutationPayload, {
    description: 'Registra una necesidad (Tabla 3) (PLANNER, PDA).',
  })
  registerNeed(
    @Arg('input', () => RegisterNeedInput) input: RegisterNeedInput,
    @Ctx() ctx: Context,
  ) {
    const { needId, need, investmentName, estimatedValue } = input;
    return run(ctx, input, {
      type: 'RegisterNeed',
      needId,
      need,
      investmentName,
      estimatedValue,
      ...just(input),
    });
  }

  @Mutation(() => PlanMutationPayload, {
    description: 'Registra un proyecto propio (Tabla 8) o de terceros (Tabla 9) (PLANNER, PDA).',
  })
  registerProject(
    @Arg('input', () => RegisterProjectInput) input: RegisterProjectInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'RegisterProject',
      projectId: input.projectId,
      kind: input.kind as ProjectKind,
      name: input.name,
      needId: opt(input.needId),
      valueByYear: input.valueByYear,
      endDate: opt(input.endDate),
      fundingSources: opt(input.fundingSources),
      executor: opt(input.executor) as Executor | undefined,
      executorDetail: opt(input.executorDetail),
      ...just(input),
    });
  }

  @Mutation(() => PlanMutationPayload, {
    description: 'Vincula la contribución de un proyecto a un indicador.',
  })
  attachContribution(
    @Arg('input', () => ContributionInput) input: ContributionInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, contribution('AttachContribution', input));
  }

  @Mutation(() => PlanMutationPayload, {
    description: 'Cambia la contribución de un proyecto a un indicador.',
  })
  changeContribution(
    @Arg('input', () => ContributionInput) input: ContributionInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, contribution('ChangeContribution', input));
  }

  @Mutation(() => PlanMutationPayload, {
    description: 'Retira la contribución de un proyecto a un indicador; exige `reason`.',
  })
  detachContribution(
    @Arg('input', () => ContributionInput) input: ContributionInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'DetachContribution',
      projectId: input.projectId,
      indicator: input.indicator,
      ...just(input),
    });
  }

  @Mutation(() => PlanMutationPayload, {
    description: 'Fija una fila de fuentes, usos o recursos de gestión por año.',
  })
  setFundingRow(
    @Arg('input', () => SetFundingRowInput) input: SetFundingRowInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'SetFundingRow',
      table: input.table as FundingTable,
      row: input.row,
      detail: opt(input.detail),
      amounts: input.amounts,
      ...just(input),
    });
  }

  @Mutation(() => PlanMutationPayload, {
    description: 'Reporta el avance (valor medido) de un indicador para un periodo.',
  })
  reportProgress(
    @Arg('input', () => ReportProgressInput) input: ReportProgressInput,
    @Ctx() ctx: Context,
  ) {
    return run(ctx, input, {
      type: 'ReportProgress',
      indicator: input.indicator,
      period: period(input.period),
      value: opt(input.value),
      checklist: opt(input.checklist) as MunicipalManagementChecklist | undefined,
      source: input.source,
      ...just(input),
    });
  }
}
