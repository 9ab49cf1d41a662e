/**
 * Checks a proof as the API returns it (`eventProof` or `consistencyProof`, alone or inside the
 * GraphQL response), against the seal it names: first the seal's signature, then the proof.
 */
import { leafHash, verifyConsistency, verifyInclusion } from './merkle';
import { verifySealSignature, type Keyring, type SealData } from './seals';

export interface InclusionProofFile {
  eventId: string;
  eventHash: string;
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  auditPath: string[];
  seal: SealData;
}

export interface ConsistencyProofFile {
  fromSize: number;
  toSize: number;
  fromRoot: string;
  toRoot: string;
  path: string[];
  from: SealData;
  to: SealData;
}

export interface ProofVerdict {
  ok: boolean;
  kind: 'inclusion' | 'consistency' | 'unknown';
  message: string;
}

const hex = (value: string) => Buffer.from(value, 'hex');

function unwrap(json: unknown): unknown {
  const data = (json as { data?: Record<string, unknown> })?.data;
  if (data && typeof data === 'object') {
    return data.eventProof ?? data.consistencyProof ?? json;
  }
  return json;
}

async function sealProblem(seal: SealData, keyring: Keyring): Promise<string | null> {
  const verdict = await verifySealSignature(seal, keyring);
  return verdict.ok ? null : `el sello ${seal.semester} no es auténtico: ${verdict.reason}`;
}

export async function checkProofFile(json: unknown, keyring: Keyring): Promise<ProofVerdict> {
  const proof = unwrap(json) as Partial<InclusionProofFile & ConsistencyProofFile>;
  if (proof.auditPath && proof.seal && proof.eventHash) {
    const seal = proof.seal;
    const problem = await sealProblem(seal, keyring);
    if (problem) return { ok: false, kind: 'inclusion', message: problem };
    if (seal.treeSize !== proof.treeSize || seal.rootHash !== proof.rootHash) {
      return {
        ok: false,
        kind: 'inclusion',
        message: `la prueba no usa la cabeza del sello ${seal.semester} (${seal.treeSize} hojas, raíz ${seal.rootHash}).`,
      };
    }
    const ok = verifyInclusion(
      leafHash(hex(proof.eventHash)),
      proof.leafIndex!,
      proof.treeSize!,
      proof.auditPath.map(hex),
      hex(seal.rootHash),
    );
    return {
      ok,
      kind: 'inclusion',
      message: ok
        ? `El evento ${proof.eventId} (hash ${proof.eventHash}) está en la hoja ${proof.leafIndex} del árbol sellado en ${seal.semester} (${seal.treeSize} hojas, raíz ${seal.rootHash}).`
        : `La prueba de inclusión del evento ${proof.eventId} NO lleva a la raíz sellada en ${seal.semester}.`,
    };
  }
  if (proof.path && proof.from && proof.to) {
    const problem =
      (await sealProblem(proof.from, keyring)) ?? (await sealProblem(proof.to, keyring));
    if (problem) return { ok: false, kind: 'consistency', message: problem };
    const ok = verifyConsistency(
      proof.from.treeSize,
      proof.to.treeSize,
      hex(proof.from.rootHash),
      hex(proof.to.rootHash),
      proof.path.map(hex),
    );
    return {
      ok,
      kind: 'consistency',
      message: ok
        ? `El registro sellado en ${proof.to.semester} (${proof.to.treeSize} hojas) extiende sin cambios el sellado en ${proof.from.semester} (${proof.from.treeSize} hojas).`
        : `La prueba de consistencia entre ${proof.from.semester} y ${proof.to.semester} NO verifica: el registro anterior fue alterado.`,
    };
  }
  return {
    ok: false,
    kind: 'unknown',
    message:
      'El archivo no contiene una prueba de inclusión (eventProof) ni de consistencia (consistencyProof).',
  };
}
