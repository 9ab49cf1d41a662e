/** GraphQL types of the CTP's semester review: the review, its packet, recommendations, responses. */
import { MutationReceipt } from './mutation-receipt';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Lineage, PageInfo, TimeView } from './common';
import { Municipality } from './reference';

export enum ReviewConcept {
  FAVORABLE = 'FAVORABLE',
  FAVORABLE_CON_OBSERVACIONES = 'FAVORABLE_CON_OBSERVACIONES',
  DESFAVORABLE = 'DESFAVORABLE',
}
registerEnumType(ReviewConcept, {
  name: 'ReviewConcept',
  description: 'Concepto del CTP sobre el avance de las metas del semestre.',
});

export enum ReviewStatus {
  PENDIENTE = 'PENDIENTE',
  ABIERTA = 'ABIERTA',
  CERRADA = 'CERRADA',
}
registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description:
    'PENDIENTE: el CTP no la ha abierto (puede haber presentaciones registradas); ABIERTA; CERRADA: concepto y recomendaciones definitivos.',
});

export enum RecommendationTargetKind {
  GOAL = 'GOAL',
  INDICATOR = 'INDICATOR',
  PROJECT = 'PROJECT',
  SOCIAL_LINE = 'SOCIAL_LINE',
}
registerEnumType(RecommendationTargetKind, {
  name: 'RecommendationTargetKind',
  description:
    'A qué apunta una recomendación: meta, indicador, proyecto o línea del Plan de Gestión Social.',
});

export enum RecommendationDecision {
  ACCEPTED = 'ACCEPTED',
  PARTIALLY_ACCEPTED = 'PARTIALLY_ACCEPTED',
  REJECTED = 'REJECTED',
}
registerEnumType(RecommendationDecision, {
  name: 'RecommendationDecision',
  description: 'Respuesta de la administración: aceptada, aceptada parcialmente o rechazada.',
});

export enum RecommendationStatus {
  SIN_RESPUESTA = 'SIN_RESPUESTA',
  RECHAZADA = 'RECHAZADA',
  COMPROMETIDA = 'COMPROMETIDA',
  VENCIDA = 'VENCIDA',
  ATENDIDA = 'ATENDIDA',
}
registerEnumType(RecommendationStatus, {
  name: 'RecommendationStatus',
  description:
    'Seguimiento: sin respuesta, rechazada, comprometida (aceptada, fecha no vencida), vencida (fecha pasada sin cambio que la cite) o atendida (un cambio del plan la cita).',
});

export enum PresentationForum {
  CTP = 'CTP',
  CONSEJO_POLITICA_SOCIAL = 'CONSEJO_POLITICA_SOCIAL',
}
registerEnumType(PresentationForum, {
  name: 'PresentationForum',
  description:
    'Instancia ante la que la administración presentó sus metas (Decreto 028 de 2008, art. 17).',
});

@ObjectType({ description: 'A qué apunta una recomendación.' })
export class RecommendationTargetType {
  @Field(() => RecommendationTargetKind, { description: 'Tipo.' }) kind!: RecommendationTargetKind;
  @Field(() => ID, {
    description:
      'Id de la meta ("73001-2024-ACU-COB-URB"), código del indicador, id del proyecto o código de la línea.',
  })
  id!: string;
}

@ObjectType({ description: 'Respuesta de la administración a una recomendación.' })
export class RecommendationResponseType {
  @Field(() => RecommendationDecision, { description: 'Decisión.' })
  decision!: RecommendationDecision;
  @Field(() => String, { description: 'Justificación.' }) justification!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Fecha de compromiso AAAA-MM-DD (si se aceptó).',
  })
  commitmentDate!: string | null;
  @Field(() => Int, { description: 'Veces que la administración cambió su respuesta.' })
  changes!: number;
}

@ObjectType({ description: 'Un cambio del plan que cita la recomendación que atiende.' })
export class CitationType {
  @Field(() => ID, { description: 'Evento del cambio.' }) eventId!: string;
  @Field(() => String, { description: 'Tipo de evento, p. ej. "GoalAmended".' }) eventType!: string;
  @Field(() => ID, { description: 'Flujo del cambio, p. ej. "plan-73001-2024".' }) stream!: string;
  @Field(() => GraphQLDateTime, { description: 'Momento de registro.' }) recordedAt!: Date;
  @Field(() => String, { nullable: true, description: 'Justificación.' }) reason!: string | null;
  @Field(() => String, { nullable: true, description: 'Acto administrativo.' }) legalBasis!:
    string | null;
}

