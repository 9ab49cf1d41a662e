import { GraphQLDateTime } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { PageInfo } from './common';

@ObjectType({
  description:
    'Sello semestral: la cabeza del árbol de Merkle (RFC 9162) de la bitácora al fin del semestre (hora de Bogotá), firmada con Ed25519. Guárdelo fuera del sistema para verificar después que el registro no fue reescrito.',
})
export class SealType {
  @Field(() => String, { description: 'Semestre sellado, "AAAA-1" o "AAAA-2".' })
  semester!: string;

  @Field(() => Int, { description: 'Eventos (hojas) registrados hasta el fin del semestre.' })
  treeSize!: number;

  @Field(() => String, { description: 'Raíz del árbol de Merkle de esas hojas (hex).' })
  rootHash!: string;

  @Field(() => Float, { nullable: true, description: 'Posición del último evento sellado.' })
  lastPosition!: number | null;

  @Field(() => GraphQLDateTime, { description: 'Último instante del semestre sellado.' })
  sealedThrough!: Date;

  @Field(() => GraphQLDateTime, { description: 'Cuándo se selló.' })
  sealedAt!: Date;

  @Field(() => String, { description: 'Algoritmo de la firma (EdDSA, Ed25519).' })
  algorithm!: string;

  @Field(() => String, {
    description:
      'Id de la clave (huella RFC 7638); la clave pública está en /.well-known/jwks.json.',
  })
  kid!: string;

  @Field(() => String, {
    description: 'Firma: JWS compacto sobre el JSON canónico de la cabeza del sello.',
  })
  jws!: string;

  @Field(() => ID, { description: 'Evento del flujo `seals` que registró el sello.' })
  eventId!: string;

  @Field(() => String, {
    description: 'Dónde descargar el archivo del sello (con las huellas de los eventos sellados).',
  })
  downloadPath!: string;
}

@ObjectType({ description: 'Arista de la conexión de sellos.' })
export class SealEdge {
  @Field(() => String, { description: 'Cursor opaco.' })
  cursor!: string;

  @Field(() => SealType, { description: 'El sello.' })
  node!: SealType;
}

@ObjectType({
  description: 'Sellos semestrales, del más antiguo al más reciente (conexión Relay).',
})
export class SealConnection {
  @Field(() => [SealEdge], { description: 'Sellos de la página.' })
  edges!: SealEdge[];

  @Field(() => PageInfo, { description: 'Información de paginación.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Total de sellos.' })
  totalCount!: number;
}

@ObjectType({
  description:
    'Prueba de inclusión (RFC 9162 §2.1.3) de un evento en el árbol sellado de un semestre: con el hash del evento y la ruta de auditoría se recalcula la raíz sellada.',
})
export class InclusionProofType {
  @Field(() => ID, { description: 'Id del evento.' })
  eventId!: string;

  @Field(() => String, {
    description: 'Hash SHA-256 del evento: la hoja es SHA-256(0x00 || hash).',
  })
  eventHash!: string;

  @Field(() => Int, { description: 'Índice de la hoja (orden del registro, desde 0).' })
  leafIndex!: number;

  @Field(() => Int, { description: 'Tamaño del árbol sellado.' })
  treeSize!: number;

  @Field(() => String, { description: 'Raíz sellada (hex).' })
  rootHash!: string;

  @Field(() => [String], { description: 'Ruta de auditoría, de la hoja hacia la raíz (hex).' })
  auditPath!: string[];

  @Field(() => SealType, { description: 'El sello contra el que se prueba.' })
  seal!: SealType;
}

@ObjectType({
  description:
    'Prueba de consistencia (RFC 9162 §2.1.4): el registro sellado después extiende sin cambios al sellado antes.',
})
export class ConsistencyProofType {
  @Field(() => Int, { description: 'Tamaño del árbol del sello anterior.' })
  fromSize!: number;

  @Field(() => Int, { description: 'Tamaño del árbol del sello posterior.' })
  toSize!: number;

  @Field(() => String, { description: 'Raíz del sello anterior.' })
  fromRoot!: string;

  @Field(() => String, { description: 'Raíz del sello posterior.' })
  toRoot!: string;

  @Field(() => [String], { description: 'Nodos de la prueba (hex).' })
  path!: string[];

