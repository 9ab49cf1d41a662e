/**
 * The seal of a semester from the read models, for whatever prints or carries it (semester
 * reviews, open-data exports): null until the semester is sealed.
 */
import type { ReadStore } from '../readstore/port';
import { SEALS_COLLECTION, type SealDocument } from './monitor';
import type { RecordedSeal } from './seals';

export async function sealOfSemester(
  store: ReadStore,
  semester: string,
): Promise<RecordedSeal | null> {
  const [doc] = await store.collection<SealDocument>(SEALS_COLLECTION).findByIds([semester]);
  if (!doc) return null;
  const { _id, ...seal } = doc as SealDocument & { _position?: number };
  void _id;
  delete (seal as { _position?: number })._position;
  return { ...seal, recordedAt: new Date(seal.recordedAt) };
}

export async function allSeals(store: ReadStore): Promise<RecordedSeal[]> {
  const docs = await store
    .collection<SealDocument>(SEALS_COLLECTION)
    .find({}, { sort: { position: 1 } });
  return docs.map(({ _id, ...seal }) => {
    void _id;
    return { ...seal, recordedAt: new Date(seal.recordedAt) };
  });
}
