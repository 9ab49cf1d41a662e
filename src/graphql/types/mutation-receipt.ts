/**
 * What every mutation payload says about the events it appended, whatever the read models say:
 * the payload types of every mutation family extend this class, so a new family gets these fields
 * by construction (a schema test checks every mutation's payload has them).
 */
import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'Lo que toda mutación informa sobre los eventos que añadió (tipo base, no se expone).',
})
export abstract class MutationReceipt {
  @Field(() => [ID], {
    description:
      'Ids de los eventos añadidos a la bitácora (con `replayed`, los que añadió la petición original).',
  })
  eventIds!: string[];

  @Field(() => Int, {
    description: 'Revisión del flujo después del cambio: el próximo `expectedRevision`.',
  })
  revision!: number;

  @Field(() => Boolean, {
    description:
      'Falso cuando los modelos de lectura aún no incluían los eventos al responder: el cambio quedó registrado (`eventIds`, `revision`), pero lo que devuelve la mutación puede no mostrarlo todavía. No reintente: consulte de nuevo en unos segundos.',
  })
  readModelsCurrent!: boolean;

  @Field(() => Boolean, {
    description:
      'Verdadero cuando una petición anterior con la misma `Idempotency-Key` ya hizo este cambio: no se añadió nada y la respuesta es la de entonces.',
  })
  replayed!: boolean;
}
