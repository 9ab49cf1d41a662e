/**
 * Semester seals: the Merkle tree head at the end of a semester (Bogotá time), signed with
 * Ed25519 (JWS, `jose`) and appended to the `seals` stream by a system actor. Anyone holding the
 * public key (served as a JWKS) can check a seal, and anyone who kept a seal can later check that
 * the log still extends it unchanged.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import canonicalize from 'canonicalize';
import {
  CompactSign,
  calculateJwkThumbprint,
  compactVerify,
  decodeProtectedHeader,
  exportJWK,
  exportPKCS8,
  generateKeyPair,
  importJWK,
  importPKCS8,
  type JWK,
} from 'jose';
import { parseSemester, semesterEnd } from '../domain/time';
import { ConcurrencyError } from '../eventstore/errors';
import type { Actor, EventStore, JsonObject, RecordedEvent } from '../eventstore/port';
import { CURRENT_SCHEMA_VERSION } from '../domain/upcasting';

export const SEALS_STREAM = 'seals';
export const SEAL_EVENT = 'SemesterSealed';
export const SEAL_ALGORITHM = 'EdDSA';
/** Media type in the JWS header: what the signed payload is. */
const SEAL_TYPE = 'bitacora-seal+json';
/** Version of the seal file a control body downloads. */
export const SEAL_FILE_FORMAT = 'bitacora-seal/1';

export const SEALER: Actor = {
  id: 'sistema-sellos',
  name: 'Sellador de la bitácora',
  role: 'SYSTEM',
  entity: 'bitacora',
};

/** What a seal says: the tree over the log recorded up to the end of the semester. */
export interface SealHead {
  semester: string;
  /** Number of events (leaves) recorded up to the end of the semester. */
  treeSize: number;
  /** Merkle Tree Hash (RFC 9162) of those leaves, hex. */
  rootHash: string;
  /** Position of the last sealed event; null for an empty prefix. */
  lastPosition: number | null;
  /** The semester's last instant (23:59:59.999 Bogotá), ISO-8601 UTC. */
  sealedThrough: string;
  /** When the seal was made. */
  sealedAt: string;
}

/** A signed seal, as recorded in the `seals` stream. */
export interface SealData extends SealHead {
  algorithm: typeof SEAL_ALGORITHM;
  /** Key id: the RFC 7638 thumbprint of the public key. */
  kid: string;
  /** Compact JWS over the canonical JSON of the head. */
  jws: string;
}

/** A seal as recorded, with where it sits in the log. */
export interface RecordedSeal extends SealData {
  eventId: string;
  revision: number;
  position: number;
  recordedAt: Date;
}

export interface SealKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: JWK;
}

export interface SealKeyConfig {
  /** PKCS#8 PEM of an Ed25519 private key. */
  sealPrivateKey: string | null;
  /** File holding that PEM. */
  sealPrivateKeyFile: string | null;
  /** Where a development key is kept when none is configured. */
  developmentKeyPath: string;
  production: boolean;
}

export class SealKeyMissing extends Error {
  override readonly name = 'SealKeyMissing';
  constructor() {
    super(
      'Configure SEAL_PRIVATE_KEY o SEAL_PRIVATE_KEY_FILE (clave Ed25519 PKCS#8 PEM) en producción: sin ella los sellos semestrales no se pueden firmar.',
    );
  }
}

async function keyFromPem(pem: string): Promise<SealKey> {
  const privateKey = (await importPKCS8(pem, SEAL_ALGORITHM, { extractable: true })) as KeyObject;
  const publicKey = createPublicKey(privateKey);
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    kid,
    privateKey,
    publicKey,
    publicJwk: { ...publicJwk, kid, alg: SEAL_ALGORITHM, use: 'sig' },
  };
}

/**
 * The signing key from configuration; without one, a development key kept in the data folder
 * (generated the first time). Production refuses to go on without a configured key.
 */
export async function loadSealKey(config: SealKeyConfig): Promise<SealKey> {
  if (config.sealPrivateKey) return keyFromPem(config.sealPrivateKey);
  if (config.sealPrivateKeyFile) return keyFromPem(readFileSync(config.sealPrivateKeyFile, 'utf8'));
  if (config.production) throw new SealKeyMissing();
  if (!existsSync(config.developmentKeyPath)) {
    const { privateKey } = await generateKeyPair(SEAL_ALGORITHM, {
      crv: 'Ed25519',
      extractable: true,
    });
    mkdirSync(dirname(config.developmentKeyPath), { recursive: true });
    writeFileSync(config.developmentKeyPath, await exportPKCS8(privateKey), { mode: 0o600 });
  }
  return keyFromPem(readFileSync(config.developmentKeyPath, 'utf8'));
}

/** The public keys that seals are checked against, by key id. */
export type Keyring = ReadonlyMap<string, KeyObject>;

export function keyringOf(...keys: SealKey[]): Keyring {
  return new Map(keys.map((key) => [key.kid, key.publicKey]));
}

/** The JWKS document served at /.well-known/jwks.json. */
export function jwksOf(...keys: SealKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.publicJwk) };
}

/** A keyring from a JWKS document (e.g. downloaded by a control body). */
export async function keyringFromJwks(jwks: { keys?: JWK[] }): Promise<Keyring> {
  const ring = new Map<string, KeyObject>();
  for (const jwk of jwks.keys ?? []) {
    if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519') continue;
    const key = (await importJWK({ ...jwk, alg: SEAL_ALGORITHM }, SEAL_ALGORITHM)) as KeyObject;
    ring.set(jwk.kid ?? (await calculateJwkThumbprint(jwk)), key);
  }
  return ring;
}

