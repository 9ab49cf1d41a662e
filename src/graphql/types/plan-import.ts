import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Limit } from '../limits';
import { MutationReceipt } from './mutation-receipt';
import { PlanType } from './plan';
import type { PlanParent } from '../views';

/** Base64 of a workbook that fits the 256 KiB request body (about 190 KB of .xlsx). */
export const MAX_WORKBOOK_BASE64 = 262_144;

@InputType({
  description:
    'Importar el libro de Excel del plan (Tablas 1-11 de la Res. 449, como lo exporta GET /planes/{códigoDANE}/{añoInicial}.xlsx): todo o nada.',
})
export class ImportPlanWorkbookInput {
  @Field(() => ID, { description: 'Código DANE del municipio del plan.' })
  daneCode!: string;

  @Field(() => Int, { description: 'Primer año del cuatrienio, p. ej. 2024.' })
  firstYear!: number;

  @Field(() => String, {
    description:
      'Nombre del archivo, p. ej. "plan-73001-2024.xlsx": queda como fuente de cada evento junto con la hoja y la fila.',
  })
  @Limit({ maxLength: 200 })
  fileName!: string;

  @Field(() => String, {
    description:
      'El archivo .xlsx en base64 (hasta unos 190 KB de libro: el cuerpo de una petición es de 256 KiB como máximo; para libros mayores use `npm run import:plan`).',
  })
  @Limit({ maxLength: MAX_WORKBOOK_BASE64 })
  contentBase64!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Justificación para las filas que la necesitan y no la traen en su columna (modificaciones del plan adoptado, correcciones).',
  })
  reason?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Acto administrativo para las modificaciones de metas del plan adoptado que no lo traen en su columna, p. ej. "Acuerdo 020 de 2025".',
  })
  legalBasis?: string | null;
}

@ObjectType({
  description:
    'Resultado de importar un libro: todo lo que cambió quedó en una sola escritura; un libro sin cambios no añade nada.',
})
export class ImportPlanWorkbookPayload extends MutationReceipt {
  @Field(() => PlanType, { description: 'El plan después de la importación.' })
  plan!: PlanParent;

  @Field(() => Int, { description: 'Filas de datos leídas (sin filas vacías ni de TOTAL).' })
  rows!: number;

  @Field(() => Int, { description: 'Filas iguales a lo registrado: no generaron cambios.' })
  unchanged!: number;
}
