/**
 * `npm run token -- --role PLANNER --dane 73001 [--name "Ana"] [--sub u-1] [--hours 8]`
 * prints a development token signed with JWT_SECRET (or the development secret).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { ROLES, type Role } from '../domain/access';
import { issueToken } from '../graphql/auth';

async function main(): Promise<void> {
  const { values } = parseArgs({
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
  if (!ROLES.includes(role)) throw new Error(`--role debe ser uno de ${ROLES.join(', ')}`);
  const entity =
    values.dane ??
    values.entity ??
    (role === 'ADMIN' || role === 'CONTROL' || role === 'MINISTRY'
      ? role.toLowerCase()
      : undefined);
  if (!entity) throw new Error('Indique --dane (municipio o departamento) o --entity.');
  const token = await issueToken(
    loadConfig(),
    {
      id: values.sub ?? `dev-${role.toLowerCase()}-${entity}`,
      name: values.name ?? `Usuario ${role} ${entity}`,
      role,
      entity,
    },
    `${Number(values.hours)}h`,
  );
  console.log(token);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
