/**
 * The error contract over HTTP (issue 12): every bad request refused cleanly, with the status
 * GraphQL over HTTP gives it for the media type the client accepts, a documented code, a Spanish
 * message naming the field, and nothing appended.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditServer } from 'graphql-http';
import { ERROR_CODES, ERROR_CONTRACT } from '../../src/graphql/errors';
import { REQUEST_LIMITS, TYPE_DEFAULTS, VALUE_RULES } from '../../src/graphql/limits';
import { issueToken } from '../../src/graphql/auth';
import { BUDGET_FIELDS } from '../../src/domain/monitoring/monitoring';
import type { PlanCommand } from '../../src/domain/plan/commands';
import { contractError } from '../support/http';
import { asMutation, jwtConfig, startTestServer, token, type TestServer } from '../support/server';

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

interface Answer {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  };
}

describe('the error contract over HTTP', () => {
  let api: TestServer;
  let planner: string;
  let ministry: string;

  async function post(
    body: unknown,
    headers: Record<string, string> = {},
    raw?: string,
  ): Promise<Answer> {
    const response = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: raw ?? JSON.stringify(body),
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Answer['body'],
    };
  }
  /** The same request with each media type: [graphql-response+json, json]. */
  const both = async (body: unknown, headers: Record<string, string> = {}) =>
    Promise.all([post(body, { ...headers, accept: GRAPHQL_RESPONSE }), post(body, headers)]);
  const firstError = (answer: Answer) => answer.body.errors![0]!;

  beforeAll(async () => {
    api = await startTestServer();
    planner = await token({ role: 'PLANNER', entity: '73001', id: 'ana', name: 'Ana' });
    ministry = await token({ role: 'MINISTRY', entity: 'minvivienda' });
    const open = asMutation(
      { type: 'OpenPlan', daneCode: '73001', firstYear: 2024 },
      '73001',
      2024,
    );
    const opened = await api.gql(open.query, { input: open.input }, planner);
    expect(opened.body.errors).toBeUndefined();
    for (const command of [
      {
        type: 'SetBaseline',
        indicator: 'ACU-COB-URB',
        value: 80,
        measuredAt: { year: 2023 },
        source: 'SUI',
      },
      { type: 'SetGoal', indicator: 'ACU-COB-URB', targets: [1, 1, 1, 1], total: 4 },
      // Adopted, so that goal changes are amendments (a draft is revised with SetGoal).
      { type: 'AdoptPlan', act: 'ACUERDO', number: '012', date: '2024-05-31' },
    ] satisfies PlanCommand[]) {
      const step = asMutation(command, '73001', 2024);
      expect(
        (await api.gql(step.query, { input: step.input }, planner)).body.errors,
      ).toBeUndefined();
    }
  });

  afterAll(async () => {
    await api.stop();
  });

  describe('variables of the wrong shape are request errors, never 500', () => {
    const PLAN = 'query($y: Int!){ plan(daneCode:"73001", firstYear:$y){ id } }';

    it('a string for an Int: 400 with graphql-response+json, 200 with json, naming variables.y', async () => {
      const [strict, legacy] = await both({ query: PLAN, variables: { y: '2024' } });
      expect(strict.status).toBe(400);
      expect(strict.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
      expect(legacy.status).toBe(200);
      for (const answer of [strict, legacy]) {
        expect(answer.body.data).toBeUndefined();
        expect(firstError(answer).extensions).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'variables.y',
        });
        expect(firstError(answer).message).toBe(
          'variables.y: Int no admite "2024": se esperaba un entero.',
        );
      }
    });

    it('written inline, the same mistake is refused the same way and names the argument', async () => {
      const [strict, legacy] = await both({
        query: '{ plan(daneCode:"73001", firstYear:"2024"){ id } }',
      });
      expect([strict.status, legacy.status]).toEqual([400, 200]);
      expect(firstError(strict).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'firstYear' });
      expect(firstError(strict).message).toBe(
        'Valor inválido: Int no admite "2024": se esperaba un entero.',
      );
    });

    it.each([
      ['an unknown field in an input', { unknown: 1 }, 'variables.input.unknown', /no existe/],
      ['a missing required field', {}, 'variables.input.indicator', /falta el campo obligatorio/],
      ['a null input', null, 'variables.input', /no puede ser null/],
      [
        'a list item of the wrong type',
        { targets: [1, 2, 'x', 4] },
        'variables.input.targets[2]',
        /Float no admite/,
      ],
    ])('%s', async (_label, change, field, message) => {
      const before = await api.events.headPosition();
      const goal = asMutation(
        { type: 'SetGoal', indicator: 'ACU-COB-RUR', targets: [1, 1, 1, 1], total: 4 },
        '73001',
        2024,
      );
      const input = change === null ? null : { ...goal.input, ...change };
      if (field === 'variables.input.indicator')
        delete (input as Record<string, unknown>).indicator;
      const [strict, legacy] = await both(
        { query: goal.query, variables: { input } },
        { authorization: `Bearer ${planner}` },
      );
      expect([strict.status, legacy.status]).toEqual([400, 200]);
      expect(firstError(strict).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(firstError(strict).message).toMatch(message);
      expect(await api.events.headPosition()).toBe(before);
    });
  });

  describe('query limits travel as request errors with Spanish messages', () => {
    it('a query over the cost limit is 400 (graphql-response+json), not 500', async () => {
      const costly = `{ municipalities(first: 100) { edges { node { plans { goals { progressReports { value } } } } } } }`;
      const [strict, legacy] = await both({ query: costly });
      expect([strict.status, legacy.status]).toEqual([400, 200]);
      expect(firstError(strict).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'query',
        maximum: REQUEST_LIMITS.complexity,
      });
      expect(firstError(strict).message).toMatch(/demasiado costosa/);
    });

    it('a query over the node cap is 400 in Spanish', async () => {
      // Seven levels of fragments spreading the next one four times: 4^7 fields once expanded.
      const levels = Array.from(
        { length: 7 },
        (_, i) =>
          `fragment F${i} on Municipality { ${Array(4)
            .fill(`...F${i + 1}`)
            .join(' ')} }`,
      ).join(' ');
      const bomb = `query { municipality(daneCode: "73001") { ...F0 } } ${levels} fragment F7 on Municipality { name }`;
      const answer = await post({ query: bomb }, { accept: GRAPHQL_RESPONSE });
      expect(answer.status).toBe(400);
      expect(firstError(answer).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'query',
      });
      expect(firstError(answer).message).toMatch(/demasiados campos/);
    });

    it('too many aliases, directives or tokens', async () => {
      const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: indicators { code }`).join(' ')} }`;
      const directives = `{ indicators ${Array.from({ length: 31 }, () => '@include(if: true)').join(' ')} { code } }`;
      const tokens = `{ ${'__typename '.repeat(REQUEST_LIMITS.tokens)} }`;
      for (const [query, message] of [
        [aliases, /31 alias/],
        [directives, /31 directivas/],
        [tokens, /demasiado larga/],
      ] as const) {
        const answer = await post({ query }, { accept: GRAPHQL_RESPONSE });
        expect(answer.status).toBe(400);
        expect(firstError(answer).extensions!.code).toBe('BAD_USER_INPUT');
        expect(firstError(answer).message).toMatch(message);
      }
    });
  });

  describe('authentication', () => {
    const ANONYMOUS_READ = { query: '{ municipality(daneCode: "73001") { name } }' };

    it('no header reads as anonymous', async () => {
      const answer = await post(ANONYMOUS_READ);
      expect(answer.status).toBe(200);
      expect(answer.body.data).toEqual({ municipality: { name: 'IBAGUÉ' } });
    });

    it.each([
      ['garbage', 'Bearer garbage'],
      ['a malformed header', 'Token abc'],
      ['an empty header', ''],
      ['an expired token', 'expired'],
      ['another secret', 'forged'],
    ])(
      '%s is 401 UNAUTHENTICATED, also on a query that works anonymously',
      async (_label, header) => {
        const principal = { id: 'ana', name: 'Ana', role: 'PLANNER' as const, entity: '73001' };
        const value =
          header === 'expired'
            ? `Bearer ${await issueToken(jwtConfig, principal, '-1s')}`
            : header === 'forged'
              ? `Bearer ${await issueToken({ ...jwtConfig, jwtSecret: 'otro' }, principal)}`
              : header;
        const [strict, legacy] = await both(ANONYMOUS_READ, { authorization: value });
        for (const answer of [strict, legacy]) {
          expect(answer.status).toBe(401);
          expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="bitacora"/);
          expect(answer.body.data).toBeUndefined();
          expect(firstError(answer).extensions).toEqual({ code: 'UNAUTHENTICATED' });
        }
        expect(firstError(strict).message).toMatch(header === 'expired' ? /expiró/ : /inválido/);
      },
    );

    it('a mutation without a token is 401 and appends nothing', async () => {
      const before = await api.events.headPosition();
      const goal = asMutation(
        { type: 'SetGoal', indicator: 'ACU-COB-URB', targets: [1, 1, 1, 1], total: 4 },
        '73001',
        2024,
      );
      const answer = await post({ query: goal.query, variables: { input: goal.input } });
      expect(answer.status).toBe(401);
      expect(firstError(answer).extensions!.code).toBe('UNAUTHENTICATED');
      expect(await api.events.headPosition()).toBe(before);
    });
  });

  describe('limits on values, declared once, enforced before anything is appended', () => {
    const amend = (change: Record<string, unknown>) => {
      const mutation = asMutation(
        {
          type: 'AmendGoal',
          indicator: 'ACU-COB-URB',
          targets: [1, 1, 1, 2],
          total: 5,
          reason: 'Ajuste',
          legalBasis: 'Acuerdo 001 de 2025',
        },
        '73001',
        2024,
      );
      return { query: mutation.query, variables: { input: { ...mutation.input, ...change } } };
    };

    it.each([
      ['reason', 'input.reason', VALUE_RULES.reason!.maxLength!],
      ['legalBasis', 'input.legalBasis', VALUE_RULES.legalBasis!.maxLength!],
    ])(
      'a %s one character over its limit is refused naming the field and the limit',
      async (name, field, limit) => {
        const before = await api.events.headPosition();
        const [strict, legacy] = await both(amend({ [name]: 'x'.repeat(limit + 1) }), {
          authorization: `Bearer ${planner}`,
        });
        expect([strict.status, legacy.status]).toEqual([400, 200]);
        expect(firstError(strict).extensions).toEqual({
          code: 'BAD_USER_INPUT',
          field,
          limit: { maxLength: limit },
        });
        expect(firstError(strict).message).toBe(
          `${field}: supera el máximo de ${limit} caracteres (tiene ${limit + 1}).`,
        );
        expect(await api.events.headPosition()).toBe(before);
      },
    );

    const { min: FLOAT_MIN, max: FLOAT_MAX } = TYPE_DEFAULTS.Float;
    const INT_MIN = TYPE_DEFAULTS.Int.min!;
    const INT_MAX = TYPE_DEFAULTS.Int.max!;
    const progress = (value: number) => {
      const mutation = asMutation(
        {
          type: 'ReportProgress',
          indicator: 'ACU-COB-URB',
          period: { year: 2025 },
          value,
          source: 'SUI',
        },
        '73001',
        2024,
      );
      return { query: mutation.query, variables: { input: mutation.input } };
    };
    const presentation = (attendance: number) => ({
      query: `mutation($input: RecordPresentationInput!) { recordPresentation(input: $input) { revision } }`,
      variables: {
        input: {
          daneCode: '73001',
          firstYear: 2024,
          semester: '2025-1',
          forum: 'CTP',
          date: '2025-07-15',
          act: 'Acta 7 de 2025',
          attendance,
        },
      },
    });

    it.each([
      ['over', FLOAT_MAX * 2, { max: FLOAT_MAX }, `supera el máximo ${FLOAT_MAX}`],
      ['under', FLOAT_MIN * 2, { min: FLOAT_MIN }, `es menor que el mínimo ${FLOAT_MIN}`],
    ])(
      'a Float %s its range (±1e15) is refused naming the field and the limit; nothing appended',
      async (_side, value, limit, says) => {
        const before = await api.events.headPosition();
        const [strict, legacy] = await both(progress(value), {
          authorization: `Bearer ${planner}`,
        });
        expect([strict.status, legacy.status]).toEqual([400, 200]);
        for (const answer of [strict, legacy]) {
          expect(answer.body.data).toBeUndefined();
          expect(firstError(answer).extensions).toEqual({
            code: 'BAD_USER_INPUT',
            field: 'input.value',
            limit,
          });
          expect(firstError(answer).message).toBe(`input.value: ${value} ${says}.`);
        }
        expect(await api.events.headPosition()).toBe(before);
      },
    );

    it('an Int under its range (0..2^31-1) is refused naming the field and the limit; nothing appended', async () => {
      const before = await api.events.headPosition();
      const [strict, legacy] = await both(presentation(-1), {
        authorization: `Bearer ${planner}`,
      });
      expect([strict.status, legacy.status]).toEqual([400, 200]);
      for (const answer of [strict, legacy]) {
        expect(firstError(answer).extensions).toEqual({
          code: 'BAD_USER_INPUT',
          field: 'input.attendance',
          limit: { min: INT_MIN },
        });
        expect(firstError(answer).message).toBe(
          `input.attendance: -1 es menor que el mínimo ${INT_MIN}.`,
        );
      }
      expect(await api.events.headPosition()).toBe(before);
    });

    it('an Int over 2^31-1 is refused as a variable of the wrong type, naming its path; nothing appended', async () => {
      const before = await api.events.headPosition();
      const answer = await post(presentation(INT_MAX + 1), {
        authorization: `Bearer ${planner}`,
        accept: GRAPHQL_RESPONSE,
      });
      expect(answer.status).toBe(400);
      expect(firstError(answer).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'variables.input.attendance',
      });
      expect(firstError(answer).message).toMatch(/^variables\.input\.attendance: .*entero/);
      expect(await api.events.headPosition()).toBe(before);
    });

    it('the limits hold at their edges: ±1e15 and 0 pass the edge and reach the command', async () => {
      for (const request of [progress(FLOAT_MAX), progress(FLOAT_MIN), presentation(INT_MIN)]) {
        const answer = await post(request, { authorization: `Bearer ${planner}` });
        expect(answer.status).toBe(200);
        for (const error of answer.body.errors ?? [])
          expect(error.extensions).not.toHaveProperty('limit');
      }
    });

    it('a reason of 1,048,576 characters is 413 with a JSON error, and nothing is stored', async () => {
      const before = await api.events.headPosition();
      const answer = await post(amend({ reason: 'x'.repeat(1_048_576) }), {
        authorization: `Bearer ${planner}`,
      });
      expect(answer.status).toBe(413);
      expect(firstError(answer).extensions).toEqual({ code: 'PAYLOAD_TOO_LARGE' });
      expect(firstError(answer).message).toMatch(/supera 262144 bytes/);
      expect(await api.events.headPosition()).toBe(before);
    });

    it('a body without content-length is cut at the limit and answered 413 too', async () => {
      const chunks = new ReadableStream<Uint8Array>({
        start(controller) {
          const piece = new TextEncoder().encode('x'.repeat(64 * 1024));
          for (let i = 0; i < 8; i++) controller.enqueue(piece);
          controller.close();
        },
      });
      const response = await fetch(api.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunks,
        duplex: 'half',
      } as RequestInit);
      expect(response.status).toBe(413);
      expect(((await response.json()) as Answer['body']).errors![0]!.extensions!.code).toBe(
        'PAYLOAD_TOO_LARGE',
      );
    });

    it('a 1 MB source on recordBudgetReport is refused and the risk total does not move', async () => {
      const RISK = '{ riskAssessment(daneCode: "73001", year: 2025) { score { total } } }';
      const riskBefore = (await post({ query: RISK })).body.data;
      const before = await api.events.headPosition();
      const report = Object.fromEntries(BUDGET_FIELDS.map((key) => [key, 100]));
      const query = `mutation($report: BudgetReportInput!, $source: String!) {
        recordBudgetReport(daneCode: "73001", year: 2025, report: $report, source: $source) { revision } }`;
      const huge = await post(
        { query, variables: { report, source: 'x'.repeat(1_000_000) } },
        { authorization: `Bearer ${ministry}` },
      );
      expect(huge.status).toBe(413);
      const over = await post(
        { query, variables: { report, source: 'x'.repeat(VALUE_RULES.source!.maxLength! + 1) } },
        { authorization: `Bearer ${ministry}`, accept: GRAPHQL_RESPONSE },
      );
      expect(over.status).toBe(400);
      expect(firstError(over).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'source',
      });
      expect(await api.events.headPosition()).toBe(before);
      expect((await post({ query: RISK })).body.data).toEqual(riskBefore);
    });

    it.each([
      ['a control character', 'Ajuste\u0007', /carácter de control no permitido \(U\+0007\)/],
      ['a bidirectional override', 'Ajuste \u202Eodaborpa', /U\+202E/],
      ['a lone surrogate', 'Ajuste \uD800', /Unicode inválido/],
    ])('%s in a text is refused', async (_label, reason, message) => {
      const before = await api.events.headPosition();
      const answer = await post(amend({ reason }), {
        authorization: `Bearer ${planner}`,
        accept: GRAPHQL_RESPONSE,
      });
      expect(answer.status).toBe(400);
      expect(firstError(answer).extensions).toMatchObject({ field: 'input.reason' });
      expect(firstError(answer).message).toMatch(message);
      expect(await api.events.headPosition()).toBe(before);
    });

    it('tabs and line breaks are text, and are kept', async () => {
      const answer = await post(amend({ reason: 'Primera línea\n\tsegunda' }), {
        authorization: `Bearer ${planner}`,
      });
      expect(answer.body.errors).toBeUndefined();
    });

    it('huge lists are refused by their item limit', async () => {
      const answer = await post(
        {
          query:
            'query($types: [String!]) { auditTrail(filter: { eventTypes: $types }) { totalCount } }',
          variables: { types: Array.from({ length: 51 }, () => 'GoalSet') },
        },
        { accept: GRAPHQL_RESPONSE },
      );
      expect(answer.status).toBe(400);
      expect(firstError(answer).extensions).toMatchObject({
        field: 'filter.eventTypes',
        limit: { maxItems: 50 },
      });
    });
  });

  describe('arguments validated the same way in every query and mutation', () => {
    it.each([2025, 1999, 0, -4])(
      'a firstYear of %s is BAD_USER_INPUT on firstYear, saying which years are valid',
      async (firstYear) => {
        const before = await api.events.headPosition();
        const progress = asMutation(
          {
            type: 'ReportProgress',
            indicator: 'ACU-COB-URB',
            period: { year: 2025 },
            value: 90,
            source: 'SUI',
          },
          '73001',
          firstYear,
        );
        const answer = await post(
          { query: progress.query, variables: { input: progress.input } },
          { authorization: `Bearer ${planner}`, accept: GRAPHQL_RESPONSE },
        );
        expect(answer.status).toBe(400);
        expect(firstError(answer).extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          field: 'input.firstYear',
        });
        expect(firstError(answer).message).toMatch(/múltiplo de 4|múltiplos de 4/);
        expect(await api.events.headPosition()).toBe(before);
        const read = await post({
          query: `{ plan(daneCode: "73001", firstYear: ${firstYear}) { id } }`,
        });
        expect(firstError(read).extensions).toMatchObject({ field: 'firstYear' });
      },
    );

    it('a malformed DANE code is BAD_USER_INPUT in every query, an unknown one null', async () => {
      for (const query of [
        '{ municipality(daneCode: "abc") { name } }',
        '{ plan(daneCode: "abc", firstYear: 2024) { id } }',
        '{ riskAssessment(daneCode: "abc", year: 2025) { legalSource } }',
        '{ auditTrail(filter: { daneCode: "abc" }) { totalCount } }',
        '{ socialPlan(scope: "abc", firstYear: 2024) { id } }',
        '{ municipalities(departmentCode: "abc") { totalCount } }',
      ]) {
        const answer = await post({ query }, { accept: GRAPHQL_RESPONSE });
        expect([query, answer.status]).toEqual([query, 400]);
        expect(firstError(answer).extensions!.code).toBe('BAD_USER_INPUT');
        expect(firstError(answer).message).toMatch(/no es un código/);
      }
      for (const query of [
        '{ municipality(daneCode: "99999") { name } }',
        '{ plan(daneCode: "99999", firstYear: 2024) { id } }',
        '{ riskAssessment(daneCode: "99999", year: 2025) { legalSource } }',
        '{ socialPlan(scope: "99999", firstYear: 2024) { id } }',
      ]) {
        const answer = await post({ query });
        expect(answer.status).toBe(200);
        expect(answer.body.errors).toBeUndefined();
        expect(Object.values(answer.body.data!)).toEqual([null]);
      }
    });

    it('a well-formed unknown DANE code is NOT_FOUND on mutations', async () => {
      const admin = await token({ role: 'ADMIN', entity: 'minvivienda' });
      const open = asMutation(
        { type: 'OpenPlan', daneCode: '99999', firstYear: 2024 },
        '99999',
        2024,
      );
      const answer = await post(
        { query: open.query, variables: { input: open.input } },
        { authorization: `Bearer ${admin}` },
      );
      expect(answer.status).toBe(200);
      expect(firstError(answer).extensions).toMatchObject({
        code: 'NOT_FOUND',
        field: 'input.daneCode',
      });
    });
  });

  describe('the HTTP level', () => {
    it('malformed JSON, a missing query and an unknown path answer JSON errors with documented codes', async () => {
      const badJson = await post(undefined, {}, '{"query": ');
      expect(badJson.status).toBe(400);
      expect(firstError(badJson).extensions).toEqual({ code: 'BAD_REQUEST' });
      const noQuery = await post({ variables: {} });
      expect(noQuery.status).toBe(400);
      expect(firstError(noQuery).message).toMatch(/no trae "query"/);
      const lost = await fetch(api.url.replace('/graphql', '/nada'));
      expect(lost.status).toBe(404);
      expect(((await lost.json()) as Answer['body']).errors![0]!.extensions!.code).toBe(
        'NOT_FOUND',
      );
    });

    it.each([
      ['GET', '/informes/7300/2024/2025-1', 400, 'BAD_USER_INPUT', 'daneCode'],
      ['GET', '/informes/73001/2025/2025-1', 400, 'BAD_USER_INPUT', 'firstYear'],
      ['GET', '/informes/73001/2024/2025-3', 400, 'BAD_USER_INPUT', 'semester'],
      ['GET', '/informes/73001/2024/2025-1', 404, 'NOT_FOUND', undefined],
      ['GET', '/informes/73001', 404, 'NOT_FOUND', undefined],
      ['POST', '/informes/73001/2024/2025-1/informe.pdf', 405, 'BAD_REQUEST', undefined],
      ['GET', '/sellos/2025-1.json', 404, 'NOT_FOUND', undefined],
      ['GET', '/sellos/2025-3.json', 400, 'BAD_USER_INPUT', 'semester'],
      ['GET', '/.well-known/jwks.json', 404, 'NOT_FOUND', undefined],
      ['DELETE', '/healthz', 405, 'BAD_REQUEST', undefined],
      ['POST', '/readyz', 405, 'BAD_REQUEST', undefined],
      ['GET', '/nada', 404, 'NOT_FOUND', undefined],
    ])(
      'outside GraphQL, %s %s is %i %s in the error contract’s body',
      async (method, path, status, code, field) => {
        const before = await api.events.headPosition();
        const response = await fetch(api.url.replace('/graphql', path), { method });
        const error = await contractError(response, status);
        expect(error.extensions).toEqual(field ? { code, field } : { code });
        expect(ERROR_CODES).toContain(code);
        // Spanish, and naming the segment at fault first when there is one.
        expect(error.message).toMatch(field ? new RegExp(`^${field}: `) : /[a-záéíóúñ]/);
        expect(error.message).not.toMatch(/\b(not|the|is|found|error)\b/i);
        expect(await api.events.headPosition()).toBe(before);
      },
    );

    it('no stack traces leave the server outside development', async () => {
      const answers = await Promise.all([
        post({ query: '{ nope }' }),
        post({ query: '{ plan(daneCode: "73001", firstYear: 2025) { id } }' }),
        post(
          { query: 'mutation { openPlan(input: {}) { revision } }' },
          { authorization: `Bearer ${planner}` },
        ),
      ]);
      for (const answer of answers)
        for (const error of answer.body.errors ?? []) {
          expect(error.extensions!.stacktrace).toBeUndefined();
          expect(ERROR_CODES).toContain(error.extensions!.code);
        }
    });

    it("the GraphQL-over-HTTP spec's audit suite (graphql-http serverAudits): no warnings, no notices", async () => {
      const results = await auditServer({ url: api.url });
      const failed = results.filter((r) => r.status !== 'ok');
      expect(failed.map((r) => `${r.status} ${r.name}`)).toEqual([]);
      expect(results.length).toBeGreaterThanOrEqual(61);
    });
  });

  describe('the README', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Errors and limits'),
      readme.indexOf('## Configuration'),
    );

    it('documents every code of the contract, with its status, when and what to do', () => {
      const rows = [...section.matchAll(/^\| `([A-Z_]+)` +\|(.*)\|$/gm)].map((m) => [
        m[1]!,
        m[2]!.split(' | ').map((cell) => cell.trim()),
      ]);
      expect(Object.fromEntries(rows)).toEqual(
        Object.fromEntries(
          Object.entries(ERROR_CONTRACT).map(([code, row]) => [
            code,
            [row.status, row.when, row.action],
          ]),
        ),
      );
    });

    it('its example answers what it says', async () => {
      const [, command, expected] = /```sh\n([\s\S]*?)```\n\n```\n([\s\S]*?)```/.exec(section)!;
      const origin = api.url.replace('/graphql', '');
      // Asynchronously: the server answering curl runs in this process.
      const { stdout } = await promisify(execFile)('bash', [
        '-c',
        command!.replaceAll('http://localhost:4000', origin),
      ]);
      expect(stdout).toBe(expected);
    });
  });
});
