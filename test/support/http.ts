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
