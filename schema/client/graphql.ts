/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A date-time string at UTC, such as 2007-12-03T10:15:30Z, compliant with the `date-time` format outlined in section 5.6 of the RFC 3339 profile of the ISO 8601 standard for representation of dates and times using the Gregorian calendar. */
  DateTime: { input: string; output: string; }
  /** The `JSON` scalar type represents JSON values as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSON: { input: unknown; output: unknown; }
  /** The `JSONObject` scalar type represents JSON objects as specified by [ECMA-404](http://www.ecma-international.org/publications/files/ECMA-ST/ECMA-404.pdf). */
  JSONObject: { input: Record<string, unknown>; output: Record<string, unknown>; }
};

/** Reprogramar, cancelar o registrar la ejecución de una actividad. */
export type ActivityChangeInput = {
  /** Id de la actividad. */
  activityId: Scalars['ID']['input'];
  /** Costo real en pesos. */
  actualCost?: InputMaybe<Scalars['Float']['input']>;
  /** Fecha de ejecución AAAA-MM-DD. */
  date?: InputMaybe<Scalars['String']['input']>;
  /** Referencia a la evidencia. */
  evidence?: InputMaybe<Scalars['String']['input']>;
  /** Revisión leída; si cambió, CONFLICT. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio. */
  firstYear: Scalars['Int']['input'];
  /** Conteos por grupo: { age, sex, ethnicGroup, condition }. */
  participants?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Lugar (sin datos personales). */
  place?: InputMaybe<Scalars['String']['input']>;
  /** Nuevo semestre (reprogramar). */
  plannedSemester?: InputMaybe<Scalars['String']['input']>;
  /** Producto entregado. */
  product?: InputMaybe<Scalars['String']['input']>;
  /** Justificación (obligatoria al reprogramar, cancelar o corregir). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Categorías de derechos. */
  rightsCategories?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Alcance: código de departamento (PDA) o de municipio. */
  scope: Scalars['ID']['input'];
};

/** Agregar un programa a una línea. */
export type AddProgrammeInput = {
  /** Revisión leída; si cambió, CONFLICT. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio. */
  firstYear: Scalars['Int']['input'];
  /** Metas e indicadores. */
  goals: Array<ProgrammeGoalInput>;
  /** Línea. */
  line: Scalars['String']['input'];
  /** Nombre. */
  name: Scalars['String']['input'];
  /** Objetivos. */
  objectives: Array<Scalars['String']['input']>;
  /** Id del programa. */
  programmeId: Scalars['ID']['input'];
  /** Justificación (obligatoria al reprogramar, cancelar o corregir). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Alcance: código de departamento (PDA) o de municipio. */
  scope: Scalars['ID']['input'];
};

/** Modificar una meta ya fijada; exige `reason` y `legalBasis`. */
export type AmendGoalInput = {
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Código del indicador. */
  indicator: Scalars['String']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Metas de Año 1 a Año 4. */
  targets: Array<Scalars['Float']['input']>;
  /** Meta total: la suma de las cuatro. */
  total: Scalars['Float']['input'];
};

/** Punto de la consulta en el tiempo válido: exactamente uno de `semester` ("2025-1": al 30 de junio de 2025, 23:59:59.999 hora de Bogotá) o `at` (un instante). */
export type AsOfInput = {
  /** Instante (ISO 8601). */
  at?: InputMaybe<Scalars['DateTime']['input']>;
  /** Semestre "AAAA-1" o "AAAA-2". */
  semester?: InputMaybe<Scalars['String']['input']>;
};

/** Tipo de entidad de un plan. */
export type AuditEntityType =
  | 'activity'
  | 'baseline'
  | 'contribution'
  | 'funding'
  | 'goal'
  | 'header'
  | 'need'
  | 'programme'
  | 'progress'
  | 'project'
  | 'socialplan';

