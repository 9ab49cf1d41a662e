/**
 * Spanish for what graphql-js and Apollo Server say in English when a request is malformed:
 * syntax, validation and variable coercion errors, and malformed HTTP requests. Each message
 * keeps the names it quotes (fields, types, values), and says which argument or variable path is
 * wrong when the English one does.
 */

export interface Translated {
  message: string;
  /** The argument or variable path at fault, when the message names it. */
  field?: string;
}

type Rule = [RegExp, (match: RegExpExecArray) => Translated];

const suggestion = (tail: string | undefined): string => {
  if (!tail) return '';
  const names = [...tail.matchAll(/"([^"]+)"/g)].map((m) => `"${m[1]}"`);
  return names.length > 0 ? ` ¿Quiso decir ${names.join(', ')}?` : '';
};

/** What a scalar or input coercion says about one value. */
const VALUE_DETAILS: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [
    /^Int cannot represent non-integer value: (.*)$/s,
    (m) => `Int no admite ${m[1]}: se esperaba un entero`,
  ],
  [
    /^Int cannot represent non 32-bit signed integer value: (.*)$/s,
    (m) => `Int no admite ${m[1]}: fuera del rango de un entero de 32 bits`,
  ],
  [
    /^Float cannot represent non numeric value: (.*)$/s,
    (m) => `Float no admite ${m[1]}: se esperaba un número`,
  ],
  [
    /^String cannot represent a non string value: (.*)$/s,
    (m) => `String no admite ${m[1]}: se esperaba un texto`,
  ],
  [
    /^ID cannot represent (?:a non-string and non-integer )?value: (.*)$/s,
    (m) => `ID no admite ${m[1]}: se esperaba un texto o un entero`,
  ],
  [
    /^JSON(?:Object)? cannot represent (?:a )?non-object value: (.*)$/s,
    (m) => `no admite ${m[1]}: se esperaba un objeto JSON`,
  ],
  [
    /^Boolean cannot represent a non boolean value: (.*)$/s,
    (m) => `Boolean no admite ${m[1]}: se esperaba true o false`,
  ],
  [
    /^Value "(.*)" does not exist in "(.*)" enum\.(.*)$/s,
    (m) => `"${m[1]}" no es un valor de ${m[2]}.${suggestion(m[3])}`,
  ],
  [
    /^Enum "(.*)" cannot represent non-string value: (.*?)\.(.*)$/s,
    (m) =>
      `${m[1]} no admite ${m[2]}: se esperaba uno de sus valores, como texto.${suggestion(m[3])}`,
  ],
  [
    /^Enum "(.*)" cannot represent non-enum value: (.*?)\.(.*)$/s,
    (m) => `${m[1]} no admite ${m[2]}.${suggestion(m[3])}`,
  ],
  [/^Expected type "(.*)" to be an object\.$/s, (m) => `se esperaba un objeto ${m[1]}`],
  [/^Expected non-nullable type "(.*)" not to be null\.$/s, (m) => `no puede ser null (${m[1]})`],
  [
    /^Field "(.*)" of required type "(.*)" was not provided\.$/s,
    (m) => `falta el campo obligatorio "${m[1]}" (${m[2]})`,
  ],
  [
    /^Field "(.*?)" is not defined by type "(.*?)"\.(.*)$/s,
    (m) => `el campo "${m[1]}" no existe en ${m[2]}.${suggestion(m[3])}`,
  ],
  [
    /^(?:Value is not a valid|Object is not a valid|Value is not an object)(.*)$/s,
    () => 'no es un objeto JSON válido',
  ],
  [
    /^DateTime cannot represent .*$/s,
    () =>
      'DateTime no admite ese valor: se esperaba un instante ISO 8601, p. ej. "2025-06-30T23:59:59-05:00"',
  ],
];

function valueDetail(text: string): string {
  for (const [pattern, translate] of VALUE_DETAILS) {
    const match = pattern.exec(text.trim());
    if (match) return translate(match);
  }
  return `valor inválido (${text.trim()})`;
}