@ObjectType({
  description: 'Recomendación del CTP a la administración, con su respuesta y seguimiento.',
})
export class RecommendationType {
  @Field(() => ID, {
    description:
      'Referencia citable: "{revisión}/{número}", p. ej. "ctpreview-73001-2024-2025-1/R2".',
  })
  id!: string;
  @Field(() => String, { description: 'Número en la revisión: R1, R2...' }) number!: string;
  @Field(() => ID, { description: 'Revisión que la emitió.' }) reviewId!: string;
  @Field(() => String, { description: 'Semestre de la revisión.' }) semester!: string;
  @Field(() => RecommendationTargetType, { description: 'A qué apunta.' })
  target!: RecommendationTargetType;
  @Field(() => String, { description: 'Texto.' }) text!: string;
  @Field(() => Int, { description: 'Correcciones hechas.' }) corrections!: number;
  @Field(() => Boolean, {
    description: 'Se corrigió después de cerrada la revisión (ver la bitácora).',
  })
  correctedAfterClosing!: boolean;
  @Field(() => Boolean, { description: 'Definitiva: la revisión está cerrada.' }) final!: boolean;
  @Field(() => RecommendationResponseType, {
    nullable: true,
    description: 'Respuesta de la administración.',
  })
  response!: RecommendationResponseType | null;
  @Field(() => RecommendationStatus, {
    description: 'Estado de seguimiento al instante de la vista.',
  })
  status!: RecommendationStatus;
  @Field(() => [CitationType], { description: 'Cambios del plan que la citan como atendida.' })
  citedBy!: CitationType[];
}

@ObjectType({
  description: 'Presentación de las metas ante el CTP o el Consejo de Política Social.',
})
export class PresentationType {
  @Field(() => ID, { description: 'P1, P2...' }) id!: string;
  @Field(() => PresentationForum, { description: 'Instancia.' }) forum!: PresentationForum;
  @Field(() => String, { description: 'Fecha AAAA-MM-DD.' }) date!: string;
  @Field(() => String, { description: 'Acta de la sesión.' }) act!: string;
  @Field(() => Int, { description: 'Número de asistentes.' }) attendance!: number;
}

@ObjectType('ReviewSeal', {
  description:
    'Sello semestral de la bitácora (cabeza de árbol de Merkle RFC 9162 firmada con Ed25519): permite verificar después que el registro no se reescribió.',
})
export class ReviewSealType {
  @Field(() => String, { description: 'Semestre sellado.' }) semester!: string;
  @Field(() => ID, { description: 'Evento del sello en el flujo `seals`.' }) eventId!: string;
  @Field(() => Int, { description: 'Eventos cubiertos (tamaño del árbol).' }) treeSize!: number;
  @Field(() => String, { description: 'Raíz del árbol de Merkle.' }) rootHash!: string;
  @Field(() => String, {
    description: 'Firma: JWS compacto (EdDSA, Ed25519) sobre la cabeza del árbol.',
  })
  signature!: string;
  @Field(() => String, {
    description:
      'Id de la clave (huella RFC 7638); la clave pública está en /.well-known/jwks.json.',
  })
  keyId!: string;
  @Field(() => String, { description: 'Momento de la firma.' }) signedAt!: string;
}

@ObjectType({ description: 'Concepto del CTP.' })
export class ConceptType {
  @Field(() => ReviewConcept, {
    description: 'Favorable, favorable con observaciones o desfavorable.',
  })
  value!: ReviewConcept;
  @Field(() => String, { description: 'Texto del concepto.' }) text!: string;
  @Field(() => Boolean, {
    description: 'Se corrigió después de cerrada la revisión (ver la bitácora).',
  })
  correctedAfterClosing!: boolean;
  @Field(() => Lineage, {
    nullable: true,
    description: 'Quién lo registró por última vez, cuándo y por qué.',
  })
  lineage!: Lineage | null;
}

@ObjectType({
  description: 'Meta que no va bien al corte del paquete: en retroceso, rezagada o sin reporte.',
})
export class OffTrackGoalType {
  @Field(() => ID, { description: 'Id de la meta.' }) goalId!: string;
  @Field(() => String, { description: 'Código del indicador.' }) indicator!: string;
  @Field(() => String, { description: 'RETROCESO, REZAGADA o SIN_REPORTE.' }) status!: string;
  @Field(() => String, { description: 'Por qué.' }) explanation!: string;
}

