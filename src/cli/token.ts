/**
 * `npm run token -- --role PLANNER --dane 73001 [--name "Ana"] [--sub u-1] [--hours 8]`
 * prints a development token signed with JWT_SECRET (or the development secret).
 */
import { loadConfig } from '../config';
import { ROLES, type Role } from '../domain/access';
import { issueToken } from '../graphql/auth';
import { parseCommandLine, runCommand, UsageError } from './command-line';

const USAGE = `Uso: npm run token -- --role ROL [--dane CÓDIGO | --entity ENTIDAD] [opciones]

Imprime un token JWT de desarrollo firmado con JWT_SECRET (o el secreto de desarrollo cuando no
hay uno y NODE_ENV no es production).

Opciones:
  --role ROL         ${ROLES.join(', ')}
  --dane CÓDIGO      municipio (PLANNER, CTP: 5 dígitos) o departamento (PDA: 2 dígitos)
  --entity ENTIDAD   entidad de los roles nacionales (por omisión el rol en minúsculas)
  --name NOMBRE      nombre de la persona (por omisión "Usuario ROL ENTIDAD")
  --sub ID           identificador de la persona
  --hours N          horas de validez, mayor que 0 (por omisión 8)
  --help             muestra esta ayuda

Ejemplo:
  npm run -s token -- --role PLANNER --dane 73001`;

async function main(): Promise<void> {
  const { values } = parseCommandLine({
    usage: USAGE,
    options: {
      role: { type: 'string' },
      dane: { type: 'string' },
      entity: { type: 'string' },
      name: { type: 'string' },
      sub: { type: 'string' },
      hours: { type: 'string', default: '8' },
    },
  });
  const role = values.role as Role;
  if (!ROLES.includes(role)) throw new UsageError(`--role debe ser uno de ${ROLES.join(', ')}.`);
  const hours = Number(values.hours);
  if (!Number.isFinite(hours) || hours <= 0)
    throw new UsageError(
      `--hours debe ser un número de horas mayor que 0 (recibió "${values.hours}").`,
    );
  if (values.dane !== undefined && !/^\d{2}$|^\d{5}$/.test(values.dane))
    throw new UsageError(
      '--dane debe ser un código DANE de 5 dígitos (municipio) o 2 (departamento).',
    );
  const entity =
    values.dane ??
    values.entity ??
    (role === 'ADMIN' || role === 'CONTROL' || role === 'MINISTRY'
      ? role.toLowerCase()
      : undefined);
  if (!entity) throw new UsageError('indique --dane (municipio o departamento) o --entity.');
  const token = await issueToken(
    loadConfig(),
    {
      id: values.sub ?? `dev-${role.toLowerCase()}-${entity}`,
      name: values.name ?? `Usuario ${role} ${entity}`,
      role,
      entity,
    },
    `${Math.round(hours * 3600)}s`,
  );
  console.log(token);
}

runCommand(main);
