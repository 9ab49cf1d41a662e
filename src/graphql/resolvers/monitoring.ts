/**
 * SGP-APSB monitoring over GraphQL: the assessment of a vigencia in full detail (now or as of an
 * instant, under the methodology that applies or recomputed under another), and the MINISTRY's
 * inputs. Every mutation takes one `input:`; the argument forms they had before stay, deprecated,
 * until the date their deprecation names.
 */
import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { execute, receipt } from '../commands';
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
import { DANE_CODE } from '../../domain/territory';
import { resolveBitemporal } from '../../queries/as-of';
import { riskOf } from '../../queries/risk';
import type { Context } from '../context';
import { badInput, forbidden, unauthenticated } from '../errors';
import { assessmentView } from '../monitoring-views';
import { AsOfInput } from '../types/common';
import {
  BudgetReportInput,
  DefineMethodologyInput,
  MonitoringPayload,
  RecordAdministrativeReportInput,
  RecordBudgetReportInput,
  RecordDirectProviderStatusInput,
  RiskAssessment,
  SelectComponentsInput,
  StrategicFlagInput,
} from '../types/monitoring';

/** When the argument forms that predate `input:` go away (issue 18: nothing without notice). */
export const LEGACY_ARGUMENTS_REMOVAL = '2027-06-30';
/** A deprecated argument: optional, described, with the date it goes away. */
const legacy = (description: string) =>
  ({
    nullable: true,
    description: `${description} (forma anterior a \`input\`).`,
    deprecationReason: `Use \`input\`. Este argumento se retirará el ${LEGACY_ARGUMENTS_REMOVAL}.`,
  }) as const;

/**
 * The input, or the deprecated arguments it replaces: exactly one of the two forms.
 * `legacy` holds the old arguments as received (null when absent).
 */
function oneForm<T>(input: T | null, legacy: Record<string, unknown>, fromLegacy: () => T): T {
  const given = Object.entries(legacy).filter(([, value]) => value !== null && value !== undefined);
  if (input && given.length > 0) {
    throw badInput(
      'input',
      `use \`input\` o los argumentos anteriores (${given.map(([k]) => k).join(', ')}), no ambos.`,
    );
  }
  if (input) return input;
  if (given.length === 0) throw badInput('input', 'es obligatorio.');
  return fromLegacy();
}

/** A deprecated argument the old form required. */
function required<T>(value: T | null | undefined, field: string): T {
  if (value === null || value === undefined) throw badInput(field, 'es obligatorio.');
  return value;
}

const optional = <T>(value: T | null | undefined): T | undefined =>
  value === null ? undefined : value;

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
  const instant = asOf || knownAt ? resolveBitemporal(asOf, knownAt).knownAt : ctx.services.now();
  return assessmentView(
    await riskOf(ctx.services.readStore, daneCode, year, instant, methodologyId),
  );
}

