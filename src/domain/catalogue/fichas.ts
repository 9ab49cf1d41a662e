/**
 * The fichas técnicas 4.2.1-4.2.10 of Resolución 449 de 2013 (annex), row by row as the seed
 * writes them (`ASPECTO | CONTENIDO`), copied verbatim from `resolucion-449-2013.txt` (Diario Oficial
 * No. 48.890). Two things are left out, on purpose: the IRCA classification sub-table of 4.2.6
 * (it is `IRCA_CLASSES` in `rules/irca.ts`, verbatim too) and 4.2.6's FÓRMULA row, which the copy
 * renders illegibly ("( ) Ó Ó ( ) Ó"). Formulas cut short in the copy (4.2.9 "Población
 * atendida=", 4.2.10 "REQUISITOS CUMPLIDOS=") are kept as they are.
 */

export interface FichaRow {
  aspect: string;
  content: string;
}

export interface FichaText {
  /** The ficha's heading, e.g. "4.2.1 Indicador de cobertura de acueducto en la zona urbana". */
  title: string;
  rows: readonly FichaRow[];
}

export const FICHAS: Readonly<Record<string, FichaText>> = {
  '4.2.1': {
    title: '4.2.1 Indicador de cobertura de acueducto en la zona urbana',
    rows: [
      { aspect: 'DEFINICIÓN', content: 'POBLACIÓN SIN SERVICIO DE ACUEDUCTO ZONA URBANA' },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Incrementar el número de personas atendidas con el servicio de acueducto en el área urbana durante el cuatrienio.',
      },
      {
        aspect: 'DESCRIPCIÓN DEL CÁLCULO',
        content:
          'Población que no cuenta con servicio de acueducto en la zona urbana. Se considera que tiene el servicio de acueducto cuando el inmueble recibe el agua por tubería u otro ducto conectado a una red.',
      },
      { aspect: 'UNIDAD DE MEDIDA', content: 'Población' },
      { aspect: 'PERIODICIDAD', content: 'Anual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content:
          'Empresa de servicios públicos. Información verificada - estudios disponibles SUI Sisbén DANE',
      },
    ],
  },
  '4.2.2': {
    title: '4.2.2 Indicador de cobertura de acueducto en la zona rural',
    rows: [
      {
        aspect: 'DEFINICIÓN',
        content: 'POBLACIÓN SIN SERVICIO DE ACUEDUCTO ZONA RURAL (NUCLEADA)',
      },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Incrementar el número de personas atendidas con el servicio de acueducto en el área rural durante el cuatrienio.',
      },
      {
        aspect: 'DESCRIPCIÓN DEL CÁLCULO',
        content:
          'Población que no cuenta con servicio de acueducto en la zona rural. Se considera que tiene el servicio de acueducto cuando el inmueble recibe el agua por tubería u otro ducto conectado a una red.',
      },
      { aspect: 'UNIDAD DE MEDIDA', content: 'Población' },
      { aspect: 'PERIODICIDAD', content: 'Anual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content:
          'Empresa de servicios públicos. Información verificada - estudios disponibles SUI Sisbén DANE',
      },
    ],
  },
  '4.2.3': {
    title: '4.2.3 Indicador de cobertura de alcantarillado en la zona urbana',
    rows: [
      {
        aspect: 'DEFINICIÓN',
        content: 'POBLACIÓN SIN SERVICIO DE ALCANTARILLADO EN LA ZONA URBANA',
      },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Incrementar el número de personas atendidas con el servicio de alcantarillado en el área urbana durante el cuatrienio.',
      },
      {
        aspect: 'DESCRIPCIÓN DEL CÁLCULO',
        content:
          'Población que no cuenta con el servicio de alcantarillado en la zona urbana. Se considera que tiene el servicio de alcantarillado cuando el inmueble vierte sus aguas residuales a una red sanitaria.',
      },
      { aspect: 'UNIDAD DE MEDIDA', content: 'Población' },
      { aspect: 'PERIODICIDAD', content: 'Anual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content:
          'Empresa de servicios públicos. Información verificada - estudios disponibles SUI Sisbén DANE',
      },
    ],
  },
  '4.2.4': {
    title: '4.2.4 Indicador de cobertura de alcantarillado en la zona rural',
    rows: [
      {
        aspect: 'DEFINICIÓN',
        content: 'POBLACIÓN SIN SERVICIO DE ALCANTARILLADO EN LA ZONA RURAL (NUCLEADA)',
      },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Incrementar el número de personas atendidas con el servicio de alcantarillado en el área rural durante el cuatrienio.',
      },
      {
        aspect: 'DESCRIPCIÓN DEL CÁLCULO',
        content:
          'Población que no cuenta con el servicio de alcantarillado en la zona rural. Se considera que tiene el servicio de alcantarillado cuando el inmueble vierte sus aguas residuales a una red sanitaria o un pozo séptico en la zona rural.',
      },
      { aspect: 'UNIDAD DE MEDIDA', content: 'Población' },
      { aspect: 'PERIODICIDAD', content: 'Anual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content:
          'Empresa de servicios públicos. Información verificada - estudios disponibles SUI Sisbén DANE',
      },
    ],
  },
  '4.2.5': {
    title: '4.2.5 Indicador de cobertura del servicio de aseo en la zona urbana',
    rows: [
      { aspect: 'DEFINICIÓN', content: 'POBLACIÓN SIN SERVICIO DE ASEO EN LA ZONA URBANA' },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Incrementar el número de personas atendidas con el servicio de aseo en el área urbana durante el cuatrienio.',
      },
      {
        aspect: 'DESCRIPCIÓN DEL CÁLCULO',
        content:
          'Población urbana del municipio que no cuenta con el servicio de aseo. Se considera que tiene el servicio de aseo cuando en la vivienda se le recogen los residuos sólidos por lo menos 2 veces a la semana.',
      },
      { aspect: 'UNIDAD DE MEDIDA', content: 'Población' },
      { aspect: 'PERIODICIDAD', content: 'Anual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content:
          'Empresa de servicios públicos. Información verificada - estudios disponibles SUI Sisbén DANE',
      },
    ],
  },
  '4.2.6': {
    title: '4.2.6 Indicador de calidad del servicio de acueducto en la zona urbana',
    rows: [
      {
        aspect: 'INDICADOR',
        content: 'ÍNDICE DE RIESGO DE LA CALIDAD DEL AGUA PARA CONSUMO HUMANO, IRCA.',
      },
      {
        aspect: 'DEFINICIÓN',
        content:
          'El IRCA es el grado de riesgo u ocurrencia de enfermedades relacionadas con el incumplimiento de las características físicas, químicas y microbiológicas del agua para consumo humano. Clasificación IRCA de Calidad del Agua',
      },
      {
        aspect: 'DESCRIPCIÓN DEL CÁLCULO',
        content:
          'Cuando el valor del IRCA por muestra mensual es cero (0), cumple con los valores aceptables para cada una de las características físicas, químicas y microbiológicas contempladas. En el caso de alcanzar cien puntos (100), se identifica el más alto riesgo. El IRCA de los municipios de categoría 4, 5 y 6 será calculado por la autoridad sanitaria departamental quien remitirá esta información al SIVICAP (SISTEMA DE INFORMACIÓN PARA VIGILANCIA DE CALIDAD DE AGUA POTABLE) del Instituto Nacional de Salud.',
      },
      { aspect: 'UNIDAD DE MEDIDA', content: 'Porcentaje (nivel de riesgo)' },
      { aspect: 'PERIODICIDAD', content: 'Mensual y anual' },
      {
        aspect: 'FUENTE DE INFORMACIÓN',
        content:
          'Instituto Nacional de Salud Secretaría de Salud Departamental Prestador (es) del servicio de acueducto en el municipio',
      },
    ],
  },
  '4.2.7': {
    title:
      '4.2.7 Indicador de calidad del servicio de disposición final de residuos sólidos en la zona urbana',
    rows: [
      {
        aspect: 'DEFINICIÓN',
        content:
          'Es la proporción de residuos sólidos que no se dispone de manera adecuada en un relleno sanitario u otro sistema de tratamiento.',
      },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Mejorar la gestión integral de residuos sólidos con el fin de minimizar el impacto al medio ambiente y la salud durante el cuatrienio',
      },
      {
        aspect: 'DESCRIPCIÓN DEL CÁLCULO',
        content:
          'Es la relación entre los residuos sólidos de la zona urbana que se disponen adecuadamente en un relleno sanitario y el total de residuos sólidos producidos en la misma. Toneladas dispuestas en el relleno sanitario u otra alternativa sobre las toneladas producidas en el municipio mensualmente.',
      },
      { aspect: 'UNIDAD DE MEDIDA', content: 'Porcentaje' },
      { aspect: 'PERIODICIDAD', content: 'Mensual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content: 'SUI CAR Empresas de servicios de aseo Municipio - PGIRS',
      },
    ],
  },
  '4.2.8': {
    title:
      '4.2.8 Indicador de calidad del servicio de alcantarillado en la zona urbana o indicador tratamiento de aguas residuales',
    rows: [
      { aspect: 'INDICADOR', content: 'TRATAMIENTO DE AGUAS RESIDUALES' },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Aumentar el tratamiento de aguas residuales generadas en la zona urbana, para cumplir con los objetivos de calidad del cuerpo de agua receptor.',
      },
      {
        aspect: 'DEFINICIÓN',
        content: 'Es el caudal de aguas residuales que no es sometido a tratamiento.',
      },
      {
        aspect: 'DESCRIPCIÓN DEL CÁLCULO',
        content:
          'El caudal de aguas residuales no tratadas en el municipio se obtiene de la relación entre el total de aguas residuales producidas sobre el total de aguas vertidas tratadas.',
      },
      { aspect: 'UNIDAD DE MEDIDA', content: 'Porcentaje' },
      { aspect: 'PERIODICIDAD', content: 'Anual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content: 'PSMV de la Empresa de Servicios Públicos Plan Maestro de Alcantarillado CAR',
      },
    ],
  },
  '4.2.9': {
    title: '4.2.9 Indicador de aseguramiento en la prestación',
    rows: [
      { aspect: 'INDICADOR', content: 'Aseguramiento en la prestación de los servicios públicos' },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Contar con un esquema de prestación de servicios autorizado por la Ley en las zonas urbana y rural (nucleada)',
      },
      {
        aspect: 'INDICADOR',
        content:
          'Población atendida con un prestador de servicios públicos de acueducto, alcantarillado y aseo registrado en el RUPS (Registro Único de Prestadores de Servicios Públicos de la SSPD). Se calcula así: Población atendida=',
      },
      { aspect: 'PERIODICIDAD', content: 'Anual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content: 'Municipio Prestadores de servicios públicos SUI DANE',
      },
    ],
  },
  '4.2.10': {
    title: '4.2.10 Indicador de gestión del municipio en la prestación de los servicios',
    rows: [
      { aspect: 'INDICADOR', content: 'Gestión del municipio en la prestación de los servicios' },
      {
        aspect: 'OBJETIVO DE RESULTADO',
        content:
          'Garantizar que el municipio cumpla con los requisitos de ley orientados a asegurar la prestación de los servicios.',
      },
      {
        aspect: 'INDICADORES',
        content:
          'Los requisitos a considerar en el cálculo de este indicador son: 1. Crear y poner en funcionamiento del Fondo de Solidaridad y Redistribución de los Ingresos. 2. Adoptar y aplicar la estratificación socioeconómica urbana y rural. 3. Aplicar la metodología establecida en el Decreto número 1013 de 2005 para asegurar el equilibrio entre subsidios y contribuciones. 4. Elaborar convenio con la ESP u operador para asegurar la transferencia de subsidios. 5. Contar con el Acuerdo que establece los porcentajes de subsidio y contribución. 6. Destinar mínimo el 15% de los recursos del SGP-APSB para subsidios. Se calcula así: REQUISITOS CUMPLIDOS=',
      },
      { aspect: 'PERIODICIDAD', content: 'Anual' },
      {
        aspect: 'FUENTES DE INFORMACIÓN',
        content: 'Municipio Prestadores de servicios públicos SUI FU DANE',
      },
    ],
  },
};
