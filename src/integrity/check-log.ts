/**
 * A full verification: the seals' signatures, then one pass over the log checking every hash,
 * chain, position and the Merkle tree against every seal (recorded in the log or held outside).
 */
import type { EventStore } from '../eventstore/port';
import {
  readSeals,
  verifySealSignature,
  type Keyring,
  type RecordedSeal,
  type SealFile,
} from './seals';
import {
  verifyLog,
  type Fault,
  type LogInput,
  type SealToCheck,
  type VerifyOptions,
  type VerifyReport,
} from './verifier';

export interface ExternalSeal {
  /** Where it was read from, e.g. the file name. */
  origin: string;
  seal: SealFile;
}

export interface CheckLogOptions extends Omit<VerifyOptions, 'seals'> {
  keyring: Keyring;
  external?: readonly ExternalSeal[];
}

export async function checkLog(
  input: LogInput,
  events: EventStore,
  options: CheckLogOptions,
): Promise<VerifyReport & { recordedSeals: RecordedSeal[] }> {
  const recorded = await readSeals(events);
  const signatureFaults: Fault[] = [];
  for (const seal of recorded) {
    const verdict = await verifySealSignature(seal, options.keyring);
    if (!verdict.ok) {
      signatureFaults.push({
        kind: 'seal-signature',
        stream: 'seals',
        revision: seal.revision,
        position: seal.position,
        eventId: seal.eventId,
        semester: seal.semester,
        message: `El sello ${seal.semester} registrado en seals@${seal.revision} (posición ${seal.position}, evento ${seal.eventId}) no es auténtico: ${verdict.reason}.`,
      });
    }
  }
  for (const { origin, seal } of options.external ?? []) {
    const verdict = await verifySealSignature(seal, options.keyring);
    if (!verdict.ok) {
      signatureFaults.push({
        kind: 'seal-signature',
        semester: seal.semester,
        message: `El sello ${seal.semester} del archivo ${origin} no es auténtico: ${verdict.reason}.`,
      });
    }
  }
  const seals: SealToCheck[] = [
    ...recorded.map((seal) => ({
      origin: `registro, seals@${seal.revision}`,
      semester: seal.semester,
      treeSize: seal.treeSize,
      rootHash: seal.rootHash,
    })),
    ...(options.external ?? []).map(({ origin, seal }) => ({
      origin: `archivo ${origin}`,
      semester: seal.semester,
      treeSize: seal.treeSize,
      rootHash: seal.rootHash,
      ...(seal.leaves ? { leaves: Buffer.from(seal.leaves, 'base64') } : {}),
    })),
  ];
  const report = await verifyLog(input, { ...options, seals });
  const faults = [...signatureFaults, ...report.faults];
  const forged = new Set(signatureFaults.map((f) => f.semester));
  return {
    ...report,
    ok: report.ok && signatureFaults.length === 0,
    faultCount: report.faultCount + signatureFaults.length,
    faults,
    seals: report.seals.map((s) => ({ ...s, ok: s.ok && !forged.has(s.semester) })),
    recordedSeals: recorded,
  };
}