/** Filtro de la bitácora de auditoría; los criterios se combinan con Y. */
export type AuditFilter = {
  /** Id del actor (solo para quien puede ver identidades). */
  actorId?: InputMaybe<Scalars['ID']['input']>;
  /** Municipio (código DANE). */
  daneCode?: InputMaybe<Scalars['ID']['input']>;
  /** Entidad exacta, p. ej. "plan-73001-2024/goal/ACU-COB-URB". */
  entityId?: InputMaybe<Scalars['ID']['input']>;
  /** Tipo de entidad. */
  entityType?: InputMaybe<AuditEntityType>;
  /** Tipos de evento, p. ej. ["GoalAmended"]. */
  eventTypes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** Registrados desde este instante (inclusive). */
  from?: InputMaybe<Scalars['DateTime']['input']>;
  /** Meta: cambios de su línea base, metas, contribuciones y avances. */
  goalId?: InputMaybe<Scalars['ID']['input']>;
  /** Plan sectorial, p. ej. "plan-73001-2024". */
  planId?: InputMaybe<Scalars['ID']['input']>;
  /** Registrados hasta este instante (inclusive). */
  to?: InputMaybe<Scalars['DateTime']['input']>;
};

/** Valores del FUT para SGP-APSB en la vigencia, en pesos. */
export type BudgetReportInput = {
  /** Asignado en los documentos Conpes. */
  assignedConpes: Scalars['Float']['input'];
  /** Recursos disponibles SGP-APSB. */
  availableResources: Scalars['Float']['input'];
  /** Recaudo efectivo reportado. */
  collected: Scalars['Float']['input'];
  /** Compromisos con recursos SGP-APSB. */
  commitments: Scalars['Float']['input'];
  /** Presupuesto definitivo de gastos. */
  finalExpenditure: Scalars['Float']['input'];
  /** Presupuesto definitivo de ingresos. */
  finalRevenue: Scalars['Float']['input'];
  /** Incorporado al presupuesto. */
  incorporated: Scalars['Float']['input'];
  /** Gasto en actividades no previstas en los arts. 10-11 de la Ley 1176 de 2007. */
  ineligibleSpending: Scalars['Float']['input'];
  /** Subsidios comprometidos. */
  subsidiesCommitted: Scalars['Float']['input'];
  /** Subsidios pagados. */
  subsidiesPaid: Scalars['Float']['input'];
  /** Girado en la vigencia. */
  transferred: Scalars['Float']['input'];
  /** Asignado sin situación de fondos. */
  withoutFundsAssigned: Scalars['Float']['input'];
  /** Sin situación de fondos reportado. */
  withoutFundsReported: Scalars['Float']['input'];
};

/** Vincular, cambiar o retirar la contribución de un proyecto a un indicador. */
export type ContributionInput = {
  /** Aporte en la unidad del indicador (no aplica al retirar). */
  amount?: InputMaybe<Scalars['Float']['input']>;
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Código del indicador. */
  indicator: Scalars['String']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Id del proyecto. */
  projectId: Scalars['ID']['input'];
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Unidad del aporte: debe ser la del indicador. */
  unit?: InputMaybe<Scalars['String']['input']>;
};

