/**
 * The deployment files, read with a YAML parser and a Dockerfile parser (no Docker engine runs
 * here): the single-node stack and the cluster profile start in a safe order, restart, and connect
 * with options the adapters accept; the image can write its embedded stores.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import { MongoClient } from 'mongodb';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';
import { connectWithRetry } from '../../src/startup';

const root = join(__dirname, '..', '..');

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  restart?: string;
  ports?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  command?: string[];
}
interface Compose {
  services: Record<string, Service>;
  configs: Record<string, { content: string }>;
}

const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as Compose;
const services = compose.services;
const healthTest = (name: string) => services[name]!.healthcheck!.test.join(' ');
const inCluster = (name: string) => services[name]!.profiles?.includes('cluster') ?? false;
/** Compose would substitute these; the test only needs the rest of the value. */
const uninterpolated = (value: string) => value.replace(/\$\{[^}]*\}/g, 'x');

describe('docker-compose.yml', () => {
  it('restarts every service that stops', () => {
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.restart]).toEqual([name, 'unless-stopped']);
    }
  });

  it('calls the single MongoDB healthy only when it is a writable primary', () => {
    const test = healthTest('mongo');
    expect(test).toMatch(/db\.hello\(\)\.isWritablePrimary \? 0 : 1/);
    // Not the status of the set, which is ok while the member is still a secondary.
    expect(test).not.toMatch(/rs\.status\(\)\.ok|initiate\([^)]*\)\.ok/);
  });

  it('starts the API only after healthy stores, and checks it by /readyz', () => {
    for (const api of ['api', 'api-1', 'api-2']) {
      const conditions = Object.values(services[api]!.depends_on as Record<string, unknown>);
      expect(conditions.length).toBeGreaterThan(0);
      expect(conditions).toEqual(conditions.map(() => ({ condition: 'service_healthy' })));
      expect(healthTest(api)).toContain('/readyz');
    }
  });

  it('keeps the single-node services out of the cluster profile, and the cluster in it', () => {
    expect(['eventstore', 'mongo', 'api'].filter(inCluster)).toEqual([]);
    const cluster = Object.keys(services).filter(inCluster).sort();
    expect(cluster).toEqual([
      'api-1',
      'api-2',
      'eventstore-1',
      'eventstore-2',
      'eventstore-3',
      'mongo-1',
      'mongo-2',
      'mongo-3',
      'proxy',
    ]);
    // Only the proxy is published: the cluster's parts talk on the compose network.
    expect(cluster.filter((name) => services[name]!.ports)).toEqual(['proxy']);
  });

  it('runs a three-node EventStoreDB cluster, each node seeded by the other two', () => {
    const nodes = ['eventstore-1', 'eventstore-2', 'eventstore-3'];
    for (const node of nodes) {
      const env = services[node]!.environment!;
      expect(env.EVENTSTORE_CLUSTER_SIZE).toBe('3');
      expect(env.EVENTSTORE_GOSSIP_SEED!.split(',').sort()).toEqual(
        nodes.filter((other) => other !== node).map((other) => `${other}:2113`),
      );
      expect(env.EVENTSTORE_NODE_HOST_ADVERTISE_AS).toBe(node);
      expect(env.EVENTSTORE_REPLICATION_HOST_ADVERTISE_AS).toBe(node);
    }
  });

  it('runs a three-member MongoDB replica set, healthy when it has a primary', () => {
    expect(healthTest('mongo-1')).toMatch(
      /rs\.initiate\(\{_id: 'rs0', members: \[\{_id: 0, host: 'mongo-1:27017'\},\s*\{_id: 1, host: 'mongo-2:27017'\}, \{_id: 2, host: 'mongo-3:27017'\}\]\}\)/,
    );
    for (const member of ['mongo-1', 'mongo-2', 'mongo-3']) {
      expect(services[member]!.command).toEqual(['--replSet', 'rs0', '--bind_ip_all']);
      expect(healthTest(member)).toContain('db.hello().primary ? 0 : 1');
    }
  });

  it('runs two API replicas on the whole cluster with majority writes, behind the proxy', () => {
    for (const api of ['api-1', 'api-2']) {
      const env = services[api]!.environment!;
      const esdb = new URL(env.EVENTSTORE_URL!.replace(/^esdb:\/\/[^/?]*/, 'esdb://hosts'));
      expect(env.EVENTSTORE_URL).toMatch(
        /^esdb:\/\/eventstore-1:2113,eventstore-2:2113,eventstore-3:2113\?/,
      );
      expect(esdb.searchParams.get('nodePreference')).toBe('leader');
      expect(env.MONGODB_URL).toMatch(/^mongodb:\/\/mongo-1:27017,mongo-2:27017,mongo-3:27017\//);
      const mongo = new URL(env.MONGODB_URL!.replace(/^mongodb:\/\/[^/]*/, 'mongodb://hosts'));
      expect(mongo.searchParams.get('replicaSet')).toBe('rs0');
      expect(mongo.searchParams.get('w')).toBe('majority');
      expect(env.SEAL_PRIVATE_KEY).toBe(services.api!.environment!.SEAL_PRIVATE_KEY);
    }
    const upstream = compose.configs['proxy-conf']!.content;
    expect(upstream).toMatch(/server api-1:4000/);
    expect(upstream).toMatch(/server api-2:4000/);
    // A mutation already sent is not sent again by the proxy: clients retry with their key.
    expect(upstream).not.toMatch(/non_idempotent/);
  });

  it.each([
    ['single node', 'api'],
    ['cluster', 'api-1'],
  ])('gives the clients connection strings they accept (%s)', async (_label, api) => {
    const env = services[api]!.environment!;
    const esdb = EventStoreDBClient.connectionString(uninterpolated(env.EVENTSTORE_URL!));
    await esdb.dispose();
    // Parses the URL and its options without connecting.
    const mongo = new MongoClient(uninterpolated(env.MONGODB_URL!));
    expect(mongo.options.replicaSet).toBe('rs0');
    expect(mongo.options.hosts.length).toBe(api === 'api' ? 1 : 3);
  });
});

