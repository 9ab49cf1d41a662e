/**
 * Sharing a catch-up out between worker threads by territorial entity. A projection whose every
 * document is changed by the events of one stream only (`streamLocal`) can be caught up by several
 * workers at once, each taking the streams of its share, with a checkpoint of its own per share
 * (`plans#1in2:even`): what a share has applied is exactly what that checkpoint says (one that reads
 * only its own rows stands at the last of them until its read ends at the head). When every share
 * is done, the projection's own checkpoint becomes the lowest of them. A projection fed by several
 * streams (`sharedByDocument`) is shared the same way by document id instead: each share keeps the
 * documents whose id falls in it, and still reads every event that feeds them.
 *
 * Streams and documents are shared by the DANE code they name (`plan-73001-2024`,
 * `monitoring-73001-2024` and `risk-73001` go to the same share): an entity's risk score is then
 * fed by the streams its worker decodes anyway, and a worker passes over the other entities'
 * events without reading them (`rowsNeeded`: SQLite leaves their rows out, but for those a
 * projection carried whole asks for). Shared by the hash of the whole name, half of a worker's
 * risk scores came from streams of the other share.
 *
 * Sharing by projection instead made one worker carry the heaviest ones (measured on the national
 * log: 12-13 s against 9.4 s shared by stream, the log read 3.7 s), since each worker read the
 * whole log.
 */
import { concernsStream, type Projection } from './projection';

/** The `index`-th (from 0) of `count` shares of the log's streams. */
export interface StreamShare {
  index: number;
  count: number;
}

/** The DANE code a stream or document names (`-73001-`, `-73001` at the end), if any. */
const ENTITY = /(?:^|-)(\d{5})(?=-|$)/;

/**
 * A stream's (or a document's) share: where the hash (FNV-1a, mixed) of the DANE code it names (of
 * the whole name when it names none) falls, in `count` even parts of the hash space; the same in
 * every thread and run. Even, since every worker reads only the rows its projections need: the
 * first, which also carries a few projections whole (reviews, idempotency keys), read the whole
 * log for them and took 45 % of the entities until those declared what they read
 * (`Projection.streamPrefixes`, `metadataKeys`).
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
  return Math.min(count - 1, Math.floor(((hash >>> 0) / 0x1_0000_0000) * count));
}

/**
 * The checkpoint of one share of a projection, e.g. `plans#1in2:even`. It names the partition: a
 * catch-up stopped midway under another one is not resumed as if its shares were these (shares by
 * the hash of the whole stream name were `plans#1/2`, even shares by the DANE code's hash unmixed
 * `plans#1of2`, a first share of 45 % `plans#1in2`).
 */
export const shareCheckpoint = (projection: string, share: StreamShare): string =>
  `${projection}#${share.index + 1}in${share.count}:even`;

const SHARE_CHECKPOINT = /^(.+)#(\d+)in(\d+):even$/;

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

/** The rows of the log a catch-up worker needs (`SqliteEventStore.passOver`). */
export interface RowsNeeded {
  /** Whether every projection passes over every event of this stream. */
  passesOver: (stream: string) => boolean;
  /** Still needed, in any stream: the events whose metadata has one of these keys. */
  metadataKeys: string[];
}

/**
 * What a worker running these projections must read of the log: it may pass over the streams
 * that none of them needs, but for the events carrying one of the metadata keys a projection
 * asks for. A share passes over the other shares' streams; a projection carried whole, over the
 * streams its `streamPrefixes` leave out (but for its `metadataKeys`), or every stream when the
 * store computes its documents from the log (`derivedByStore`, e.g. the audit trail: only its
 * checkpoint moves, and a worker's read always ends at the log's head). Null when one of them
 * may need any event.
 */
export function rowsNeeded(
  projections: readonly Projection[],
  derivedByStore: (projection: Projection) => boolean = () => false,
): RowsNeeded | null {
  const tests: Array<(stream: string) => boolean> = [];
  const metadataKeys = new Set<string>();
  for (const projection of projections) {
    for (const key of projection.metadataKeys ?? []) metadataKeys.add(key);
    const share = passingOver.get(projection);
    if (share) tests.push(share);
    else if (derivedByStore(projection)) continue;
    else if (projection.streamPrefixes) {
      const prefixes = projection.streamPrefixes;
      tests.push((stream) => !concernsStream(prefixes, stream));
    } else return null;
  }
  if (projections.length === 0) return null;
  return {
    passesOver: (stream) => tests.every((test) => test(stream)),
    metadataKeys: [...metadataKeys],
  };
}

/** Of each share, whether a stream or document falls in it (`membershipOf`). */
const memberships = new Map<string, (name: string) => boolean>();

/**
 * Whether a stream or document falls in the share: one test for all of the share's projections
 * (the projector asks it once per event, `ownsStream`). The name asked last is compared first
 * (consecutive events of a stream, most of a log), before the names already seen.
 */
function membershipOf(share: StreamShare): (name: string) => boolean {
  const key = `${share.index}in${share.count}`;
  let test = memberships.get(key);
  if (test) return test;
  const seen = new Map<string, boolean>();
  let lastName: string | undefined;
  let lastYes = false;
  test = (name) => {
    // Stryker disable next-line ConditionalExpression: a cache: `false` looks the name up again, the same answer
    if (name === lastName) return lastYes;
    let yes = seen.get(name);
    if (yes === undefined) {
      yes = shareOfStream(name, share.count) === share.index;
      seen.set(name, yes);
    }
    lastName = name;
    lastYes = yes;
    return yes;
  };
  memberships.set(key, test);
  return test;
}

/**
 * A projection restricted to one share, checkpointed apart: of the streams when stream-local, of
 * its documents otherwise.
 */
export function projectionShare(projection: Projection, share: StreamShare): Projection {
  const mine = membershipOf(share);
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
  const name = shareCheckpoint(projection.name, share);
  // Stream-local: the projector asks the share's one test of the stream (`ownsStream`) before the
  // projection's own `idsOf`; a wrapper around `idsOf` per projection cost a call more per event
  // and projection, through a call site every projection shared.
  const restricted: Projection = projection.streamLocal
    ? { ...projection, name, ownsStream: mine }
    : {
        ...projection,
        name,
        idsOf: (event) => {
          if (ofOthers(event.stream)) return NONE;
          const ids = projection.idsOf(event);
          if (ids.length === 1) return mine(ids[0]!) ? ids : NONE;
          return ids.filter(mine);
        },
      };
  const prefixes = projection.streamPrefixes;
  const concerned = (stream: string) => prefixes === undefined || concernsStream(prefixes, stream);
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
