import { SignJWT } from 'jose';
import { authenticate, createVerifier, issueToken } from '../../src/graphql/auth';
import { mayWritePlan, maySeeIdentities } from '../../src/domain/access';
import { jwtConfig } from '../support/server';

const verify = createVerifier(jwtConfig);
const ana = { id: 'ana', name: 'Ana Gómez', role: 'PLANNER' as const, entity: '73001' };

describe('authentication', () => {
  it('turns a valid token into the principal, and no header into anonymous', async () => {
    const token = await issueToken(jwtConfig, ana);
    expect(await authenticate(`Bearer ${token}`, verify)).toEqual(ana);
    expect(await authenticate(undefined, verify)).toBeNull();
  });

  it.each([
    ['a malformed header', async () => 'Token abc', /Bearer/],
    ['an expired token', async () => `Bearer ${await issueToken(jwtConfig, ana, '-1s')}`, /expiró/],
    [
      'another secret',
      async () => `Bearer ${await issueToken({ ...jwtConfig, jwtSecret: 'otro' }, ana)}`,
      /inválido/,
    ],
    [
      'another audience',
      async () => `Bearer ${await issueToken({ ...jwtConfig, jwtAudience: 'otra-api' }, ana)}`,
      /inválido/,
    ],
    [
      'an unknown role',
      async () =>
        `Bearer ${await new SignJWT({ role: 'ALCALDE', entity: '73001' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('bitacora')
          .setAudience('bitacora-api')
          .setExpirationTime('1h')
          .sign(new TextEncoder().encode(jwtConfig.jwtSecret))}`,
      /Rol desconocido/,
    ],
  ])('refuses %s as UNAUTHENTICATED', async (_label, header, message) => {
    const attempt = authenticate(await header(), verify);
    await expect(attempt).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    await expect(attempt).rejects.toThrow(message);
  });
});

describe('authentication failures carry their HTTP status', () => {
  it('a bad token refuses the whole request with 401 and WWW-Authenticate', async () => {
    const attempt = authenticate('Bearer x.y.z', verify);
    await expect(attempt).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
    });
    const error = (await attempt.catch((e: unknown) => e)) as {
      extensions: { http: { headers: Map<string, string> } };
    };
    expect(error.extensions.http.headers.get('www-authenticate')).toBe(
      'Bearer realm="bitacora", error="invalid_token"',
    );
  });

  it("a key set that does not answer is 503 SERVICE_UNAVAILABLE, not the token's fault", async () => {
    const unreachable = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(authenticate('Bearer a.b.c', unreachable)).rejects.toMatchObject({
      extensions: { code: 'SERVICE_UNAVAILABLE', http: { status: 503 } },
    });
  });
});

describe('who may do what', () => {
  const ibague = { daneCode: '73001', departmentCode: '73' };
  it('planners write their municipality; PDAs projects in their department; others read', () => {
    expect(mayWritePlan(ana, 'SetGoal', ibague)).toBe(true);
    expect(mayWritePlan(ana, 'SetGoal', { daneCode: '73268', departmentCode: '73' })).toBe(false);
    const pda = { id: 'p', name: 'PDA', role: 'PDA' as const, entity: '73' };
    expect(mayWritePlan(pda, 'RegisterProject', ibague)).toBe(true);
    expect(mayWritePlan(pda, 'AmendGoal', ibague)).toBe(false);
    expect(mayWritePlan({ ...pda, entity: '05' }, 'RegisterProject', ibague)).toBe(false);
    expect(mayWritePlan(null, 'SetGoal', ibague)).toBe(false);
    expect(mayWritePlan({ ...ana, role: 'CONTROL' }, 'SetGoal', ibague)).toBe(false);
  });
  it('identities: control bodies everywhere, territorial roles at home, anonymous never', () => {
    expect(maySeeIdentities({ ...ana, role: 'CONTROL', entity: 'contraloria' }, ibague)).toBe(true);
    expect(maySeeIdentities({ ...ana, role: 'CTP' }, ibague)).toBe(true);
    expect(maySeeIdentities({ ...ana, role: 'CTP', entity: '73268' }, ibague)).toBe(false);
    expect(maySeeIdentities(null, ibague)).toBe(false);
  });
});
