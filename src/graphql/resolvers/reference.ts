/** Reference tables of the resolution the API serves as they are written. */
import { Query, Resolver } from 'type-graphql';
import { IRCA_CLASSES } from '../../domain/rules/irca';
import { IrcaClassType } from '../types/reference';

@Resolver()
export class ReferenceResolver {
  @Query(() => [IrcaClassType], {
    description:
      'La tabla de clasificación del IRCA de la ficha 4.2.6, con sus rangos, niveles y acciones tal como los escribe la resolución.',
  })
  ircaClasses(): IrcaClassType[] {
    return IRCA_CLASSES.map((entry) => ({
      code: entry.class,
      upTo: entry.upTo,
      label: entry.label,
      range: entry.range,
      level: entry.level,
      action: entry.action,
    }));
  }
}