@InputType({ description: 'A qué apunta una recomendación.' })
export class RecommendationTargetInput {
  @Field(() => RecommendationTargetKind, { description: 'Tipo.' }) kind!: RecommendationTargetKind;
  @Field(() => ID, {
    description:
      'Id de la meta, código del indicador, id del proyecto o código de la línea (máx. 100).',
  })
  id!: string;
}

@InputType({ description: 'Revisión a la que se dirige una mutación.' })
export class ReviewTarget {
  @Field(() => ID, { description: 'Código DANE del municipio.' }) daneCode!: string;
  @Field(() => Int, { description: 'Primer año del cuatrienio del plan, p. ej. 2024.' })
  firstYear!: number;
  @Field(() => String, { description: 'Semestre revisado, "AAAA-1" o "AAAA-2".' })
  semester!: string;
  @Field(() => Int, {
    nullable: true,
    description:
      'Revisión del flujo que usted leyó (-1: aún no existe); si cambió, CONFLICT y no se añade nada.',
  })
  expectedRevision?: number | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Justificación (obligatoria al corregir después del cierre o cambiar una respuesta; máx. 1000).',
  })
  reason?: string | null;
}

@InputType({ description: 'Abrir la revisión semestral (CTP), una vez terminado el semestre.' })
export class OpenReviewInput extends ReviewTarget {}

@InputType({
  description: 'Cerrar la revisión (CTP): concepto y recomendaciones quedan definitivos.',
})
export class CloseReviewInput extends ReviewTarget {}

@InputType({
  description: 'Registrar (o, cerrada la revisión, corregir con `reason`) el concepto del CTP.',
})
export class RecordConceptInput extends ReviewTarget {
  @Field(() => ReviewConcept, { description: 'Concepto.' }) concept!: ReviewConcept;
  @Field(() => String, { description: 'Texto del concepto (máx. 10000).' }) text!: string;
}

@InputType({ description: 'Agregar una recomendación (CTP, revisión abierta).' })
export class AddRecommendationInput extends ReviewTarget {
  @Field(() => RecommendationTargetInput, { description: 'A qué apunta.' })
  target!: RecommendationTargetInput;
  @Field(() => String, { description: 'Texto (máx. 2000).' }) text!: string;
}

@InputType({ description: 'Corregir una recomendación (CTP); exige `reason`.' })
export class CorrectRecommendationInput extends ReviewTarget {
  @Field(() => String, { description: 'Número: R1, R2...' }) recommendationId!: string;
  @Field(() => RecommendationTargetInput, { nullable: true, description: 'Nuevo objetivo.' })
  target?: RecommendationTargetInput | null;
  @Field(() => String, { nullable: true, description: 'Nuevo texto (máx. 2000).' }) text?:
    string | null;
}

@InputType({
  description: 'Responder una recomendación (PLANNER del municipio, PDA del departamento).',
})
export class RespondToRecommendationInput extends ReviewTarget {
  @Field(() => String, { description: 'Número: R1, R2...' }) recommendationId!: string;
  @Field(() => RecommendationDecision, { description: 'Decisión.' })
  decision!: RecommendationDecision;
  @Field(() => String, { description: 'Justificación (máx. 2000).' }) justification!: string;
  @Field(() => String, {
    nullable: true,
    description: 'Fecha de compromiso AAAA-MM-DD (obligatoria si se acepta).',
  })
  commitmentDate?: string | null;
}

@InputType({
  description:
    'Registrar la presentación de las metas ante el CTP o el Consejo de Política Social (PLANNER, PDA).',
})
export class RecordPresentationInput extends ReviewTarget {
  @Field(() => PresentationForum, { description: 'Instancia.' }) forum!: PresentationForum;
  @Field(() => String, { description: 'Fecha AAAA-MM-DD, dentro del semestre.' }) date!: string;
  @Field(() => String, { description: 'Acta de la sesión (máx. 200).' }) act!: string;
  @Field(() => Int, { description: 'Número de asistentes.' }) attendance!: number;
}

