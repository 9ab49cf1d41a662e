/**
 * Sharing a catch-up out between worker threads by territorial entity. A projection whose every
 * document is changed by the events of one stream only (`streamLocal`) can be caught up by several
 * workers at once, each taking the streams of its share, with a checkpoint of its own per share
 * (`plans#1in2`): what a share has applied is exactly what that checkpoint says (one that reads
 * only its own rows stands at the last of them until its read ends at the head). When every share
 * is done, the projection's own checkpoint becomes the lowest of them. A projection fed by several
 * streams (`sharedByDocument`) is shared the same way by document id instead: each share keeps the
 * documents whose id falls in it, and still reads every event that feeds them.
 *
 * Streams and documents are shared by the DANE code they name (`plan-73001-2024`,
 * `monitoring-73001-2024` and `risk-73001` go to the same share): an entity's risk score is then
 * fed by the streams its worker decodes anyway, and a worker passes over the other entities'
 * events without decoding them (the log's rows are decoded on demand in a worker); a worker all
 * of whose projections are shares does not even read their rows (`passesOver`). Shared by the
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
 * The part of the entities the first share takes, of `count` shares (the others split the rest
 * evenly). The first worker reads the whole log for the projections it carries whole (the
 * idempotency keys, the reviews, which parse every event's metadata), where the others read only
 * their shares' rows (`SqliteEventStore.passOver`): it takes fewer entities, so that both end
 * together. The entities' own work dominates (on the national log, a worker with a third of them
 * used 11.5 s of CPU against 20.7 s for the other two thirds); with 47 %, run side by side with
 * the even shares on the national log, the first worker still used 1.2 s more than the second
 * (15.8 s against 14.6 s, on a loaded machine): 45 % (45 % of the national log's events).
 */
export function leadPart(count: number): number {
  return count <= 1 ? 1 : LEAD_PART_OF_TWO * (2 / count);
}
const LEAD_PART_OF_TWO = 0.45;

/**
 * A stream's (or a document's) share: where the hash (FNV-1a, mixed) of the DANE code it names (of
 * the whole name when it names none) falls, the first share taking `leadPart(count)` of the hash space; the same
 * in every thread and run.
 */
export function shareOfStream(stream: string, count: number): number {
  if (count <= 1) return 0;
  const key = ENTITY.exec(stream)?.[1] ?? stream;
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // Mixed (MurmurHash3's finalizer): the high bits of FNV-1a of codes that share their first
  // digits (a department's municipalities) are close together.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  const point = (hash >>> 0) / 0x1_0000_0000;
  const lead = leadPart(count);
  if (point < lead) return 0;
  return 1 + Math.min(count - 2, Math.floor(((point - lead) / (1 - lead)) * (count - 1)));
}

/**
 * The checkpoint of one share of a projection, e.g. `plans#1in2`. (Shares by the hash of the
 * whole stream name were `plans#1/2`, even shares by DANE code `plans#1of2`: a catch-up stopped
 * midway under them is not resumed as if its shares were these.)
 */
export const shareCheckpoint = (projection: string, share: StreamShare): string =>
  `${projection}#${share.index + 1}in${share.count}`;

const SHARE_CHECKPOINT = /^(.+)#(\d+)in(\d+)$/;

/** The projection a share's checkpoint belongs to, or null for a projection's own. */
export function projectionOfShare(checkpoint: string): string | null {
  return SHARE_CHECKPOINT.exec(checkpoint)?.[1] ?? null;
}

const NONE: string[] = [];

/** Whether catch-up workers share the projection out (by stream or by document). */
export const isShared = (projection: Projection): boolean =>
  projection.streamLocal === true || projection.sharedByDocument === true;

/** Of a projection restricted to a share: whether it passes over every event of a stream. */
const passingOver = new WeakMap<Projection, (stream: string) => boolean>();

/**
 * Whether every one of these projections passes over every event of a stream (a worker whose
 * projections are all shares need not read those events at all), or null when one of them may
 * need any event (a projection carried whole).
 */
export function passesOver(
  projections: readonly Projection[],
): ((stream: string) => boolean) | null {
  const tests = projections.map((projection) => passingOver.get(projection));
  if (tests.length === 0 || tests.some((test) => test === undefined)) return null;
  return (stream) => tests.every((test) => test!(stream));
}

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
  const restricted = { ...projection, name: shareCheckpoint(projection.name, share), idsOf };
  const prefixes = projection.streamPrefixes;
  const concerned = (stream: string) =>
    prefixes === undefined || prefixes.some((prefix) => stream.startsWith(prefix));
  passingOver.set(
    restricted,
    (stream) => !concerned(stream) || (projection.streamLocal ? !mine(stream) : ofOthers(stream)),
  );
  return restricted;
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
