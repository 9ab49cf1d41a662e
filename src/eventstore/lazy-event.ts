/**
 * An event of the embedded log whose row is decoded on demand. A catch-up worker reads the whole
 * log but projects only its share of the streams: the stream, type and position tell it which
 * events concern it, and the JSON of the others (their data, often their metadata too) is never
 * parsed, nor their `Date` built. Measured on the national log, decoding was about a third of a
 * worker's CPU, and most of its garbage. The chain's two hashes, which no projection reads, are
 * left in the file until asked for.
 */
import type { EventMetadata, JsonObject, Position, RecordedEvent } from './port';

/** How many events of a reader had their data decoded (a figure, and what tests assert on). */
export interface DecodeCounter {
  decoded: number;
}

/** An event's place in its stream's hash chain. */
export interface EventChain {
  prevHash: string | null;
  hash: string;
}

export class LazyRecordedEvent implements RecordedEvent {
  private decodedData: JsonObject | undefined;
  private decodedMetadata: EventMetadata | undefined;
  private decodedRecordedAt: Date | undefined;
  private chain: EventChain | undefined;
  /**
   * What readers computed from the event, kept on it (the read models' memo): a field every event
   * of the class has, where a property added to each event gave it a new hidden class (measured on
   * the national log: 0.3 s of each catch-up worker's CPU).
   */
  memo: object | undefined = undefined;

  constructor(
    readonly position: Position,
    readonly id: string,
    readonly stream: string,
    readonly revision: number,
    readonly type: string,
    private readonly rawData: string,
    private readonly rawMetadata: string,
    private readonly recordedAtMs: number,
    /**
     * Reads the event's chain by its position: the rows of a lazy read leave it out (so it needs
     * the store still open, unlike the other fields).
     */
    private readonly chainAt: (position: Position) => EventChain,
    private readonly counter: DecodeCounter,
    /** Metadata keys the log knows this event lacks (from its index of keyed events). */
    private readonly keysAbsent?: ReadonlySet<string>,
  ) {}

  /** Parsed once, on first read; every reader of the event shares the object (as when eager). */
  get data(): JsonObject {
    if (this.decodedData === undefined) {
      this.counter.decoded += 1;
      this.decodedData = JSON.parse(this.rawData) as JsonObject;
    }
    return this.decodedData;
  }

  /** Whether its data was read (what a test of a reader that should skip it looks at). */
  get dataDecoded(): boolean {
    return this.decodedData !== undefined;
  }

  get metadata(): EventMetadata {
    return (this.decodedMetadata ??= JSON.parse(this.rawMetadata) as EventMetadata);
  }

  /**
   * The metadata as the log stores it (canonical JSON), unparsed: most plan events are read only
   * for their schema version (`schemaVersionOf` in `projections/envelope.ts`).
   */
  get metadataText(): string {
    return this.rawMetadata;
  }

  /**
   * Whether the metadata has this key. What the log's index says it lacks is not searched for;
   * undecoded, the stored text (canonical JSON) is searched first: most events carry none of the
   * keys asked about, and are not parsed for it.
   */
  carriesMetadataKey(key: keyof EventMetadata): boolean {
    if (this.keysAbsent?.has(key)) return false;
    if (this.decodedMetadata === undefined && !this.rawMetadata.includes(`"${key}"`)) return false;
    return this.metadata[key] !== undefined;
  }

  get prevHash(): string | null {
    return (this.chain ??= this.chainAt(this.position)).prevHash;
  }

  get hash(): string {
    return (this.chain ??= this.chainAt(this.position)).hash;
  }

  get recordedAt(): Date {
    return (this.decodedRecordedAt ??= new Date(this.recordedAtMs));
  }

  /** The accessors live on the prototype: logging or serializing the event still shows them. */
  toJSON(): RecordedEvent {
    return {
      id: this.id,
      type: this.type,
      data: this.data,
      metadata: this.metadata,
      stream: this.stream,
      revision: this.revision,
      position: this.position,
      recordedAt: this.recordedAt,
      prevHash: this.prevHash,
      hash: this.hash,
    };
  }
}

/** Whether an event's metadata has one of these keys (an undecoded event is not parsed for it). */
export function carriesMetadataKey(
  event: RecordedEvent,
  keys: readonly (keyof EventMetadata)[],
): boolean {
  if (event instanceof LazyRecordedEvent) return keys.some((key) => event.carriesMetadataKey(key));
  return keys.some((key) => event.metadata[key] !== undefined);
}
