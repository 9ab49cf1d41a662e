/**
 * What every read model takes from an event's envelope: the plan event inside it (upcast), its
 * lineage (who, when, why, on what legal basis), computed once per event and shared, and the
 * idempotency keys a request used.
 */
import {
  entityId,
  intern,
  internActor,
  lineageOf,
  planEventOf,
  planStreamOf,
  schemaVersionOf,
} from '../../projections/envelope';
import { canonicalJson } from '../../src/eventstore/integrity';
import type { LazyRecordedEvent } from '../../src/eventstore/lazy-event';
import type { RecordedEvent } from '../../src/eventstore/port';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import {
  idempotencyKeysProjection,
  type IdempotencyKeyDocument,
} from '../../projections/idempotency';
import { goalAcueductoUrbano } from '../support/plan';
import { recorder } from '../support/recorded';

const PLAN = 'plan-73001-2024';

describe('the plan event inside an envelope', () => {
  it('names the plan from its stream: municipality and cuatrienio', () => {
    expect(planStreamOf(PLAN)).toEqual({ planId: PLAN, daneCode: '73001', firstYear: 2024 });
    expect(planStreamOf(PLAN)).toBe(planStreamOf(PLAN));
    for (const stream of ['plan-7300-2024', 'xplan-73001-2024', 'plan-73001-2024-1', 'plan-']) {
      expect(planStreamOf(stream)).toBeNull();
      expect(planStreamOf(stream)).toBeNull();
    }
  });

  it('is the plan event with its plan, once per event; other events and streams have none', () => {
    const record = recorder();
    const event = record(PLAN, goalAcueductoUrbano);
    const found = planEventOf(event);
    expect(found).toEqual({
      plan: { planId: PLAN, daneCode: '73001', firstYear: 2024 },
      event: { type: 'GoalSet', data: goalAcueductoUrbano.data },
    });
    expect(planEventOf(event)).toBe(found);
    const unknown = record(PLAN, { type: 'Unknown', data: {} });
    expect(planEventOf(unknown)).toBeNull();
    expect(planEventOf(unknown)).toBeNull();
    expect(planEventOf(record('monitoring-73001-2024', goalAcueductoUrbano))).toBeNull();
  });

  it('an event of schema version 1 is upcast to the current schema', () => {
    const record = recorder();
    const v1 = record(
      PLAN,
      {
        type: 'BaselineSet',
        data: {
          indicator: 'ALC-NOTRAT-URB',
          value: 72.5,
          measuredAt: { year: 2023 },
          source: 'PSMV',
          previous: null,
        },
      },
      { schemaVersion: 1 },
    );
    // Version 1 recorded untreated wastewater (72.5 %); version 2, treated (27.5 %).
    expect(planEventOf(v1)!.event.data).toMatchObject({ indicator: 'ALC-TRAT-URB', value: 27.5 });
  });

  it('the memo is hidden: a copy, the keys and the JSON of the event do not carry it', () => {
    const record = recorder();
    const event = record(PLAN, goalAcueductoUrbano);
    const json = JSON.stringify(event);
    lineageOf(event);
    planEventOf(event);
    expect(JSON.stringify(event)).toBe(json);
    expect(Object.keys(event)).toEqual(Object.keys(record(PLAN, goalAcueductoUrbano)));
    const [memo, ...others] = Object.getOwnPropertySymbols(event);
    expect(others).toEqual([]);
    // On the event itself (a property load for each of the read models), not enumerable.
    expect(Object.getOwnPropertyDescriptor(event, memo!)).toMatchObject({ enumerable: false });
    const copy = { ...event };
    expect(lineageOf(copy)).toEqual(lineageOf(event));
    expect(lineageOf(copy)).not.toBe(lineageOf(event));
  });

  it('a frozen event is remembered too', () => {
    const record = recorder();
    const event = Object.freeze(record(PLAN, goalAcueductoUrbano));
    const lineage = lineageOf(event);
    expect(lineageOf(event)).toBe(lineage);
    expect(planEventOf(event)).toBe(planEventOf(event));
    expect(planEventOf(event)).not.toBeNull();
  });
});

describe('the memo of an event of the embedded log read lazily', () => {
  it('is its field: no property is added to the event, and it is computed once', async () => {
    const log = new SqliteEventStore({ path: ':memory:', lazyDecode: true });
    const { type, data, metadata } = recorder()(PLAN, goalAcueductoUrbano);
    await log.append(PLAN, [{ type, data, metadata }], { expectedRevision: 'no_stream' });
    const [event] = (await log.readAllPages().next()).value as LazyRecordedEvent[];
    await log.close();
    const keys = Reflect.ownKeys(event!);
    expect(event!.memo).toBeUndefined();
    const found = planEventOf(event!);
    expect(found?.event).toEqual({ type: 'GoalSet', data: goalAcueductoUrbano.data });
    expect(planEventOf(event!)).toBe(found);
    expect(lineageOf(event!)).toBe(lineageOf(event!));
    expect(event!.memo).toMatchObject({ plan: found });
    expect(Reflect.ownKeys(event!)).toEqual(keys);
  });
});

