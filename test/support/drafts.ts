/**
 * A read model's document after events, applied the three ways the projector may: a fresh copy per
 * event (`apply`), a draft changed in place across them, and a draft read back from the store
 * after each (finalized, written, copied). Drafts may leave work to `finalize` (a lineage built
 * once), so the three must agree once finalized, as written.
 */
import type { RecordedEvent } from '../../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../../src/projector/projection';

export function appliedEveryWay<D extends ProjectedDocument>(
  projection: Projection<D>,
  events: readonly RecordedEvent[],
  id: string,
): D {
  const finalized = (doc: D) => projection.finalize!(doc);
  let copied: D | null = null;
  let draft: D | null = null;
  let readBack: D | null = null;
  for (const recorded of events) {
    expect(projection.idsOf(recorded)).toEqual([id]);
    copied = projection.apply(copied, recorded, id) as D;
    draft = projection.applyInPlace!(draft, recorded, id) as D;
    readBack = projection.applyInPlace!(
      readBack && structuredClone(finalized(readBack)),
      recorded,
      id,
    ) as D;
    expect(finalized(draft)).toEqual(finalized(copied));
    expect(finalized(readBack)).toEqual(finalized(copied));
  }
  return finalized(copied!);
}
