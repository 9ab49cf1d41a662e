/** Waiting for a server started as a child process. */

/** Resolves with the first OK response of `url`, polling until `timeoutMs`. */
export async function waitForOk(url: string, timeoutMs: number): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return response;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} no respondió a tiempo`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The error contract's body, as every route outside GraphQL answers it. */
export interface ContractBody {
  errors: Array<{ message: string; extensions: { code: string; field?: string } }>;
}

/**
 * The one error of a refusal outside GraphQL: the status, the JSON media type, and the body of the
 * error contract (a documented code, a Spanish message, the field when named).
 */
export async function contractError(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  const body = (await response.json()) as ContractBody & Record<string, unknown>;
  expect(body.errors).toHaveLength(1);
  expect(Object.keys(body.errors[0]!).sort()).toEqual(['extensions', 'message']);
  expect(body).not.toHaveProperty('error');
  return { ...body.errors[0]!, body };
}
