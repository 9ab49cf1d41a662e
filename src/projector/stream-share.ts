/**
 * Sharing a catch-up out between worker threads by territorial entity. A projection whose every
 * document is changed by the events of one stream only (`streamLocal`) can be caught up by several
 * workers at once, each taking the streams of its share, with a checkpoint of its own per share
 * (`plans#1of2`): what a share has applied is exactly what that checkpoint says. When every share
 * is done, the projection's own checkpoint becomes the lowest of them. A projection fed by several
 * streams (`sharedByDocument`) is shared the same way by document id instead: each share keeps the
 * documents whose id falls in it, and still reads every event that feeds them.
 *
 * Streams and documents are shared by the DANE code they name (`plan-73001-2024`,
 * `monitoring-73001-2024` and `risk-73001` go to the same share): an entity's risk score is then
 * fed by the streams its worker decodes anyway, and a worker passes over the other entities'
 * events without decoding them (the log's rows are decoded on demand in a worker). Shared by the
 * hash of the whole name, half of a worker's risk scores came from streams of the other share.
 *
 * Sharing by projection instead made one worker carry the heaviest ones (measured on the national
 * log: 12-13 s against 9.4 s shared by stream, the log read 3.7 s), since each worker reads the
 * whole log either way.
 */
import type { Projection } from './projection';

/** The `index`-th (from 0) of `count` shares of the log's streams. */
export interface StreamShare {
  index: number;
  count: number;
}

/** The DANE code a stream or document names (`-73001-`, `-73001` at the end), if any. */
const ENTITY = /(?:^|-)(\d{5})(?=-|$)/;

/**
 * A stream's (or a document's) share: FNV-1a of the DANE code it names, or of the whole name when
 * it names none; the same in every thread and run.
 */
export function shareOfStream(stream: string, count: number): number {
  const key = ENTITY.exec(stream)?.[1] ?? stream;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % count;
}

/**
 * The checkpoint of one share of a projection, e.g. `plans#1of2`. (Shares by the hash of the
 * whole stream name were `plans#1/2`: a catch-up stopped midway under them is not resumed as if
 * its shares were these.)
 */
export const shareCheckpoint = (projection: string, share: StreamShare): string =>
  `${projection}#${share.index + 1}of${share.count}`;

const SHARE_CHECKPOINT = /^(.+)#(\d+)of(\d+)$/;

/** The projection a share's checkpoint belongs to, or null for a projection's own. */
export function projectionOfShare(checkpoint: string): string | null {
  return SHARE_CHECKPOINT.exec(checkpoint)?.[1] ?? null;
}

const NONE: string[] = [];

/** Whether catch-up workers share the projection out (by stream or by document). */
export const isShared = (projection: Projection): boolean =>
  projection.streamLocal === true || projection.sharedByDocument === true;

/**
 * A projection restricted to one share, checkpointed apart: of the streams when stream-local, of
 * its documents otherwise.
 */
export function projectionShare(projection: Projection, share: StreamShare): Projection {
  const shares = new Map<string, boolean>();
  const mine = (name: string) => {
    let yes = shares.get(name);
    if (yes === undefined) {
      yes = shareOfStream(name, share.count) === share.index;
      shares.set(name, yes);
    }
    return yes;
  };
  // By document: a stream all of whose documents are of other shares, once per stream name.
  const others = new Map<string, boolean>();
  const ofOthers = (stream: string) => {
    let yes = others.get(stream);
    if (yes === undefined) {
      const documents = projection.documentsOfStream?.(stream);
      yes = documents !== undefined && !documents.some(mine);
      others.set(stream, yes);
    }
    return yes;
  };
  const idsOf: Projection['idsOf'] = projection.streamLocal
    ? (event) => (mine(event.stream) ? projection.idsOf(event) : NONE)
    : (event) => {
        if (ofOthers(event.stream)) return NONE;
        const ids = projection.idsOf(event);
        if (ids.length === 1) return mine(ids[0]!) ? ids : NONE;
        return ids.filter(mine);
      };
  return { ...projection, name: shareCheckpoint(projection.name, share), idsOf };
}

/**
 * The projections one worker catches up: each shared one (stream-local or by document) for its
 * share, and (the first worker only) every other one whole.
 */
export function projectionsOfShare(
  projections: readonly Projection[],
  share: StreamShare | undefined,
): Projection[] {
  if (!share || share.count === 1) return [...projections];
  return projections.flatMap((projection) => {
    if (isShared(projection)) return [projectionShare(projection, share)];
    return share.index === 0 ? [projection] : [];
  });
}
