/**
 * Verification while serving, seals, proofs and the JWKS, over HTTP against the demo log — and the
 * tampered copy of the example: one digit of a GoalAmended changed with the server stopped.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { compactVerify, createLocalJWKSet } from 'jose';
import { npmRun, root, seedDemoLog, tamperableCopy } from '../support/demo-log';
import { contractError } from '../support/http';
import { hashLeaf, rfcVerifyConsistency, rfcVerifyInclusion } from '../support/rfc9162';
import { serveLog as serve } from '../support/served-log';
import { token } from '../support/server';

type Served = Awaited<ReturnType<typeof serve>>;
let dir: string;
let demoEventId: string;
/** What the demo log holds, read from it rather than hard-coded (the demo grows with issues). */
let eventsBy2025First: number;
let amendment: { revision: number; position: number };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bitacora-integrity-'));
  await seedDemoLog(dir);
  const db = new Database(join(dir, 'bitacora.db'), { readonly: true });
  eventsBy2025First = (
    db
      .prepare('SELECT count(*) AS n FROM events WHERE recorded_at <= ?')
      .get(Date.parse('2025-06-30T23:59:59.999-05:00')) as { n: number }
  ).n;
  // The issue's example: Ibagué's amended ACU-COB-URB goal, total 2749.
  amendment = db
    .prepare(
      `SELECT revision, position FROM events WHERE stream = 'plan-73001-2024' AND type = 'GoalAmended' AND data LIKE '%"total":2749%'`,
    )
    .get() as { revision: number; position: number };
  db.close();
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEAL_FIELDS =
  'semester treeSize rootHash lastPosition sealedThrough sealedAt algorithm kid jws eventId downloadPath';

