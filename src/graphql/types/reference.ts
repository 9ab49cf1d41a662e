import { Field, Float, ID, ObjectType, registerEnumType } from 'type-graphql';

@ObjectType({ description: 'Departamento de Colombia (DIVIPOLA del DANE).' })
export class Department {
  @Field(() => ID, { description: 'Código DANE de 2 dígitos, p. ej. "73" (Tolima).' })
  code!: string;

  @Field(() => String, { description: 'Nombre como lo escribe el DANE.' })
  name!: string;
}

@ObjectType({
  description:
    'Entidad territorial de la DIVIPOLA del DANE: municipio, área no municipalizada o isla, identificada por su código DANE de 5 dígitos.',
})
export class Municipality {
  @Field(() => ID, { description: 'Código DANE de 5 dígitos, p. ej. "73001" (Ibagué).' })
  daneCode!: string;

  @Field(() => String, { description: 'Nombre en mayúsculas con tildes, como lo escribe el DANE.' })
  name!: string;

  @Field(() => String, { description: 'Tipo: "Municipio", "Área no municipalizada" o "Isla".' })
  kind!: string;

  @Field(() => Department, { description: 'Departamento al que pertenece.' })
  department!: Department;

  @Field(() => Float, { description: 'Latitud del centro urbano (grados).' })
  latitude!: number;

  @Field(() => Float, { description: 'Longitud del centro urbano (grados).' })
  longitude!: number;
}

export enum Requirement {
  SI = 'SI',
  OPCIONAL = 'OPCIONAL',
  NO = 'NO',
}
registerEnumType(Requirement, {
  name: 'Requirement',
  description: 'Lo que la Tabla 2 de la Res. 449 de 2013 exige de un indicador: SÍ, OPCIONAL o NO.',
});

@ObjectType({ description: 'Fila "ASPECTO | CONTENIDO" de una ficha técnica, literal.' })
export class FichaRowType {
  @Field(() => String, { description: 'Aspecto, p. ej. "DEFINICIÓN".' })
  aspect!: string;

  @Field(() => String, { description: 'Contenido, como lo escribe la resolución.' })
  content!: string;
}

@ObjectType({
  description:
    'Texto literal de una ficha técnica del anexo de la Res. 449 de 2013 (4.2.1 a 4.2.10).',
})
export class FichaTextType {
  @Field(() => String, { description: 'Encabezado de la ficha, p. ej. "4.2.8 Indicador de ...".' })
  title!: string;

  @Field(() => [FichaRowType], { description: 'Filas de la ficha, en su orden.' })
  rows!: FichaRowType[];
}

@ObjectType({
  description:
    'Clase de riesgo del IRCA según la tabla de la ficha 4.2.6 (Res. 2115 de 2007), con el texto literal de la resolución.',
})
export class IrcaClassType {
  @Field(() => String, {
    description: 'Código: SIN_RIESGO, BAJO, MEDIO, ALTO o INVIABLE_SANITARIAMENTE.',
  })
  code!: string;

  @Field(() => Float, { description: 'Límite superior (inclusive) de la clase, 0-100.' })
  upTo!: number;

  @Field(() => String, {
    description: 'Nombre como lo escribe el INS en su archivo anual (`ircaClass` en la API).',
  })
  label!: string;

  @Field(() => String, { description: '"Clasificación del IRCA (%)", literal, p. ej. "5,1 - 14".' })
  range!: string;

  @Field(() => String, { description: '"Nivel de Riesgo", literal.' })
  level!: string;

  @Field(() => String, {
    nullable: true,
    description:
      '"IRCA MENSUAL (acciones)", literal; nulo donde la tabla de la resolución no trae acción (ALTO).',
  })
  action!: string | null;
}

@ObjectType({
  description: 'Celda de la Tabla 2: exigencia de un tipo de indicador por servicio y zona.',
})
export class TablaDosCell {
  @Field(() => String, { description: 'Servicio: acueducto, alcantarillado o aseo.' })
  service!: string;

  @Field(() => String, { description: 'Zona: urbana o rural.' })
  zone!: string;

  @Field(() => Requirement, { description: 'SÍ, OPCIONAL o NO.' })
  requirement!: Requirement;
}

@ObjectType({
  description:
    'Indicador sectorial del catálogo de la Res. 449 de 2013 (fichas técnicas 4.2.1 a 4.2.10 y continuidad).',
})
export class Indicator {
  @Field(() => ID, { description: 'Código estable, p. ej. "ACU-COB-URB".' })
  code!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Número de la ficha técnica del anexo, p. ej. "4.2.1".',
  })
  ficha!: string | null;

  @Field(() => String, {
    description:
      'Nombre corto (de la implementación; el texto de la resolución está en `fichaText`).',
  })
  name!: string;

  @Field(() => String, {
    description:
      'Definición resumida por la implementación (el texto literal está en `fichaText`).',
  })
  definition!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'Cómo leyó la implementación la ficha donde se contradice o calla (p. ej. 4.2.8: porcentaje tratado); nulo si no hizo falta.',
  })
  note!: string | null;

  @Field(() => FichaTextType, {
    nullable: true,
    description: 'Texto literal de la ficha técnica (nulo para continuidad, que no tiene ficha).',
  })
  fichaText!: FichaTextType | null;

  @Field(() => String, { description: 'Servicio: acueducto, alcantarillado, aseo o transversal.' })
  service!: string;

  @Field(() => String, { description: 'Zona: urbana, rural o total.' })
  zone!: string;

  @Field(() => String, {
    description: 'Tipo (fila de la Tabla 2): cobertura, calidad, continuidad o aseguramiento.',
  })
  type!: string;

  @Field(() => String, {
    description:
      'Componente sectorial: cobertura, calidad_agua, gestion_ambiental, estado_prestacion o continuidad.',
  })
  component!: string;

  @Field(() => String, {
    description:
      'Unidad de medida: poblacion, porcentaje u horas (GES-MUN es el porcentaje de los seis requisitos de la ficha 4.2.10 cumplidos).',
  })
  unit!: string;

  @Field(() => String, {
    description: 'Periodicidad de la ficha: anual, mensual o mensual_y_anual.',
  })
  periodicity!: string;

  @Field(() => String, {
    description: 'Sentido de mejora: "up" (debe subir) o "down" (debe bajar).',
  })
  direction!: string;

  @Field(() => [String], { description: 'Fuentes de información de la ficha.' })
  sources!: string[];

  @Field(() => Requirement, {
    description: 'Exigencia según la Tabla 2 para el servicio y zona del indicador.',
  })
  requirement!: Requirement;

  @Field(() => [TablaDosCell], {
    description: 'La fila completa de la Tabla 2 para el tipo de este indicador.',
  })
  tablaDos!: TablaDosCell[];
}
