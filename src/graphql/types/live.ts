/** What subscriptions deliver (see `resolvers/subscriptions.ts`). */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { AuditParent } from '../views';
import { AuditEntry } from './plan';

@ObjectType({
  description:
    'Un cambio de un plan sectorial, entregado cuando los modelos de lectura ya lo incluyen: la revisión nueva del plan y qué cambió.',
})
export class PlanChange {
  @Field(() => String, {
    description:
      'Cursor de este cambio en la bitácora: páselo como `after` al volver a suscribirse para no perder nada.',
  })
  cursor!: string;

  @Field(() => ID, { description: 'Plan sectorial, p. ej. "plan-73001-2024".' })
  planId!: string;

  @Field(() => Int, {
    description: 'Revisión del plan después de este cambio (el `expectedRevision` siguiente).',
  })
  revision!: number;

  @Field(() => AuditEntry, {
    description: 'Qué cambió, quién, cuándo y por qué: la misma entrada que `auditTrail`.',
  })
  change!: AuditParent;
}
