/**
 * JWT bearer tokens, verified with `jose`: an HS256 shared secret or a JWKS URL from
 * configuration. The actor recorded in events comes from here, never from the input.
 */
import { SignJWT, createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config';
import { ROLES, type Principal, type Role } from '../domain/access';
import { unauthenticated } from './errors';

export type TokenVerifier = (token: string) => Promise<JWTPayload>;

export function createVerifier(
  config: Pick<Config, 'jwtSecret' | 'jwksUrl' | 'jwtIssuer' | 'jwtAudience'>,
): TokenVerifier {
  const options = { issuer: config.jwtIssuer, audience: config.jwtAudience };
  if (config.jwksUrl) {
    const keys = createRemoteJWKSet(new URL(config.jwksUrl));
    return async (token) => (await jwtVerify(token, keys, options)).payload;
  }
  if (!config.jwtSecret) throw new Error('Falta JWT_SECRET o JWT_JWKS_URL.');
  const secret = new TextEncoder().encode(config.jwtSecret);
  return async (token) =>
    (await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })).payload;
}

/** The caller of a request: null for anonymous; UNAUTHENTICATED for a bad or expired token. */
export async function authenticate(
  authorization: string | undefined,
  verify: TokenVerifier,
): Promise<Principal | null> {
  if (!authorization) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  if (!match) throw unauthenticated('Encabezado Authorization inválido: use "Bearer <token>".');
  let payload: JWTPayload;
  try {
    payload = await verify(match[1]!);
  } catch (error) {
    const expired = error instanceof Error && error.name === 'JWTExpired';
    throw unauthenticated(expired ? 'El token expiró.' : 'Token inválido.');
  }
  const role = payload.role as Role;
  if (!ROLES.includes(role))
    throw unauthenticated(`Rol desconocido en el token: ${String(payload.role)}.`);
  if (typeof payload.sub !== 'string' || typeof payload.entity !== 'string') {
    throw unauthenticated('El token debe traer "sub" y "entity".');
  }
  return {
    id: payload.sub,
    name: typeof payload.name === 'string' ? payload.name : payload.sub,
    role,
    entity: payload.entity,
  };
}

/** Issues an HS256 token (development: `npm run token`; tests). */
export async function issueToken(
  config: Pick<Config, 'jwtSecret' | 'jwtIssuer' | 'jwtAudience'>,
  principal: Principal,
  expiresIn = '8h',
): Promise<string> {
  if (!config.jwtSecret) throw new Error('Se requiere JWT_SECRET para emitir tokens locales.');
  return new SignJWT({ name: principal.name, role: principal.role, entity: principal.entity })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(principal.id)
    .setIssuer(config.jwtIssuer)
    .setAudience(config.jwtAudience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(config.jwtSecret));
}
