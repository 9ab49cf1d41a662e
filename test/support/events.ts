import type { EventMetadataInput, NewEvent } from '../../src/eventstore/port';

export const plannerMetadata: EventMetadataInput = {
  actor: { id: 'u-ibague-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' },
  correlationId: 'corr-1',
  schemaVersion: 1,
};

export function newEvent(type: string, data: NewEvent['data'] = {}, id?: string): NewEvent {
  return { ...(id ? { id } : {}), type, data, metadata: plannerMetadata };
}

export function numbered(count: number, type = 'Numbered'): NewEvent[] {
  return Array.from({ length: count }, (_, n) => newEvent(type, { n }));
}
