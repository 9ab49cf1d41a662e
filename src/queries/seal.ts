/**
 * The one place the review and its report read a semester's seal (a Merkle tree head of the whole
 * log, signed with Ed25519 and appended to the `seals` stream): opening a CTP review fixes it in
 * the packet, and the semester report prints it so that anyone can verify the record later.
 */
import type { SealReference } from '../domain/review/events';
import { sealOfSemester } from '../integrity/seal-lookup';
import type { ReadStore } from '../readstore/port';

export interface SealSources {
  readStore: ReadStore;
}

export async function sealOf(
  sources: SealSources,
  semester: string,
): Promise<SealReference | null> {
  const seal = await sealOfSemester(sources.readStore, semester);
  return seal
    ? {
        semester: seal.semester,
        eventId: seal.eventId,
        treeSize: seal.treeSize,
        rootHash: seal.rootHash,
        signature: seal.jws,
        keyId: seal.kid,
        signedAt: seal.sealedAt,
      }
    : null;
}