async function record(ctx: Context, command: MonitoringCommand) {
  const principal = requireMinistry(ctx);
  const { daneCode, year } = command;
  const result = await execute(
    ctx,
    principal,
    monitoring,
    monitoringStreamId(daneCode, year),
    command,
    { territory: ctx.services.territory },
  );
  return {
    ...receipt(result),
    assessment: await assess(ctx, daneCode, year, null),
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
      'Monitoreo SGP-APSB de una vigencia: puntaje por ítem y categoría, nivel de riesgo y priorización, con la metodología aplicada y si rige; hoy o según lo registrado al final de un semestre (`asOf`) o en un instante (`knownAt`); opcionalmente recalculado con otra metodología. Nulo si el código DANE no existe.',
  })
  riskAssessment(
    @Arg('daneCode', () => ID) daneCode: string,
    @Arg('year', () => Int, { description: 'Vigencia.' }) year: number,
    @Arg('asOf', () => AsOfInput, {
      nullable: true,
      description:
        'Lo registrado hasta el fin de este semestre (o instante); las cifras del plan son las de periodos de la vigencia.',
    })
    asOf: AsOfInput | null,
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
    @Arg('input', () => RecordBudgetReportInput, { nullable: true })
    input: RecordBudgetReportInput | null,
    @Arg('daneCode', () => ID, legacy('Código DANE')) daneCode: string | null,
    @Arg('year', () => Int, legacy('Vigencia')) year: number | null,
    @Arg('report', () => BudgetReportInput, legacy('Valores del FUT'))
    report: BudgetReportInput | null,
    @Arg('source', () => String, legacy('Fuente')) source: string | null,
    @Arg('reason', () => String, legacy('Justificación')) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    const value = oneForm(input, { daneCode, year, report, source, reason }, () => ({
      daneCode: required(daneCode, 'daneCode'),
      year: required(year, 'year'),
      report: required(report, 'report'),
      source: required(source, 'source'),
      reason,
    }));
    return record(ctx, {
      type: 'RecordBudgetReport',
      daneCode: value.daneCode,
      year: value.year,
      report: { ...value.report },
      source: value.source,
      reason: optional(value.reason),
    });
  }

  @Mutation(() => MonitoringPayload, {
    description: 'Registra si se hizo un reporte administrativo en el SUI (MINISTRY).',
  })
  recordAdministrativeReport(
    @Arg('input', () => RecordAdministrativeReportInput, { nullable: true })
    input: RecordAdministrativeReportInput | null,
    @Arg('daneCode', () => ID, legacy('Código DANE')) daneCode: string | null,
    @Arg('year', () => Int, legacy('Vigencia')) year: number | null,
    @Arg('report', () => String, legacy('Código del reporte del SUI')) report: string | null,
    @Arg('filed', () => Boolean, legacy('Si el reporte se hizo')) filed: boolean | null,
    @Arg('filedOn', () => String, legacy('Fecha del reporte, AAAA-MM-DD')) filedOn: string | null,
    @Arg('source', () => String, legacy('Fuente')) source: string | null,
    @Arg('reason', () => String, legacy('Justificación')) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    const value = oneForm(
      input,
      { daneCode, year, report, filed, filedOn, source, reason },
      () => ({
        daneCode: required(daneCode, 'daneCode'),
        year: required(year, 'year'),
        report: required(report, 'report'),
        filed: required(filed, 'filed'),
        filedOn,
        source: required(source, 'source'),
        reason,
      }),
    );
    return record(ctx, {
      type: 'RecordAdministrativeReport',
      daneCode: value.daneCode,
      year: value.year,
      report: value.report,
      filed: value.filed,
      filedOn: optional(value.filedOn),
      source: value.source,
      reason: optional(value.reason),
    });
  }

  @Mutation(() => MonitoringPayload, {
    description:
      'Registra si el municipio es prestador directo y si fue descertificado (MINISTRY): un prestador directo no descertificado está exento del reporte a) del art. 2.1.2.',
  })
  recordDirectProviderStatus(
    @Arg('input', () => RecordDirectProviderStatusInput) input: RecordDirectProviderStatusInput,
    @Ctx() ctx: Context,
  ) {
    return record(ctx, {
      type: 'RecordDirectProviderStatus',
      daneCode: input.daneCode,
      year: input.year,
      directProvider: input.directProvider,
      decertified: input.decertified,
      source: input.source,
      reason: optional(input.reason),
    });
  }

  @Mutation(() => MonitoringPayload, {
    description: 'Registra un indicador estratégico que prioriza al municipio (MINISTRY).',
  })
  raiseStrategicFlag(
    @Arg('input', () => StrategicFlagInput, { nullable: true }) input: StrategicFlagInput | null,
    @Arg('daneCode', () => ID, legacy('Código DANE')) daneCode: string | null,
    @Arg('year', () => Int, legacy('Vigencia')) year: number | null,
    @Arg('flag', () => String, legacy('Indicador estratégico')) flag: string | null,
    @Arg('reason', () => String, legacy('Justificación')) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    const value = oneForm(input, { daneCode, year, flag, reason }, () => ({
      daneCode: required(daneCode, 'daneCode'),
      year: required(year, 'year'),
      flag: required(flag, 'flag'),
      reason,
    }));
    return record(ctx, {
      type: 'RaiseStrategicFlag',
      daneCode: value.daneCode,
      year: value.year,
      flag: value.flag,
      reason: optional(value.reason),
    });
  }

  @Mutation(() => MonitoringPayload, {
    description: 'Retira un indicador estratégico registrado; exige `reason` (MINISTRY).',
  })
  withdrawStrategicFlag(
    @Arg('input', () => StrategicFlagInput) input: StrategicFlagInput,
    @Ctx() ctx: Context,
  ) {
    return record(ctx, {
      type: 'WithdrawStrategicFlag',
      daneCode: input.daneCode,
      year: input.year,
      flag: input.flag,
      reason: optional(input.reason),
    });
  }

  @Mutation(() => MonitoringPayload, {
    description: 'Registra una metodología nueva (una resolución posterior) (MINISTRY).',
  })
  defineMethodology(
    @Arg('input', () => DefineMethodologyInput, { nullable: true })
    input: DefineMethodologyInput | null,
    @Arg('methodology', () => GraphQLJSONObject, legacy('La metodología completa'))
    methodology: Record<string, unknown> | null,
    @Arg('legalBasis', () => String, legacy('Acto administrativo')) legalBasis: string | null,
    @Ctx() ctx: Context,
  ) {
    const value = oneForm(input, { methodology, legalBasis }, () => ({
      methodology: required(methodology, 'methodology'),
      legalBasis: required(legalBasis, 'legalBasis'),
    }));
    const id = typeof value.methodology.id === 'string' ? value.methodology.id : '';
    return recordMethodology(ctx, methodologyStreamId(id || 'sin-id'), {
      type: 'DefineMethodology',
      methodology: value.methodology as unknown as Methodology,
      legalBasis: value.legalBasis,
    });
  }

  @Mutation(() => MonitoringPayload, {
    description:
      'Selecciona los componentes sectoriales que se monitorean en una vigencia (MINISTRY).',
  })
  selectComponents(
    @Arg('input', () => SelectComponentsInput, { nullable: true })
    input: SelectComponentsInput | null,
    @Arg('year', () => Int, legacy('Vigencia')) year: number | null,
    @Arg('components', () => [String], legacy('Componentes sectoriales'))
    components: string[] | null,
    @Arg('legalBasis', () => String, legacy('Acto administrativo')) legalBasis: string | null,
    @Arg('reason', () => String, legacy('Justificación')) reason: string | null,
    @Ctx() ctx: Context,
  ) {
    const value = oneForm(input, { year, components, legalBasis, reason }, () => ({
      year: required(year, 'year'),
      components: required(components, 'components'),
      legalBasis: required(legalBasis, 'legalBasis'),
      reason,
    }));
    return recordMethodology(ctx, componentsStreamId(value.year), {
      type: 'SelectComponents',
      year: value.year,
      components: value.components,
      legalBasis: value.legalBasis,
      reason: optional(value.reason),
    });
  }
}