/** Abrir el plan sectorial de un municipio para un cuatrienio. */
export type OpenPlanInput = {
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** Abrir un Plan de Gestión Social. */
export type OpenSocialPlanInput = {
  /** Revisión leída; si cambió, CONFLICT. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio. */
  firstYear: Scalars['Int']['input'];
  /** Municipios que cubre (para un plan departamental). */
  municipalities?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** Objetivos generales. */
  objectives: Array<Scalars['String']['input']>;
  /** Justificación (obligatoria al reprogramar, cancelar o corregir). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Alcance: código de departamento (PDA) o de municipio. */
  scope: Scalars['ID']['input'];
};

/** Periodo (año, y mes cuando la ficha es mensual). */
export type PeriodInput = {
  /** Mes 1-12, solo para fichas mensuales. */
  month?: InputMaybe<Scalars['Int']['input']>;
  /** Año. */
  year: Scalars['Int']['input'];
};

/** Planear una actividad. */
export type PlanActivityInput = {
  /** Id de la actividad. */
  activityId: Scalars['ID']['input'];
  /** Presupuesto en pesos. */
  budget: Scalars['Float']['input'];
  /** Producto esperado. */
  expectedProduct: Scalars['String']['input'];
  /** Revisión leída; si cambió, CONFLICT. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio. */
  firstYear: Scalars['Int']['input'];
  /** Proyecto o meta del plan sectorial relacionado. */
  linkedTo?: InputMaybe<Scalars['String']['input']>;
  /** Municipio. */
  municipality: Scalars['ID']['input'];
  /** Nombre. */
  name: Scalars['String']['input'];
  /** Semestre planeado. */
  plannedSemester: Scalars['String']['input'];
  /** Programa. */
  programmeId: Scalars['ID']['input'];
  /** Justificación (obligatoria al reprogramar, cancelar o corregir). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Alcance: código de departamento (PDA) o de municipio. */
  scope: Scalars['ID']['input'];
};

/** Meta de un programa. */
export type ProgrammeGoalInput = {
  /** Indicador. */
  indicator: Scalars['String']['input'];
  /** Meta de Año 1 a Año 4. */
  targets: Array<Scalars['Float']['input']>;
  /** Unidad. */
  unit: Scalars['String']['input'];
};

/** Registrar una necesidad en el banco de necesidades (Tabla 3). */
export type RegisterNeedInput = {
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Valor estimado en pesos. */
  estimatedValue: Scalars['Float']['input'];
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Nombre de la inversión que la atiende. */
  investmentName: Scalars['String']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Necesidad identificada. */
  need: Scalars['String']['input'];
  /** Id de la necesidad. */
  needId: Scalars['ID']['input'];
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
};

/** Registrar un proyecto propio (Tabla 8) o de terceros (Tabla 9). */
export type RegisterProjectInput = {
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Fecha de finalización AAAA-MM-DD (terceros). */
  endDate?: InputMaybe<Scalars['String']['input']>;
  /** PDA, CAR, NACION u OTRO (terceros). */
  executor?: InputMaybe<Scalars['String']['input']>;
  /** Responsable cuando es OTRO. */
  executorDetail?: InputMaybe<Scalars['String']['input']>;
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Fuentes de recursos (terceros). */
  fundingSources?: InputMaybe<Array<Scalars['String']['input']>>;
  /** "propio" o "tercero". */
  kind: Scalars['String']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Nombre de la inversión. */
  name: Scalars['String']['input'];
  /** Necesidad que atiende. */
  needId?: InputMaybe<Scalars['ID']['input']>;
  /** Id del proyecto, único en el plan. */
  projectId: Scalars['ID']['input'];
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Inversión planeada de Año 1 a Año 4, en pesos. */
  valueByYear: Array<Scalars['Float']['input']>;
};

/** Reportar el valor medido de un indicador para un periodo. */
export type ReportProgressInput = {
  /** GES-MUN: los seis requisitos de la ficha 4.2.10 (booleanos). */
  checklist?: InputMaybe<Scalars['JSONObject']['input']>;
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Código del indicador. */
  indicator: Scalars['String']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Periodo (año, y mes si la ficha es mensual). */
  period: PeriodInput;
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Fuente. */
  source: Scalars['String']['input'];
  /** Valor medido (para GES-MUN puede omitirse si se da `checklist`). */
  value?: InputMaybe<Scalars['Float']['input']>;
};

/** Lo que la Tabla 2 de la Res. 449 de 2013 exige de un indicador: SÍ, OPCIONAL o NO. */
export type Requirement =
  | 'NO'
  | 'OPCIONAL'
  | 'SI';

/** Fijar o corregir la línea base de un indicador. */
export type SetBaselineInput = {
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Código del indicador. */
  indicator: Scalars['String']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Año (y mes) de la medición. */
  measuredAt: PeriodInput;
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Fuente, como en la ficha técnica. */
  source: Scalars['String']['input'];
  /** Valor en la unidad del indicador. */
  value: Scalars['Float']['input'];
};

/** Fijar una fila de fuentes (Tabla 4), usos (Tabla 5) o recursos de gestión (Tabla 6). */
export type SetFundingRowInput = {
  /** Valores de Año 1 a Año 4, en pesos. */
  amounts: Array<Scalars['Float']['input']>;
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Detalle: entidad acreedora, prestador... */
  detail?: InputMaybe<Scalars['String']['input']>;
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Código de la fila, p. ej. "SGP_APSB". */
  row: Scalars['String']['input'];
  /** fuentes, usos o gestion. */
  table: Scalars['String']['input'];
};

/** Fijar la meta de un indicador: cambio comprometido en cada año y total. */
export type SetGoalInput = {
  /** Código DANE del municipio. */
  daneCode: Scalars['ID']['input'];
  /** Revisión del plan que usted leyó; si otro la cambió antes, la mutación falla con CONFLICT y no añade nada. */
  expectedRevision?: InputMaybe<Scalars['Int']['input']>;
  /** Primer año del cuatrienio, p. ej. 2024. */
  firstYear: Scalars['Int']['input'];
  /** Código del indicador. */
  indicator: Scalars['String']['input'];
  /** Acto administrativo, p. ej. "Acuerdo 012 de 2024". */
  legalBasis?: InputMaybe<Scalars['String']['input']>;
  /** Justificación del cambio (obligatoria en correcciones y modificaciones). */
  reason?: InputMaybe<Scalars['String']['input']>;
  /** Metas de Año 1 a Año 4. */
  targets: Array<Scalars['Float']['input']>;
  /** Meta total: la suma de las cuatro. */
  total: Scalars['Float']['input'];
};

/** Filtro de actividades; los criterios se combinan con Y. */
export type SocialActivityFilter = {
  /** Línea. */
  line?: InputMaybe<Scalars['String']['input']>;
  /** Municipio de la actividad. */
  municipality?: InputMaybe<Scalars['ID']['input']>;
  /** Plan, p. ej. "socialplan-73-2024". */
  planId?: InputMaybe<Scalars['ID']['input']>;
  /** Grupo con participantes, "dimension:grupo", p. ej. "condition:victima" o "age:60+". */
  populationGroup?: InputMaybe<Scalars['String']['input']>;
  /** Alcance del plan (departamento o municipio). */
  scope?: InputMaybe<Scalars['ID']['input']>;
  /** Semestre planeado. */
  semester?: InputMaybe<Scalars['String']['input']>;
  /** PLANNED, CANCELLED o EXECUTED. */
  status?: InputMaybe<Scalars['String']['input']>;
};

export type MunicipalityQueryVariables = Exact<{ [key: string]: never; }>;


export type MunicipalityQuery = { municipality: { name: string, department: { name: string }, plans: Array<{ id: string, goals: Array<{ id: string, total: number, progress: { percent: number, status: string } | null }> }> } | null };

export type ReportProgressMutationVariables = Exact<{ [key: string]: never; }>;


export type ReportProgressMutation = { reportProgress: { revision: number, eventIds: Array<string>, goal: { latestProgress: { value: number, ircaClass: string | null } | null } | null } };

export type PlanQueryVariables = Exact<{ [key: string]: never; }>;


export type PlanQuery = { plan: { time: { asOf: string | null, knownAt: string }, goals: Array<{ id: string, total: number, amendments: number, progress: { percent: number, status: string } | null, lineage: { goal: { eventType: string, legalBasis: string | null } | null } }> } | null };

export type AuditTrailQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditTrailQuery = { auditTrail: { totalCount: number, edges: Array<{ node: { eventType: string, recordedAt: string, reason: string | null, legalBasis: string | null, actor: { name: string | null, role: string }, changes: Array<{ field: string, before: unknown, after: unknown }> } }> } };

export type RiskAssessmentQueryVariables = Exact<{ [key: string]: never; }>;


export type RiskAssessmentQuery = { riskAssessment: { legalSource: string, score: { total: number, level: string, prioritised: boolean, categories: Array<{ category: string, weight: number, score: number, items: Array<{ code: string, score: number, explanation: string }> }> } } | null };

export type SocialPlanQueryVariables = Exact<{ [key: string]: never; }>;


export type SocialPlanQuery = { socialPlan: { compliance: { compliant: boolean, lines: Array<{ line: string, missing: string | null }> }, execution: Array<{ line: string, semester: string, planned: number, executed: number, cancelled: number, late: number, budgetPlanned: number, budgetExecuted: number }> } | null };

export type Plan2QueryVariables = Exact<{
  y: number;
}>;


export type Plan2Query = { plan: { id: string } | null };

export type AuditTrail2QueryVariables = Exact<{ [key: string]: never; }>;


export type AuditTrail2Query = { auditTrail: { edges: Array<{ node: { id: string, hash: string } }> } };

export type PlanChangedSubscriptionVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PlanChangedSubscription = { planChanged: { cursor: string, revision: number, change: { eventType: string, reason: string | null, legalBasis: string | null, changes: Array<{ field: string, before: unknown, after: unknown }> }, plan: { goals: Array<{ id: string, total: number, amendments: number }> } | null } };


export const MunicipalityDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Municipality"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"municipality"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"daneCode"},"value":{"kind":"StringValue","value":"73001","block":false}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"department"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"plans"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"goals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<MunicipalityQuery, MunicipalityQueryVariables>;
export const ReportProgressDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ReportProgress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reportProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"daneCode"},"value":{"kind":"StringValue","value":"73001","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"firstYear"},"value":{"kind":"IntValue","value":"2024"}},{"kind":"ObjectField","name":{"kind":"Name","value":"indicator"},"value":{"kind":"StringValue","value":"ACU-IRCA-URB","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"period"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"year"},"value":{"kind":"IntValue","value":"2026"}},{"kind":"ObjectField","name":{"kind":"Name","value":"month"},"value":{"kind":"IntValue","value":"10"}}]}},{"kind":"ObjectField","name":{"kind":"Name","value":"value"},"value":{"kind":"FloatValue","value":"3.1"}},{"kind":"ObjectField","name":{"kind":"Name","value":"source"},"value":{"kind":"StringValue","value":"INS (SIVICAP)","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"eventIds"}},{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"latestProgress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"ircaClass"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReportProgressMutation, ReportProgressMutationVariables>;
export const PlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"daneCode"},"value":{"kind":"StringValue","value":"73001","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"firstYear"},"value":{"kind":"IntValue","value":"2024"}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"semester"},"value":{"kind":"StringValue","value":"2025-1","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"time"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"asOf"}},{"kind":"Field","name":{"kind":"Name","value":"knownAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"goals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"amendments"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"percent"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lineage"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goal"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlanQuery, PlanQueryVariables>;
export const AuditTrailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditTrail"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditTrail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"goalId"},"value":{"kind":"StringValue","value":"73001-2024-ACU-COB-URB","block":false}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"recordedAt"}},{"kind":"Field","name":{"kind":"Name","value":"actor"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"role"}}]}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditTrailQuery, AuditTrailQueryVariables>;
export const RiskAssessmentDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RiskAssessment"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"riskAssessment"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"daneCode"},"value":{"kind":"StringValue","value":"73349","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"IntValue","value":"2025"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"legalSource"}},{"kind":"Field","name":{"kind":"Name","value":"score"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"prioritised"}},{"kind":"Field","name":{"kind":"Name","value":"categories"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"weight"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<RiskAssessmentQuery, RiskAssessmentQueryVariables>;
export const SocialPlanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SocialPlan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"socialPlan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"scope"},"value":{"kind":"StringValue","value":"73","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"firstYear"},"value":{"kind":"IntValue","value":"2024"}},{"kind":"Argument","name":{"kind":"Name","value":"asOf"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"semester"},"value":{"kind":"StringValue","value":"2025-2","block":false}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compliance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"compliant"}},{"kind":"Field","name":{"kind":"Name","value":"lines"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"missing"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"execution"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line"}},{"kind":"Field","name":{"kind":"Name","value":"semester"}},{"kind":"Field","name":{"kind":"Name","value":"planned"}},{"kind":"Field","name":{"kind":"Name","value":"executed"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"late"}},{"kind":"Field","name":{"kind":"Name","value":"budgetPlanned"}},{"kind":"Field","name":{"kind":"Name","value":"budgetExecuted"}}]}}]}}]}}]} as unknown as DocumentNode<SocialPlanQuery, SocialPlanQueryVariables>;
export const Plan2Document = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Plan2"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"y"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"plan"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"daneCode"},"value":{"kind":"StringValue","value":"73001","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"firstYear"},"value":{"kind":"Variable","name":{"kind":"Name","value":"y"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<Plan2Query, Plan2QueryVariables>;
export const AuditTrail2Document = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditTrail2"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditTrail"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"goalId"},"value":{"kind":"StringValue","value":"73001-2024-ACU-COB-URB","block":false}},{"kind":"ObjectField","name":{"kind":"Name","value":"eventTypes"},"value":{"kind":"ListValue","values":[{"kind":"StringValue","value":"GoalAmended","block":false}]}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"hash"}}]}}]}}]}}]}}]} as unknown as DocumentNode<AuditTrail2Query, AuditTrail2QueryVariables>;
export const PlanChangedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"PlanChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"planChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"daneCode"},"value":{"kind":"StringValue","value":"73001","block":false}},{"kind":"Argument","name":{"kind":"Name","value":"firstYear"},"value":{"kind":"IntValue","value":"2024"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"revision"}},{"kind":"Field","name":{"kind":"Name","value":"change"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"eventType"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"legalBasis"}},{"kind":"Field","name":{"kind":"Name","value":"changes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"before"}},{"kind":"Field","name":{"kind":"Name","value":"after"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"plan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"goals"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"total"}},{"kind":"Field","name":{"kind":"Name","value":"amendments"}}]}}]}}]}}]}}]} as unknown as DocumentNode<PlanChangedSubscription, PlanChangedSubscriptionVariables>;