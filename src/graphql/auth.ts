/**
 * JWT bearer tokens, verified with `jose`: an HS256 shared secret or a JWKS URL from
 * configuration. The actor recorded in events comes from here, never from the input.
 */
import { SignJWT, createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Config } from '../config';
import { ROLES, type Principal, type Role } from '../domain/access';
import { requestError, unauthenticatedRequest } from './errors';

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

/**
 * The caller of a request: null when there is no `Authorization` header (anonymous reads). A
 * header that is present but not a valid, unexpired token of this API refuses the whole request
 * with 401 UNAUTHENTICATED, on reads too: a client that meant to send credentials must not be
 * served as anonymous without knowing it.
 */
export async function authenticate(
  authorization: string | undefined,
  verify: TokenVerifier,
): Promise<Principal | null> {
  if (authorization === undefined) return null;
  const match = /^Bearer +([A-Za-z0-9_~+/.=-]+)$/i.exec(authorization.trim());
  if (!match)
    throw unauthenticatedRequest(
      'Encabezado Authorization inválido: use "Bearer <token>" (o no lo envíe para leer como anónimo).',
      false,
    );
  let payload: JWTPayload;
  try {
    payload = await verify(match[1]!);
  } catch (error) {
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      // The key set did not answer: the server's problem, not the token's.
      throw requestError(
        'SERVICE_UNAVAILABLE',
        503,
        'No se pudo verificar el token: el servicio de llaves no respondió. Reintente en un momento.',
      );
    }
    const expired = error instanceof errors.JWTExpired;
    throw unauthenticatedRequest(
      expired ? 'El token expiró: obtenga uno nuevo.' : 'Token inválido: no lo emitió esta API.',
      true,
    );
  }
  const role = payload.role as Role;
  if (!ROLES.includes(role))
    throw unauthenticatedRequest(`Rol desconocido en el token: ${String(payload.role)}.`, true);
  if (typeof payload.sub !== 'string' || typeof payload.entity !== 'string') {
    throw unauthenticatedRequest('El token debe traer "sub" y "entity".', true);
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
