import { createServer, type Server, type Socket } from 'node:net';
import { StoreTimeoutError } from '../../src/eventstore/errors';
import { EsdbEventStore } from '../../src/eventstore/esdb';
import { newEvent } from '../support/events';

/** A server that accepts TCP connections and never answers: the case that hangs the client. */
describe('EventStoreDB adapter against a server that never answers', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('fails append, readStream, readAll and headPosition with a timeout instead of hanging', async () => {
    const store = new EsdbEventStore({
      connectionString: `esdb://127.0.0.1:${port}?tls=false`,
      timeoutMs: 300,
    });
    const started = Date.now();
    await expect(
      store.append('plan-73001-2024', [newEvent('X')], { expectedRevision: 'any' }),
    ).rejects.toBeInstanceOf(StoreTimeoutError);
    await expect(store.readStream('plan-73001-2024')).rejects.toBeInstanceOf(StoreTimeoutError);
    await expect(store.headPosition()).rejects.toBeInstanceOf(StoreTimeoutError);
    const iterator = store.readAll()[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toBeInstanceOf(StoreTimeoutError);
    expect(Date.now() - started).toBeLessThan(10_000);
    await store.close();
  });
});