  @Field(() => SealType, { description: 'Sello anterior.' })
  from!: SealType;

  @Field(() => SealType, { description: 'Sello posterior.' })
  to!: SealType;
}

@ObjectType({ description: 'Una falla de integridad y su lugar en la bitácora.' })
export class IntegrityFaultType {
  @Field(() => String, {
    description: 'Tipo: hash, link, revision, position, recorded-at, seal-root, seal-size...',
  })
  kind!: string;

  @Field(() => String, { description: 'Qué está mal y dónde.' })
  message!: string;

  @Field(() => String, { nullable: true, description: 'Flujo.' })
  stream!: string | null;

  @Field(() => Int, { nullable: true, description: 'Revisión en el flujo.' })
  revision!: number | null;

  @Field(() => Float, { nullable: true, description: 'Posición en el registro.' })
  position!: number | null;

  @Field(() => ID, { nullable: true, description: 'Id del evento.' })
  eventId!: string | null;

  @Field(() => String, { nullable: true, description: 'Lo esperado.' })
  expected!: string | null;

  @Field(() => String, { nullable: true, description: 'Lo hallado.' })
  found!: string | null;

  @Field(() => GraphQLDateTime, { description: 'Cuándo se detectó.' })
  detectedAt!: Date;
}

@ObjectType({ description: 'Una verificación completa de la bitácora.' })
export class FullVerificationType {
  @Field(() => GraphQLDateTime, { description: 'Cuándo terminó.' })
  at!: Date;

  @Field(() => Int, { description: 'Eventos verificados.' })
  events!: number;

  @Field(() => Float, { nullable: true, description: 'Posición del último evento verificado.' })
  throughPosition!: number | null;

  @Field(() => Boolean, { description: 'Si no halló fallas.' })
  ok!: boolean;

  @Field(() => Float, { description: 'Duración en segundos.' })
  seconds!: number;
}

@ObjectType({
  description:
    'Verificación de arranque: antes de declararse listo, el servidor recalcula el hash de cada evento del registro tal como está guardado y sigue la cadena de cada flujo (sin el árbol de Merkle, que se verifica después).',
})
export class StartupCheckType {
  @Field(() => String, { description: 'pending, running, passed o failed.' })
  state!: string;

  @Field(() => Float, { description: 'Eventos del registro al arrancar: los que cubre.' })
  total!: number;

  @Field(() => Float, { description: 'Eventos verificados hasta ahora.' })
  checked!: number;

  @Field(() => Int, {
    description: 'Hilos en que corrió (0: el hilo que sirve, registro pequeño).',
  })
  workers!: number;

  @Field(() => Float, { nullable: true, description: 'Duración en segundos, al terminar.' })
  seconds!: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Por qué no pudo terminar (las fallas halladas van en faults).',
  })
  error!: string | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Cómo verificó: rows, recalculando el hash de cada evento desde su fila y siguiendo la cadena de cada flujo; file, hallando el archivo de la bitácora idéntico, byte a byte, al que este servidor dejó verificado al detenerse (registro firmado con la clave de sellos). Null mientras no ha terminado.',
  })
  method!: string | null;
}

@ObjectType({
  description:
    'Estado de integridad de la bitácora: cada evento se verifica al llegar (hash y encadenamiento) y el registro completo se verifica periódicamente.',
})
export class IntegrityStatusType {
  @Field(() => String, { description: 'intact, damaged o verifying.' })
  status!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Posición hasta la que se verificó cada evento al llegar.',
  })
  verifiedThroughPosition!: number | null;

  @Field(() => Int, { description: 'Hojas del árbol de Merkle.' })
  treeSize!: number;

  @Field(() => String, { description: 'Raíz actual del árbol de Merkle (hex).' })
  rootHash!: string;

  @Field(() => FullVerificationType, {
    nullable: true,
    description: 'Última verificación completa del registro.',
  })
  lastFullVerification!: FullVerificationType | null;

  @Field(() => StartupCheckType, {
    description: 'Verificación de arranque: el servidor no está listo (/readyz) hasta que pasa.',
  })
  startupCheck!: StartupCheckType;

  @Field(() => [IntegrityFaultType], { description: 'Fallas halladas, con su lugar.' })
  faults!: IntegrityFaultType[];
}