describe('the schema version of an event', () => {
  /** An event offering its metadata as the log stores it, as the embedded log's lazy events do. */
  const withText = (event: RecordedEvent, metadataText: string) =>
    Object.assign(Object.create(event) as RecordedEvent, { metadataText });

  it('is read off the end of the stored text, without parsing the metadata', () => {
    const event = recorder()(PLAN, goalAcueductoUrbano, { schemaVersion: 1, reason: 'Ajuste' });
    const text = canonicalJson(event.metadata);
    expect(text.endsWith(',"schemaVersion":1}')).toBe(true);
    const parsed = jest.spyOn(JSON, 'parse');
    expect(schemaVersionOf(withText(event, text.replace(':1}', ':12}')))).toBe(12);
    expect(parsed).not.toHaveBeenCalled();
    parsed.mockRestore();
    expect(schemaVersionOf(event)).toBe(1);
  });

  it('of an event of the embedded log is read off its stored text: the metadata is never parsed', async () => {
    const log = new SqliteEventStore({ path: ':memory:', lazyDecode: true });
    const { type, data, metadata } = recorder()(PLAN, goalAcueductoUrbano);
    await log.append(PLAN, [{ type, data, metadata }], { expectedRevision: 'no_stream' });
    const [event] = (await log.readAllPages().next()).value as RecordedEvent[];
    await log.close();
    const stored = (event as LazyRecordedEvent).metadataText;
    expect(stored).toBe(canonicalJson(event!.metadata));
    // Given the same event with metadata text that is not JSON but for its end
    const unparsable = Object.create(event!) as LazyRecordedEvent;
    Object.defineProperty(unparsable, 'metadataText', { value: '{"actor":?,"schemaVersion":2}' });
    Object.defineProperty(unparsable, 'metadata', {
      get: () => {
        throw new Error('parsed');
      },
    });
    // Then it is upcast by the version at the text's end
    expect(planEventOf(unparsable)?.event.type).toBe('GoalSet');
  });

  it('any text but `…,"schemaVersion":<digits>}` is left to the parsed metadata', () => {
    const event = recorder()(PLAN, goalAcueductoUrbano, { schemaVersion: 2 });
    for (const text of [
      '{"schemaVersion": 7}',
      '{"a":"x\\"schemaVersion":7}',
      '{"a":1,"schemaVersion":7 }',
      '{"a":1,"schemaVersion":7.5}',
      '{"a":1,"schemaVersion":-7}',
      '{"a":1,"schemaVersion":}',
      '{"a":1,"schemaVersion":1234567890}',
      '{"a":{"schemaVersion":7}}',
      '"schemaVersion":7}',
      '{"a":1}',
    ]) {
      expect(schemaVersionOf(withText(event, text))).toBe(2);
    }
    expect(schemaVersionOf(withText(event, '{"schemaVersion":7}'))).toBe(7);
  });
});

describe('lineage: who, when, why and on what legal basis', () => {
  it('is the envelope’s, once per event', () => {
    const record = recorder();
    const event = record(PLAN, goalAcueductoUrbano, {
      reason: 'Ajuste',
      legalBasis: 'Acuerdo 019 de 2025',
    });
    const lineage = lineageOf(event);
    expect(lineage).toEqual({
      eventId: event.id,
      eventType: 'GoalSet',
      position: event.position,
      recordedAt: event.recordedAt,
      actor: { id: 'u-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' },
      reason: 'Ajuste',
      legalBasis: 'Acuerdo 019 de 2025',
    });
    expect(lineageOf(event)).toBe(lineage);
    expect(lineageOf(record(PLAN, goalAcueductoUrbano))).toMatchObject({
      reason: null,
      legalBasis: null,
    });
  });

  it('one object per actor, however many events; a changed name or role is another', () => {
    const ana = { id: 'u-intern', name: 'Ana', role: 'PLANNER', entity: '73001' };
    const shared = internActor({ ...ana });
    expect(internActor({ ...ana })).toBe(shared);
    const renamed = internActor({ ...ana, name: 'Ana María' });
    expect(renamed).toEqual({ ...ana, name: 'Ana María' });
    expect(internActor({ ...ana, name: 'Ana María' })).toBe(renamed);
    expect(internActor({ ...ana, role: 'CTP' })).toEqual({ ...ana, role: 'CTP' });
    expect(internActor({ ...ana, entity: '73268' })).toEqual({ ...ana, entity: '73268' });
    expect(internActor({ ...ana })).toBe(shared);
  });

  it('a shared string is the same string; null stays null', () => {
    expect(intern('Acuerdo 012 de 2024')).toBe('Acuerdo 012 de 2024');
    expect(intern(null)).toBeNull();
  });

  it('an entity of a plan is named plan/kind/key', () => {
    expect(entityId(PLAN, 'goal', 'ACU-COB-URB')).toBe('plan-73001-2024/goal/ACU-COB-URB');
  });
});

describe('idempotency keys read model', () => {
  it('a key names the stream and request it was used for, every event it appended, the revision', () => {
    const record = recorder();
    const metadata = { idempotencyKey: 'k-1', requestHash: 'sha-1' };
    const first = record(PLAN, goalAcueductoUrbano, metadata);
    const second = record(PLAN, goalAcueductoUrbano, metadata);
    expect(idempotencyKeysProjection.idsOf(first)).toEqual(['k-1']);
    const once = idempotencyKeysProjection.apply(null, first, 'k-1') as IdempotencyKeyDocument;
    expect(idempotencyKeysProjection.apply(once, second, 'k-1')).toEqual({
      _id: 'k-1',
      stream: PLAN,
      requestHash: 'sha-1',
      eventIds: [first.id, second.id],
      revision: 1,
    });
  });

  it('events without a key make no document; a key without a request hash keeps an empty one', () => {
    const record = recorder();
    expect(idempotencyKeysProjection.idsOf(record(PLAN, goalAcueductoUrbano))).toEqual([]);
    const keyed = record(PLAN, goalAcueductoUrbano, { idempotencyKey: 'k-2' });
    expect(idempotencyKeysProjection.apply(null, keyed, 'k-2')).toMatchObject({
      requestHash: '',
      eventIds: [keyed.id],
    });
  });
});