const RULES: Rule[] = [
  // The parser recursing past the stack on a document nested thousands of levels deep.
  [
    /^(?:Syntax Error: )?Maximum call stack size exceeded$/,
    () => ({ message: 'La consulta anida demasiados niveles para leerla.', field: 'query' }),
  ],
  // Syntax (parse) errors.
  [
    /^Syntax Error: Document contains more (?:than|that) (\d+) tokens\. Parsing aborted\.$/,
    (m) => ({
      message: `La consulta es demasiado larga: tiene más de ${m[1]} elementos léxicos (máximo ${m[1]}).`,
      field: 'query',
    }),
  ],
  [
    /^Syntax Error: (.*)$/s,
    (m) => ({
      message: `Error de sintaxis en la consulta: ${m[1]!
        .replace(/^Expected /, 'se esperaba ')
        .replace(/^Unexpected /, 'inesperado: ')
        .replace(/^Unterminated string\./, 'texto sin cerrar.')
        .replace(/^Cannot parse the unexpected character /, 'carácter inesperado ')
        .replace(/^Invalid character /, 'carácter inválido ')
        .replace(/, found /, ' y se encontró ')
        .replace(/<EOF>/g, 'el fin del documento')}`,
      field: 'query',
    }),
  ],
  // Variable coercion.
  [
    /^Variable "\$([^"]+)" got invalid value (.*?)(?: at "([^"]+)")?; (.*)$/s,
    (m) => {
      const path = m[3] ?? m[1]!;
      const detail = m[4]!;
      const missing = /^Field "(.*)" of required type/.exec(detail);
      const unknown = /^Field "(.*?)" is not defined by type/.exec(detail);
      const inner = missing?.[1] ?? unknown?.[1];
      const field = `variables.${path}${inner ? `.${inner}` : ''}`;
      return { message: `${field}: ${valueDetail(detail)}.`.replace(/\.\.$/, '.'), field };
    },
  ],
  [
    /^Variable "\$([^"]+)" of required type "(.*)" was not provided\.$/,
    (m) => ({
      message: `variables.${m[1]}: falta la variable obligatoria $${m[1]} (${m[2]}).`,
      field: `variables.${m[1]}`,
    }),
  ],
  [
    /^Variable "\$([^"]+)" of non-null type "(.*)" must not be null\.$/,
    (m) => ({
      message: `variables.${m[1]}: la variable $${m[1]} no puede ser null (${m[2]}).`,
      field: `variables.${m[1]}`,
    }),
  ],
  [
    /^Variable "\$([^"]+)" expected value of type "(.*)" which cannot be used as an input type\.$/,
    (m) => ({
      message: `La variable $${m[1]} es de tipo ${m[2]}, que no es un tipo de entrada.`,
      field: `variables.${m[1]}`,
    }),
  ],
  // Validation.
  [
    /^Cannot query field "(.*?)" on type "(.*?)"\.(.*)$/s,
    (m) => ({ message: `El campo "${m[1]}" no existe en el tipo ${m[2]}.${suggestion(m[3])}` }),
  ],
  [
    /^Unknown argument "(.*?)" on (field|directive) "(.*?)"\.(.*)$/s,
    (m) => ({
      message: `El argumento "${m[1]}" no existe en ${m[2] === 'field' ? 'el campo' : 'la directiva'} ${m[3]}.${suggestion(m[4])}`,
      field: m[1]!,
    }),
  ],
  [
    /^(?:Field|Directive) "(.*?)" argument "(.*?)" of type "(.*?)" is required, but it was not provided\.$/,
    (m) => ({
      message: `${m[2]}: falta el argumento obligatorio "${m[2]}" (${m[3]}) de ${m[1]}.`,
      field: m[2]!,
    }),
  ],
  [
    /^Expected value of type "(.*?)", found (.*?)(?:; (.*))?$/s,
    (m) => ({
      message: `Valor inválido para ${m[1]}: ${m[3] ? valueDetail(m[3]) : `se encontró ${m[2]}`}.`,
    }),
  ],
  [
    /^Field "(.*?)\.(.*?)" of required type "(.*?)" was not provided\.$/,
    (m) => ({
      message: `Falta el campo obligatorio "${m[2]}" (${m[3]}) de ${m[1]}.`,
      field: m[2]!,
    }),
  ],
  [
    /^Field "(.*?)" is not defined by type "(.*?)"\.(.*)$/s,
    (m) => ({
      message: `El campo "${m[1]}" no existe en ${m[2]}.${suggestion(m[3])}`,
      field: m[1]!,
    }),
  ],
  [
    /^Variable "\$(.*?)" is never used(?: in operation "(.*)")?\.$/,
    (m) => ({ message: `La variable $${m[1]} está declarada pero no se usa.` }),
  ],
  [
    /^Variable "\$(.*?)" is not defined(?: by operation "(.*)")?\.$/,
    (m) => ({ message: `La variable $${m[1]} se usa pero no está declarada en la operación.` }),
  ],
  [
    /^Variable "\$(.*?)" of type "(.*?)" used in position expecting type "(.*?)"\.$/,
    (m) => ({
      message: `La variable $${m[1]} es de tipo ${m[2]} pero se usa donde se espera ${m[3]}.`,
      field: `variables.${m[1]}`,
    }),
  ],
  [
    /^Variable "\$(.*?)" cannot be non-input type "(.*?)"\.$/,
    (m) => ({ message: `La variable $${m[1]} no puede ser del tipo ${m[2]}, que es de salida.` }),
  ],
  [
    /^Unknown type "(.*?)"\.(.*)$/s,
    (m) => ({ message: `Tipo desconocido "${m[1]}".${suggestion(m[2])}` }),
  ],
  [
    /^Field "(.*?)" of type "(.*?)" must have a selection of subfields\.(.*)$/s,
    (m) => ({
      message: `El campo "${m[1]}" (${m[2]}) requiere elegir subcampos, p. ej. "${m[1]} { ... }".`,
    }),
  ],
  [
    /^Field "(.*?)" must not have a selection since type "(.*?)" has no subfields\.$/,
    (m) => ({ message: `El campo "${m[1]}" (${m[2]}) no tiene subcampos: quite la selección.` }),
  ],
  [
    /^There can be only one (variable|fragment|operation|argument|input field) named "(.*?)"\.$/,
    (m) => ({ message: `"${m[2]}" está repetido: solo puede haber uno con ese nombre.` }),
  ],
  [
    /^This anonymous operation must be the only defined operation\.$/,
    () => ({ message: 'Una operación sin nombre debe ser la única del documento.' }),
  ],
  [/^Unknown fragment "(.*?)"\.$/, (m) => ({ message: `Fragmento desconocido "${m[1]}".` })],
  [/^Fragment "(.*?)" is never used\.$/, (m) => ({ message: `El fragmento "${m[1]}" no se usa.` })],
  [
    /^Cannot spread fragment "(.*?)" within itself.*$/s,
    (m) => ({ message: `El fragmento "${m[1]}" se incluye a sí mismo.` }),
  ],
  [/^Unknown directive "(.*?)"\.$/, (m) => ({ message: `Directiva desconocida "${m[1]}".` })],
  [
    /^The directive "(.*?)" can only be used once at this location\.$/,
    (m) => ({ message: `La directiva "${m[1]}" solo puede usarse una vez aquí.` }),
  ],
  [
    /^Directive "(.*?)" may not be used on (.*?)\.$/,
    (m) => ({ message: `La directiva "${m[1]}" no se admite en ${m[2]}.` }),
  ],
  [
    /^Fields "(.*?)" conflict because .*$/s,
    (m) => ({
      message: `Los campos "${m[1]}" entran en conflicto: use alias distintos para pedir ambos.`,
    }),
  ],
  [
    /^Fragment (?:"(.*?)" )?cannot be spread here.*$/s,
    () => ({ message: 'Ese fragmento no aplica al tipo en esta posición.' }),
  ],
  [
    /^Fragment cannot condition on non composite type.*$/s,
    () => ({ message: 'Un fragmento solo puede aplicarse a tipos de objeto.' }),
  ],
  [
    /^Maximum introspection depth exceeded\.?$/,
    () => ({ message: 'La consulta de introspección anida demasiado.' }),
  ],
  [
    /^(?:Anonymous Subscription|Subscription "(.*?)") must select only one top level field\.$/,
    () => ({ message: 'Una suscripción debe pedir un solo campo raíz.' }),
  ],
  [
    /^Schema is not configured to execute (\w+) operation\.$/,
    (m) => ({ message: `Este servidor no ofrece operaciones ${m[1]}.` }),
  ],
  [
    /^Unknown operation named "(.*?)"\.$/,
    (m) => ({
      message: `No hay una operación llamada "${m[1]}" en el documento.`,
      field: 'operationName',
    }),
  ],
  [
    /^Must provide operation name if query contains multiple operations\.$/,
    () => ({
      message: 'El documento tiene varias operaciones: indique operationName.',
      field: 'operationName',
    }),
  ],
  [
    /^Must provide an operation\.$/,
    () => ({ message: 'El documento no tiene ninguna operación.', field: 'query' }),
  ],
  // Apollo Server: malformed HTTP requests.
  [
    /^POST body missing, invalid Content-Type, or JSON object has no keys\.$/,
    () => ({
      message: 'Falta el cuerpo JSON de la petición (content-type: application/json, con "query").',
    }),
  ],
  [
    /^GraphQL operations must contain a non-empty `query` or a `persistedQuery` extension\.$/,
    () => ({
      message: 'La petición no trae "query": envíe la consulta GraphQL como texto.',
      field: 'query',
    }),
  ],
  [
    /^GraphQL queries must be strings\..*$/s,
    () => ({ message: '"query" debe ser un texto con la consulta GraphQL.', field: 'query' }),
  ],
  [
    /^`(variables|extensions)` in a POST body (?:should be provided as an object|must be an object).*$/s,
    (m) => ({ message: `"${m[1]}" debe ser un objeto JSON.`, field: m[1]! }),
  ],
  [
    /^`operationName` in a POST body must be a string if provided\.$/,
    () => ({ message: '"operationName" debe ser un texto.', field: 'operationName' }),
  ],
  [
    /^The '(.*?)' search parameter may only be specified once\.$/,
    (m) => ({ message: `El parámetro "${m[1]}" va una sola vez en la URL.`, field: m[1]! }),
  ],
  [
    /^The (\w+) search parameter contains invalid JSON\.$/,
    (m) => ({ message: `El parámetro "${m[1]}" de la URL no es JSON válido.`, field: m[1]! }),
  ],
  [
    /^The (\w+) search parameter should contain a JSON-encoded object\.$/,
    (m) => ({ message: `El parámetro "${m[1]}" de la URL debe ser un objeto JSON.`, field: m[1]! }),
  ],
  [
    /^GET requests may not have a content-type header other than application\/json\.$/,
    () => ({ message: 'Una petición GET solo admite content-type application/json.' }),
  ],
  [
    /^GET requests only support query operations, not (\w+) operations$/,
    (m) => ({ message: `Por GET solo se admiten consultas; envíe la operación ${m[1]} por POST.` }),
  ],
  [
    /^Apollo Server supports only GET\/POST requests\.$/,
    () => ({ message: 'Solo se admiten los métodos GET y POST.' }),
  ],
  [
    /^An 'accept' header was provided for this request which does not accept .*$/s,
    () => ({
      message:
        'El encabezado Accept no admite application/json ni application/graphql-response+json.',
    }),
  ],
  [
    /^Operation batching disabled\.$/,
    () => ({
      message: 'Se envió una lista de operaciones: envíe una sola operación por petición.',
    }),
  ],
  [
    /^No operations found in request\.$/,
    () => ({ message: 'La petición no trae ninguna operación.' }),
  ],
  [
    /^PersistedQueryNotSupported$/,
    () => ({
      message: 'Este servidor no guarda consultas persistidas (APQ): envíe la consulta completa.',
    }),
  ],
  [
    /^PersistedQueryNotFound$/,
    () => ({ message: 'Consulta persistida desconocida: envíe la consulta completa.' }),
  ],
  [
    /^Unsupported persisted query version$/,
    () => ({ message: 'Versión de consulta persistida no admitida.' }),
  ],
  [
    /^provided sha does not match query$/,
    () => ({ message: 'El sha256 no corresponde a la consulta.' }),
  ],
];

/** The Spanish of an English request-error message, or null when it is not one we know. */
export function translateRequestError(message: string): Translated | null {
  for (const [pattern, translate] of RULES) {
    const match = pattern.exec(message);
    if (match) return translate(match);
  }
  // An inline literal a scalar refused: graphql-js reports the scalar's own words.
  for (const [pattern, translate] of VALUE_DETAILS) {
    const match = pattern.exec(message.trim());
    if (match) return { message: `Valor inválido: ${translate(match)}.` };
  }
  return null;
}