describe('Dockerfile', () => {
  const dockerfile = DockerfileParser.parse(readFileSync(join(root, 'Dockerfile'), 'utf8'));
  const finalStage = (() => {
    const instructions = dockerfile.getInstructions();
    const lastFrom = instructions.map((i) => i.getKeyword()).lastIndexOf('FROM');
    return instructions.slice(lastFrom);
  })();
  const args = (instruction: Instruction) => instruction.getArgumentsContent() ?? '';

  it('runs as node, and the folder of its embedded stores belongs to node', () => {
    const users = finalStage.filter((i) => i.getKeyword() === 'USER').map(args);
    expect(users[users.length - 1]).toBe('node');
    const env = Object.fromEntries(
      finalStage
        .filter((i) => i.getKeyword() === 'ENV')
        .map(args)
        .map((text) => text.split('=') as [string, string]),
    );
    // Where the API writes when no server URL is set, as the configuration computes it.
    const config = loadConfig({
      EVENTSTORE_PATH: env.EVENTSTORE_PATH,
      NODE_ENV: 'production',
      JWT_SECRET: 's',
    });
    const written = new Set(
      [config.eventstorePath, config.readstorePath, config.sealDevelopmentKeyPath].map((path) =>
        dirname(path),
      ),
    );
    expect([...written]).toEqual(['/app/data/store']);
    const chowned = finalStage
      .filter((i) => i.getKeyword() === 'RUN')
      .flatMap((i) =>
        [...args(i).matchAll(/chown (?:-R )?node(?::node)? (\S+)/g)].map((m) => m[1]!),
      );
    for (const folder of written) {
      expect(
        chowned.some((owned) => folder === owned || folder.startsWith(posix.join(owned, '/'))),
      ).toBe(true);
    }
  });
});

describe('the first connection to a server store', () => {
  it('is retried with backoff until the store answers', async () => {
    let attempts = 0;
    const warnings: unknown[] = [];
    const connected = await connectWithRetry(
      'MongoDB',
      async () => {
        attempts += 1;
        if (attempts < 3) throw new Error('primario en elección');
        return 'conectado';
      },
      { warn: (details: unknown) => void warnings.push(details) },
      { firstDelayMs: 5, maxDelayMs: 20 },
    );
    expect(connected).toBe('conectado');
    expect(attempts).toBe(3);
    expect(warnings).toHaveLength(2);
  });

  it('gives up after its attempts with the last error', async () => {
    let attempts = 0;
    const attempt = connectWithRetry(
      'EventStoreDB',
      async () => {
        attempts += 1;
        throw new Error(`sin líder ${attempts}`);
      },
      { warn: () => undefined },
      { attempts: 3, firstDelayMs: 5, maxDelayMs: 10 },
    );
    await expect(attempt).rejects.toThrow('sin líder 3');
  });
});