describe('the intact demo log, served', () => {
  let api: Served;
  beforeAll(async () => {
    api = await serve(dir);
  }, 90_000);
  afterAll(() => api.stop());

  it('is ready, seals the semesters that ended while it was down, and reports integrity', async () => {
    expect((await fetch(`${api.base}/readyz`)).status).toBe(200);
    const body = await api.gql<{
      integrity: {
        status: string;
        treeSize: number;
        verifiedThroughPosition: number;
        lastFullVerification: { ok: boolean };
      };
      seals: { totalCount: number; edges: Array<{ node: { semester: string } }> };
    }>(`{ integrity { status treeSize verifiedThroughPosition lastFullVerification { ok events } faults { kind } }
         seals(first: 20) { totalCount edges { node { ${SEAL_FIELDS} } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data!.integrity.status).toBe('intact');
    expect(body.data!.integrity.lastFullVerification.ok).toBe(true);
    const semesters = body.data!.seals.edges.map((e) => e.node.semester);
    expect(semesters).toEqual(expect.arrayContaining(['2024-1', '2024-2', '2025-1', '2025-2']));
  });

  it('serves the seal key as a JWKS, and every seal verifies with it', async () => {
    const jwks = (await (await fetch(`${api.base}/.well-known/jwks.json`)).json()) as {
      keys: object[];
    };
    const keys = createLocalJWKSet(jwks as Parameters<typeof createLocalJWKSet>[0]);
    const body = await api.gql<{
      seals: { edges: Array<{ node: { jws: string; rootHash: string; treeSize: number } }> };
    }>(`{ seals { edges { node { ${SEAL_FIELDS} } } } }`);
    for (const { node } of body.data!.seals.edges) {
      const { payload } = await compactVerify(node.jws, keys);
      const head = JSON.parse(new TextDecoder().decode(payload)) as {
        rootHash: string;
        treeSize: number;
      };
      expect(head).toMatchObject({ rootHash: node.rootHash, treeSize: node.treeSize });
    }
  });

  it('the semester report prints the seal of its semester, for anyone to verify later', async () => {
    const body = await api.gql<{ plan: { seal: { rootHash: string; jws: string; kid: string } } }>(
      `{ plan(daneCode: "73001", firstYear: 2024, asOf: { semester: "2025-1" }) { seal { rootHash jws kid } } }`,
    );
    const seal = body.data!.plan.seal;
    const page = await (await fetch(`${api.base}/informes/73001/2024/2025-1`)).text();
    for (const value of [seal.rootHash, seal.jws, seal.kid, '/sellos/2025-1.json'])
      expect(page).toContain(value);
    expect(page).not.toContain('Sin sello');
  });

  it('plan(asOf: {semester}) carries that semester’s seal; audit entries carry their hash', async () => {
    const body = await api.gql<{
      plan: { seal: { semester: string; treeSize: number } };
      auditTrail: { edges: Array<{ node: { id: string; hash: string; eventType: string } }> };
    }>(`{ plan(daneCode: "73001", firstYear: 2024, asOf: { semester: "2025-1" }) { seal { ${SEAL_FIELDS} } }
         auditTrail(filter: { planId: "plan-73001-2024", eventTypes: ["GoalAmended"] }, first: 5) { edges { node { id hash eventType } } } }`);
    expect(body.data!.plan.seal).toMatchObject({ semester: '2025-1', treeSize: eventsBy2025First });
    const amended = body.data!.auditTrail.edges.map((e) => e.node);
    expect(amended.length).toBeGreaterThan(0);
    expect(amended.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    demoEventId = amended[amended.length - 1]!.id;
  });

  it('eventProof verifies with an independent RFC 9162 verifier; a changed hash does not', async () => {
    const body = await api.gql<{
      eventProof: {
        eventHash: string;
        leafIndex: number;
        treeSize: number;
        rootHash: string;
        auditPath: string[];
      };
    }>(
      `query($id: ID!) { eventProof(eventId: $id, semester: "2025-2") { eventId eventHash leafIndex treeSize rootHash auditPath seal { ${SEAL_FIELDS} } } }`,
      { id: demoEventId },
    );
    expect(body.errors).toBeUndefined();
    const proof = body.data!.eventProof;
    expect(
      rfcVerifyInclusion(
        hashLeaf(proof.eventHash),
        proof.leafIndex,
        proof.treeSize,
        proof.auditPath,
        proof.rootHash,
      ),
    ).toBe(true);
    const changed = (proof.eventHash[0] === '0' ? '1' : '0') + proof.eventHash.slice(1);
    expect(
      rfcVerifyInclusion(
        hashLeaf(changed),
        proof.leafIndex,
        proof.treeSize,
        proof.auditPath,
        proof.rootHash,
      ),
    ).toBe(false);
    // And the command-line checker accepts the saved response.
    const file = join(dir, 'prueba.json');
    writeFileSync(file, JSON.stringify(body));
    const checked = npmRun('verify', ['--proof', file], dir);
    expect(checked.stdout + checked.stderr).toMatch(/✓/);
    expect(checked.status).toBe(0);
  });

  it('consistencyProof between two seals verifies with the independent verifier', async () => {
    const body = await api.gql<{
      consistencyProof: {
        fromSize: number;
        toSize: number;
        fromRoot: string;
        toRoot: string;
        path: string[];
      };
    }>(
      `{ consistencyProof(from: "2024-2", to: "2025-2") { fromSize toSize fromRoot toRoot path from { ${SEAL_FIELDS} } to { ${SEAL_FIELDS} } } }`,
    );
    const p = body.data!.consistencyProof;
    expect(p.fromSize).toBeLessThan(p.toSize);
    expect(rfcVerifyConsistency(p.fromSize, p.toSize, p.fromRoot, p.toRoot, p.path)).toBe(true);
    expect(rfcVerifyConsistency(p.fromSize, p.toSize, p.toRoot, p.fromRoot, p.path)).toBe(false);
  });

  it('runs every command of the README section "Verificar la bitácora"', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Verificar la bitácora'),
      readme.indexOf('\n## ', readme.indexOf('## Verificar la bitácora') + 5),
    );
    const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks).toHaveLength(4);
    const folder = mkdtempSync(join(tmpdir(), 'bitacora-sellos-'));
    const script = blocks
      .join('\n')
      .replaceAll('http://localhost:4000', api.base)
      .replace(/(?<= )sellos\//g, `${folder}/`)
      .replace('mkdir -p sellos', `mkdir -p ${folder}`);
    // Asynchronously: the server answering the curl commands runs in this process.
    const { stdout: output } = await promisify(execFile)(
      'bash',
      ['-euo', 'pipefail', '-c', script],
      {
        cwd: root,
        env: { ...process.env, EVENTSTORE_PATH: join(dir, 'bitacora.db'), LOG_LEVEL: 'silent' },
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    expect(output).toMatch(/✓ Bitácora íntegra/);
    expect(output).toMatch(/✓ sello 2025-1 \(archivo 2025-1.json\)/);
    expect(output).toMatch(/✓ El evento .* está en la hoja \d+ del árbol sellado en 2025-2/);
    expect(output).toMatch(
      /"startupCheck":\{"state":"passed","method":"rows","checked":(\d+),"total":\1,/,
    );
    rmSync(folder, { recursive: true, force: true });
  }, 120_000);

  it('an event after the seal, or an unsealed semester, is a clear error', async () => {
    const body = await api.gql(
      `{ eventProof(eventId: "00000000-0000-4000-8000-000000000000", semester: "2025-1") { leafIndex } }`,
    );
    expect(body.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const badSemester = await api.gql(
      `{ eventProof(eventId: "${demoEventId}", semester: "2025-3") { leafIndex } }`,
    );
    expect(badSemester.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'semester',
    });
    const afterSeal = await api.gql(
      `{ eventProof(eventId: "${demoEventId}", semester: "2024-1") { leafIndex } }`,
    );
    expect(afterSeal.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'eventId',
    });
    const backwards = await api.gql(`{ consistencyProof(from: "2025-2", to: "2024-1") { path } }`);
    expect(backwards.errors![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'from',
    });
    const future = await api.gql(`{ consistencyProof(from: "2024-1", to: "2031-1") { path } }`);
    expect(future.errors![0]!.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'to' });
  });
  it.each([
    [
      'an unsealed semester',
      '/sellos/2031-1.json',
      404,
      'NOT_FOUND',
      /^semester: el semestre 2031-1 no está sellado/,
    ],
    [
      'a malformed semester',
      '/sellos/2025-3.json',
      400,
      'BAD_USER_INPUT',
      /^semester: "2025-3\.json" no es un sello: use \/sellos\/AAAA-S\.json/,
    ],
    ['a file that is no seal', '/sellos/', 400, 'BAD_USER_INPUT', /no es un sello/],
  ])(
    '/sellos/ refuses %s with the error contract’s body, naming the semester',
    async (_label, path, status, code, message) => {
      const error = await contractError(await fetch(`${api.base}${path}`), status);
      expect(error.extensions).toEqual({ code, field: 'semester' });
      expect(error.message).toMatch(message);
    },
  );

  it.each(['/sellos/2025-1.json', '/.well-known/jwks.json'])(
    '%s is read-only: POST is 405 with the error contract’s body',
    async (path) => {
      const response = await fetch(`${api.base}${path}`, { method: 'POST', body: '{}' });
      expect(response.headers.get('allow')).toBe('GET, HEAD');
      const error = await contractError(response, 405);
      expect(error.extensions).toEqual({ code: 'BAD_REQUEST' });
      expect(error.message).toBe(`${path} solo se lee (GET o HEAD); recibió POST.`);
    },
  );
});

describe('the tampered copy of the issue’s example (GoalAmended total 2749 → 2740, server stopped)', () => {
  let api: Served;
  let copyDir: string;
  beforeAll(async () => {
    const copy = tamperableCopy(join(dir, 'bitacora.db'), 'served');
    copyDir = copy.dir;
    copy.db
      .prepare(
        `UPDATE events SET data = replace(data, '"total":2749', '"total":2740') WHERE stream = 'plan-73001-2024' AND revision = ?`,
      )
      .run(amendment.revision);
    copy.db.close();
    api = await serve(copyDir);
  }, 90_000);
  afterAll(async () => {
    await api.stop();
    rmSync(copyDir, { recursive: true, force: true });
  });

  it('/readyz answers 503 naming the place', async () => {
    const response = await fetch(`${api.base}/readyz`);
    expect(response.status).toBe(503);
    const body = (await response.json()) as {
      errors: Array<{ message: string; extensions: Record<string, unknown> }>;
      faults: Array<Record<string, unknown>>;
    };
    expect(body.errors).toEqual([
      {
        message: expect.stringMatching(/^La bitácora no pasó la verificación de integridad: /),
        extensions: { code: 'INTEGRITY' },
      },
    ]);
    expect(body.faults[0]).toMatchObject({
      kind: 'hash',
      stream: 'plan-73001-2024',
      revision: amendment.revision,
      position: amendment.position,
    });
  });

  it('refuses writes to the damaged stream with INTEGRITY, and keeps serving reads', async () => {
    const write = await api.gql(
      `mutation { reportProgress(input: { daneCode: "73001", firstYear: 2024, indicator: "ACU-IRCA-URB", period: { year: 2026, month: 10 }, value: 3.1, source: "INS (SIVICAP)" }) { revision } }`,
      {},
      await token({ role: 'PLANNER', entity: '73001' }),
    );
    expect(write.errors![0]!.extensions).toMatchObject({
      code: 'INTEGRITY',
      stream: 'plan-73001-2024',
    });
    const read = await api.gql<{ goal: { total: number } }>(
      `{ goal(id: "73001-2024-ACU-COB-URB") { total } }`,
    );
    expect(read.data!.goal.total).toBe(2740);
    const status = await api.gql<{
      integrity: { status: string; faults: Array<{ stream: string; revision: number }> };
    }>(`{ integrity { status faults { kind stream revision position eventId expected found } } }`);
    expect(status.data!.integrity).toMatchObject({
      status: 'damaged',
      faults: [
        expect.objectContaining({ stream: 'plan-73001-2024', revision: amendment.revision }),
      ],
    });
  });
});
