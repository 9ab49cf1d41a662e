import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'Paginación estilo Relay.' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Hay más elementos después de `endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => Boolean, { description: 'Hay elementos antes de `startCursor`.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor del primer elemento de la página.' })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor del último elemento; páselo como `after`.',
  })
  endCursor!: string | null;
}

@ObjectType({
  description:
    'Quién hizo un cambio, tomado del token verificado. `id` y `name` son nulos para quien no puede ver identidades (consulta anónima o fuera de su territorio).',
})
export class ActorView {
  @Field(() => ID, { nullable: true, description: 'Identificador del usuario.' })
  id!: string | null;

  @Field(() => String, { nullable: true, description: 'Nombre del usuario.' })
  name!: string | null;

  @Field(() => String, { description: 'Rol: PLANNER, PDA, CTP, CONTROL, MINISTRY o ADMIN.' })
  role!: string;

  @Field(() => String, {
    description: 'Entidad por la que actúa (código DANE, departamento u organismo).',
  })
  entity!: string;
}

@ObjectType({
  description:
    'Linaje de un valor: el evento que lo fijó, quién, cuándo, por qué y con qué acto administrativo (fundamento legal).',
})
export class Lineage {
  @Field(() => ID, { description: 'Id del evento en la bitácora.' })
  eventId!: string;

  @Field(() => String, { description: 'Tipo de evento, p. ej. "GoalAmended".' })
  eventType!: string;

  @Field(() => GraphQLDateTime, {
    description: 'Momento en que la bitácora registró el evento (tiempo de registro).',
  })
  recordedAt!: Date;

  @Field(() => ActorView, { description: 'Quién lo registró.' })
  actor!: ActorView;

  @Field(() => String, { nullable: true, description: 'Justificación del cambio.' })
  reason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Acto administrativo, p. ej. "Acuerdo 012 de 2024".',
  })
  legalBasis!: string | null;
}

@ObjectType({
  description: 'Periodo al que se refiere una cifra (tiempo válido): un año, o un mes de un año.',
})
export class Period {
  @Field(() => Int, { description: 'Año.' })
  year!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Mes (1-12) cuando la ficha del indicador es mensual.',
  })
  month!: number | null;
}

@InputType({ description: 'Periodo (año, y mes cuando la ficha es mensual).' })
export class PeriodInput {
  @Field(() => Int, { description: 'Año.' })
  year!: number;

  @Field(() => Int, { nullable: true, description: 'Mes 1-12, solo para fichas mensuales.' })
  month?: number | null;
}

@InputType({
  description:
    'Punto de la consulta en el tiempo válido: exactamente uno de `semester` ("2025-1": al 30 de junio de 2025, 23:59:59.999 hora de Bogotá) o `at` (un instante).',
})
export class AsOfInput {
  @Field(() => String, { nullable: true, description: 'Semestre "AAAA-1" o "AAAA-2".' })
  semester?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'Instante (ISO 8601).' })
  at?: Date | null;
}

@ObjectType({ description: 'Los dos ejes de tiempo con que se leyó una vista.' })
export class TimeView {
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description:
      'Tiempo válido: cifras de periodos que terminan a más tardar en este instante (nulo: sin límite).',
  })
  asOf!: Date | null;

  @Field(() => GraphQLDateTime, {
    description: 'Tiempo de registro: lo que la bitácora había registrado hasta este instante.',
  })
  knownAt!: Date;
}
