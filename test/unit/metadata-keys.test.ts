/**
 * A projection fed by a few streams and by the events of any stream that carry a metadata key (a
 * review's citations, idempotency keys): the projector asks it only about those events, and tests
 * an undecoded event's metadata text before parsing it.
 */
import { carriesMetadataKey, LazyRecordedEvent } from '../../src/eventstore/lazy-event';
import type { NewEvent, RecordedEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import type { ProjectedDocument, Projection } from '../../src/projector/projection';
import { Projector } from '../../src/projector/projector';
import { EmbeddedReadStore } from '../../src/readstore/embedded';

const lazy = (metadata: string) =>
  new LazyRecordedEvent(
    1,
    'e-1',
    'plan-73001-2024',
    0,
    'X',
    '{}',
    metadata,
    0,
    () => ({ prevHash: null, hash: 'h' }),
    { decoded: 0 },
  );

describe('metadata keys', () => {
  it('an undecoded event without the key is not parsed; with it, the parsed metadata decides', () => {
    // Not JSON: parsing it would throw.
    expect(carriesMetadataKey(lazy('{"actor":'), ['idempotencyKey'])).toBe(false);
    expect(
      carriesMetadataKey(lazy('{"correlationId":"c","idempotencyKey":"k"}'), ['idempotencyKey']),
    ).toBe(true);
    // The key's name as a value: read, and found not to be the key.
    expect(carriesMetadataKey(lazy('{"reason":"idempotencyKey"}'), ['idempotencyKey'])).toBe(false);
    expect(
      carriesMetadataKey(lazy('{"answersRecommendation":"r/R1"}'), [
        'idempotencyKey',
        'answersRecommendation',
      ]),
    ).toBe(true);
  });

  it('a decoded event is asked for its keys', () => {
    const event = { metadata: { idempotencyKey: 'k' } } as unknown as RecordedEvent;
    expect(carriesMetadataKey(event, ['idempotencyKey'])).toBe(true);
    expect(carriesMetadataKey(event, ['answersRecommendation'])).toBe(false);
  });

  it('the projector asks a projection about the events of its streams and those carrying its keys only', async () => {
    const events = new SqliteEventStore({ path: ':memory:', lazyDecode: true });
    const event = (key?: string): NewEvent => ({
      type: 'Hecho',
      data: {},
      metadata: {
        actor: { id: 'u-1', name: 'Ana', role: 'PLANNER', entity: '73001' },
        correlationId: 'c',
        schemaVersion: 1,
        ...(key ? { idempotencyKey: key } : {}),
      },
    });
    await events.append('ctpreview-73001-2024-2025-1', [event()], { expectedRevision: 'any' });
    await events.append('plan-73001-2024', [event(), event('k-1'), event()], {
      expectedRevision: 'any',
    });
    const asked: number[] = [];
    const projection: Projection<ProjectedDocument> = {
      name: 'citas',
      collection: 'citas',
      indexes: [],
      streamPrefixes: ['ctpreview-'],
      metadataKeys: ['idempotencyKey'],
      idsOf: (recorded) => {
        asked.push(recorded.position);
        return [recorded.id];
      },
      apply: (_doc, _recorded, id) => ({ _id: id }),
    };
    const projector = new Projector(events, new EmbeddedReadStore(), [projection]);
    await projector.rebuild();
    expect(asked).toEqual([1, 3]);
    await events.close();
  });
});
