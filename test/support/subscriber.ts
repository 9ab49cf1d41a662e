/** A real `graphql-ws` client (what Apollo Client and urql use) against the test server. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T> {
  data: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves when `count` messages (data or errors) have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  stop(): void;
}

export function wsClient(httpUrl: string, token?: string, onClose?: (event: unknown) => void) {
  return createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { Authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: true,
    on: onClose ? { closed: onClose } : {},
  });
}

export function subscribe<T>(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
): Received<T> {
  const received: Received<T> = {
    data: [],
    errors: [],
    completed: false,
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => {
          if (received.data.length + received.errors.length >= count) return resolve();
          if (Date.now() > deadline)
            return reject(
              new Error(
                `llegaron ${received.data.length + received.errors.length} de ${count} mensajes: ${JSON.stringify(received)}`,
              ),
            );
          setTimeout(check, 10);
        };
        check();
      }),
    stop: () => undefined,
  };
  received.stop = client.subscribe<T>(
    { query, variables },
    {
      next: (message) => {
        if (message.errors) received.errors.push(...message.errors);
        else received.data.push(message.data as T);
      },
      error: (error) => {
        if (Array.isArray(error)) received.errors.push(...(error as unknown[]));
        else received.errors.push(error);
      },
      complete: () => {
        received.completed = true;
      },
    },
  );
  return received;
}