function headOf(data: SealHead): SealHead {
  return {
    semester: data.semester,
    treeSize: data.treeSize,
    rootHash: data.rootHash,
    lastPosition: data.lastPosition,
    // Instants as ISO-8601 UTC with milliseconds, however they travelled (GraphQL, JSON files).
    sealedThrough: new Date(data.sealedThrough).toISOString(),
    sealedAt: new Date(data.sealedAt).toISOString(),
  };
}

export async function signSeal(key: SealKey, head: SealHead): Promise<SealData> {
  const payload = canonicalize(headOf(head))!;
  const jws = await new CompactSign(new TextEncoder().encode(payload))
    .setProtectedHeader({ alg: SEAL_ALGORITHM, kid: key.kid, typ: SEAL_TYPE })
    .sign(key.privateKey);
  return { ...headOf(head), algorithm: SEAL_ALGORITHM, kid: key.kid, jws };
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks the JWS against the keyring and that what it signs is exactly the head the seal states
 * (a valid signature over other numbers proves nothing about these).
 */
export async function verifySealSignature(
  seal: SealData,
  keyring: Keyring,
): Promise<SignatureVerdict> {
  let kid: string | undefined;
  try {
    kid = decodeProtectedHeader(seal.jws).kid;
  } catch {
    return { ok: false, reason: 'la firma no es un JWS compacto legible' };
  }
  const key = kid ? keyring.get(kid) : undefined;
  if (!key) return { ok: false, reason: `clave desconocida (kid ${kid ?? 'ausente'})` };
  let payload: unknown;
  try {
    const verified = await compactVerify(seal.jws, key, { algorithms: [SEAL_ALGORITHM] });
    payload = JSON.parse(new TextDecoder().decode(verified.payload));
  } catch {
    return { ok: false, reason: 'firma inválida' };
  }
  if (canonicalize(payload) !== canonicalize(headOf(seal))) {
    return { ok: false, reason: 'lo firmado no coincide con la cabeza declarada del sello' };
  }
  return { ok: true };
}

export function sealOf(event: RecordedEvent): RecordedSeal | null {
  if (event.stream !== SEALS_STREAM || event.type !== SEAL_EVENT) return null;
  const data = event.data as unknown as SealData;
  return {
    ...data,
    eventId: event.id,
    revision: event.revision,
    position: event.position,
    recordedAt: event.recordedAt,
  };
}

export async function readSeals(events: EventStore): Promise<RecordedSeal[]> {
  const recorded = await events.readStream(SEALS_STREAM);
  return recorded.map(sealOf).filter((seal): seal is RecordedSeal => seal !== null);
}

/** The instant a semester ends, as sealed: 23:59:59.999 Bogotá. */
export function sealedThroughOf(semester: string): Date {
  return semesterEnd(parseSemester(semester));
}

export type AppendSealResult = { seal: RecordedSeal; appended: boolean };

/**
 * Appends the seal unless the semester is already sealed (idempotent, also across replicas: the
 * append expects the stream's head, so a concurrent sealer loses the race and finds the seal).
 */
export async function appendSeal(
  events: EventStore,
  make: () => Promise<SealData>,
  semester: string,
): Promise<AppendSealResult> {
  for (let attempt = 1; ; attempt++) {
    const existing = await events.readStream(SEALS_STREAM);
    const sealed = existing.map(sealOf).find((seal) => seal?.semester === semester);
    if (sealed) return { seal: sealed, appended: false };
    const data = await make();
    try {
      const result = await events.append(
        SEALS_STREAM,
        [
          {
            type: SEAL_EVENT,
            data: data as unknown as JsonObject,
            metadata: {
              actor: SEALER,
              correlationId: `sello-${semester}`,
              reason: `Sello del semestre ${semester}`,
              schemaVersion: CURRENT_SCHEMA_VERSION,
            },
          },
        ],
        {
          expectedRevision:
            existing.length === 0 ? 'no_stream' : existing[existing.length - 1]!.revision,
        },
      );
      return { seal: sealOf(result.events[0]!)!, appended: true };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 5) throw error;
    }
  }
}

/** The file a control body downloads and keeps: the signed seal, and optionally its leaves. */
export interface SealFile extends SealData {
  format: typeof SEAL_FILE_FORMAT;
  /** The sealed event hashes in log order, concatenated (32 bytes each), base64. */
  leaves?: string;
}

export function sealFileOf(seal: SealData, leaves?: Buffer): SealFile {
  return {
    format: SEAL_FILE_FORMAT,
    ...headOf(seal),
    algorithm: seal.algorithm,
    kid: seal.kid,
    jws: seal.jws,
    ...(leaves ? { leaves: leaves.toString('base64') } : {}),
  };
}

/**
 * The keys seals are checked against from the shell: a JWKS file the control body downloaded,
 * and the configured (or development) key when there is one. Never generates a key.
 */
export async function trustedKeys(config: SealKeyConfig, jwks?: unknown): Promise<Keyring> {
  const ring = new Map<string, KeyObject>();
  if (jwks !== undefined) {
    for (const [kid, key] of await keyringFromJwks(jwks as Parameters<typeof keyringFromJwks>[0])) {
      ring.set(kid, key);
    }
  }
  const configured =
    config.sealPrivateKey || config.sealPrivateKeyFile || existsSync(config.developmentKeyPath);
  if (configured) {
    const key = await loadSealKey({ ...config, production: false });
    ring.set(key.kid, key.publicKey);
  }
  return ring;
}
