import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

/** The projector's states (`src/projector/projector.ts`), as the schema names them. */
export enum ProjectionStateValue {
  IDLE = 'idle',
  CATCHING_UP = 'catching-up',
  RUNNING = 'running',
  RETRYING = 'retrying',
  STANDBY = 'standby',
  PARKED = 'parked',
  STOPPED = 'stopped',
}

registerEnumType(ProjectionStateValue, {
  name: 'ProjectionState',
  description: 'Estado de una proyección (modelo de lectura) en esta réplica.',
  valuesConfig: {
    IDLE: { description: 'Aún no arranca.' },
    CATCHING_UP: { description: 'Muy atrás de la bitácora: se pone al día en lotes grandes.' },
    RUNNING: { description: 'Sigue la bitácora en vivo.' },
    RETRYING: {
      description:
        'Un almacén falló (reinicio, elección de primario, suscripción caída): se reanuda desde su punto de control con esperas crecientes.',
    },
    STANDBY: {
      description:
        'Otra réplica tiene el arriendo de la proyección y la ejecuta; esta sigue su punto de control y la toma si queda libre.',
    },
    PARKED: {
      description:
        'Detenida en un evento que la hace fallar siempre (`parked` dice cuál); las demás proyecciones siguen.',
    },
    STOPPED: { description: 'Detenida (el servidor se está cerrando).' },
  },
});

@ObjectType({
  description: 'El evento en que se detuvo una proyección, con el error que produjo.',
})
export class ParkedEventType {
  @Field(() => ID, { description: 'Id del evento.' })
  eventId!: string;

  @Field(() => String, { description: 'Tipo del evento, p. ej. GoalAmended.' })
  type!: string;

  @Field(() => String, { description: 'Flujo del evento, p. ej. plan-73001-2024.' })
  stream!: string;

  @Field(() => Int, { description: 'Revisión del evento en su flujo (desde 0).' })
  revision!: number;

  @Field(() => Float, { description: 'Posición del evento en la bitácora.' })
  position!: number;

  @Field(() => String, { description: 'El error de la proyección con ese evento.' })
  error!: string;
}

@ObjectType({
  description:
    'Una proyección (modelo de lectura) frente a la bitácora: hasta dónde la aplicó, cuánto le falta y si está detenida en un evento.',
})
export class ProjectionStatusType {
  @Field(() => String, { description: 'Nombre de la proyección, p. ej. goals.' })
  name!: string;

  @Field(() => ProjectionStateValue, { description: 'Estado en esta réplica.' })
  state!: ProjectionStateValue;

  @Field(() => Float, {
    nullable: true,
    description: 'Punto de control: posición del último evento aplicado (nulo: ninguno).',
  })
  position!: number | null;

  @Field(() => Float, {
    description:
      'Atraso: posición de la cabeza de la bitácora menos el punto de control (0: al día). En EventStoreDB las posiciones son bytes, no eventos.',
  })
  lag!: number;

  @Field(() => Boolean, { description: 'Si aplicó la bitácora hasta su cabeza.' })
  current!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Por qué está detenida o reintentando.',
  })
  error!: string | null;

  @Field(() => ParkedEventType, {
    nullable: true,
    description: 'El evento en que está detenida (estado PARKED).',
  })
  parked!: ParkedEventType | null;
}
