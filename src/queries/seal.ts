/**
 * The one place Bitácora reads a semester's seal (a Merkle tree head of the whole log, signed
 * with Ed25519 and appended to the `seals` stream): opening a CTP review fixes it in the packet,
 * and the semester report prints it so that anyone can verify the record later.
 *
 * Seals are being built in parallel (issue 15) and are not in this branch: there is none yet, so
 * this returns null and the report says "sin sello". To wire them, map the seal of `semester`
 * (from the `seals` stream or its read model) to a `SealReference` here; nothing else changes.
 */
import type { SealReference } from '../domain/review/events';
import type { EventStore } from '../eventstore/port';

/** Seals live in the log itself (the `seals` stream), so the event store is all it needs. */
export interface SealSources {
  events: EventStore;
}

export async function sealOf(
  _sources: SealSources,
  _semester: string,
): Promise<SealReference | null> {
  return null;
}