@InputType({ description: 'Filtro de revisiones; los criterios se combinan con Y.' })
export class ReviewFilter {
  @Field(() => ID, { nullable: true, description: 'Municipio (código DANE).' }) daneCode?:
    string | null;
  @Field(() => ID, { nullable: true, description: 'Departamento (2 dígitos).' }) departmentCode?:
    string | null;
  @Field(() => String, { nullable: true, description: 'Semestre "AAAA-1" o "AAAA-2".' }) semester?:
    string | null;
  @Field(() => ReviewConcept, { nullable: true, description: 'Concepto.' })
  concept?: ReviewConcept | null;
  @Field(() => ReviewStatus, { nullable: true, description: 'Estado.' })
  status?: ReviewStatus | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      'true: con recomendaciones abiertas (sin respuesta o aceptadas sin cambio que las cite); false: sin ninguna.',
  })
  hasOpenRecommendations?: boolean | null;
}

@ObjectType({
  description:
    'El paquete de la revisión: lo que el CTP lee, fijado al abrirla (asOf = fin del semestre, knownAt = apertura); antes de abrirla, el fin del semestre en ambos ejes.',
})
export class ReviewPacketType {
  @Field(() => TimeView, { description: 'Los instantes del paquete.' }) time!: TimeView;
  @Field(() => Boolean, {
    description: 'Fijado por la apertura de la revisión (si no, provisional).',
  })
  fixed!: boolean;
  @Field(() => ReviewSealType, {
    nullable: true,
    description: 'Sello del semestre fijado al abrir la revisión; nulo: sin sello.',
  })
  seal!: ReviewSealType | null;
}

@ObjectType({
  description:
    'Revisión semestral del Consejo Territorial de Planeación (Decreto 028 de 2008, art. 17): paquete, concepto, recomendaciones, respuestas y presentaciones.',
})
export class ReviewType {
  @Field(() => ID, { description: 'Id: "ctpreview-{dane}-{añoInicial}-{semestre}".' }) id!: string;
  @Field(() => ID, { description: 'Código DANE.' }) daneCode!: string;
  @Field(() => Municipality, { nullable: true, description: 'Municipio.' })
  municipality!: Municipality | null;
  @Field(() => Int, { description: 'Primer año del cuatrienio del plan.' }) firstYear!: number;
  @Field(() => String, { description: 'Semestre revisado.' }) semester!: string;
  @Field(() => ReviewStatus, { description: 'Estado.' }) status!: ReviewStatus;
  @Field(() => Int, {
    nullable: true,
    description: 'Revisión del flujo (nula en vistas históricas).',
  })
  revision!: number | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Apertura por el CTP.' })
  openedAt!: Date | null;
  @Field(() => GraphQLDateTime, { nullable: true, description: 'Cierre por el CTP.' })
  closedAt!: Date | null;
  @Field(() => ConceptType, { nullable: true, description: 'Concepto del CTP.' })
  concept!: ConceptType | null;
  @Field(() => [RecommendationType], {
    description: 'Recomendaciones, con respuesta y seguimiento.',
  })
  recommendations!: RecommendationType[];
  @Field(() => Int, {
    description: 'Recomendaciones abiertas (sin respuesta, o aceptadas sin cambio que las cite).',
  })
  openRecommendations!: number;
  @Field(() => [PresentationType], { description: 'Presentaciones de metas del semestre.' })
  presentations!: PresentationType[];
  @Field(() => ReviewPacketType, { description: 'El paquete que el CTP lee.' })
  packet!: ReviewPacketType;
  @Field(() => String, {
    description: 'Ruta del informe semestral (HTML; agregue "/informe.pdf" para el PDF).',
  })
  reportPath!: string;
  @Field(() => TimeView, { description: 'Tiempo de registro con que se leyó la revisión.' })
  time!: TimeView;
}

@ObjectType({ description: 'Arista de revisiones.' })
export class ReviewEdge {
  @Field(() => String, { description: 'Cursor.' }) cursor!: string;
  @Field(() => ReviewType, { description: 'Revisión.' }) node!: ReviewType;
}

@ObjectType({ description: 'Revisiones paginadas (conexión Relay).' })
export class ReviewConnection {
  @Field(() => [ReviewEdge], { description: 'Página.' }) edges!: ReviewEdge[];
  @Field(() => PageInfo, { description: 'Paginación.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'Total que cumple el filtro.' }) totalCount!: number;
}

@ObjectType({ description: 'Resultado de una mutación de la revisión.' })
export class ReviewPayload extends MutationReceipt {
  @Field(() => ReviewType, {
    nullable: true,
    description:
      'La revisión después del cambio; nula si los modelos de lectura aún no la tienen (`readModelsCurrent` falso).',
  })
  review!: ReviewType | null;
}
