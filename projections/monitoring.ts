/**
 * Read models of SGP-APSB monitoring: `monitoring` keeps, per municipality and vigencia, the
 * inputs recorded (FUT values, SUI reports, strategic flags, direct-provider status) with their
 * record time, and `methodologies` the methodologies and yearly component selections with theirs.
 * A vigencia's assessment in full detail, as of any instant, is computed from these and the plan
 * timeline at that instant (`src/queries/risk.ts`); the national map reads the scores kept by
 * `risk_scores` (`projections/risk-scores.ts`).
 */
import {
  evolveMonitoring,
  initialMonitoringState,
  isMonitoringEvent,
  type MonitoringEvent,
  type MonitoringState,
} from '../src/domain/monitoring/monitoring';
import type {
  Methodology,
  MethodologyEvent,
  MonitoredComponent,
} from '../src/domain/monitoring/methodology';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { upcast } from '../src/domain/upcasting';
import type { RecordedEvent } from '../src/eventstore/port';

export interface MonitoringVersion {
  validFrom: Date;
  state: MonitoringState;
  eventId: string;
}

export interface MonitoringDocument extends ProjectedDocument {
  daneCode: string;
  year: number;
  versions: MonitoringVersion[];
}

const MONITORING_STREAM = /^monitoring-(\d{5})-(\d{4})$/;

/** The monitoring event inside an envelope, upcast, or null if it is not one. */
export function monitoringEventOf(recorded: RecordedEvent): MonitoringEvent | null {
  if (!MONITORING_STREAM.test(recorded.stream)) return null;
  const fact = upcast({
    type: recorded.type,
    data: recorded.data,
    schemaVersion: recorded.metadata.schemaVersion,
  });
  return isMonitoringEvent(fact) ? fact : null;
}

export const monitoringProjection: Projection<MonitoringDocument> = {
  name: 'monitoring',
  streamLocal: true,
  // 2: direct-provider status (2.1.2 a) exemption) in the inputs.
  version: 2,
  collection: 'monitoring',
  indexes: [{ keys: { daneCode: 1 } }, { keys: { year: 1 } }],
  streamPrefixes: ['monitoring-'],
  idsOf: (recorded) => (monitoringEventOf(recorded) ? [recorded.stream] : []),
  apply: (doc, recorded) => {
    const event = monitoringEventOf(recorded)!;
    // A document is made by its first event: it always has a last version.
    const previous = doc?.versions[doc.versions.length - 1]!.state ?? initialMonitoringState();
    const state = evolveMonitoring(previous, event);
    return {
      _id: recorded.stream,
      daneCode: event.data.daneCode,
      year: event.data.year,
      versions: [
        ...(doc?.versions ?? []),
        { validFrom: recorded.recordedAt, state, eventId: recorded.id },
      ],
    };
  },
};

export interface MethodologyDocument extends ProjectedDocument {
  kind: 'methodology' | 'components';
  /** For a methodology: when it was recorded. */
  methodology: Methodology | null;
  recordedAt: Date;
  /** The act the ministry cited when recording it. */
  legalBasis: string | null;
  /** For a year's component selection: every version. */
  year: number | null;
  selections: Array<{ validFrom: Date; components: MonitoredComponent[] }>;
}

export const isMethodologyEvent = (fact: { type: string }): fact is MethodologyEvent =>
  fact.type === 'MethodologyDefined' || fact.type === 'ComponentsSelected';

/** The methodology or component-selection event inside an envelope, or null. */
export function methodologyEventOf(recorded: RecordedEvent): MethodologyEvent | null {
  const ours =
    recorded.stream.startsWith('methodology-') || recorded.stream.startsWith('sgp-components-');
  return ours && isMethodologyEvent(recorded) ? (recorded as unknown as MethodologyEvent) : null;
}

export const methodologiesProjection: Projection<MethodologyDocument> = {
  name: 'methodologies',
  streamLocal: true,
  // 2: the legal basis the ministry cited.
  version: 2,
  collection: 'methodologies',
  indexes: [{ keys: { kind: 1 } }],
  streamPrefixes: ['methodology-', 'sgp-components-'],
  idsOf: (recorded) => (methodologyEventOf(recorded) ? [recorded.stream] : []),
  apply: (doc, recorded) => {
    const event = methodologyEventOf(recorded)!;
    const legalBasis = recorded.metadata.legalBasis ?? null;
    if (event.type === 'MethodologyDefined') {
      return {
        _id: recorded.stream,
        kind: 'methodology',
        methodology: event.data.methodology,
        recordedAt: recorded.recordedAt,
        legalBasis,
        year: null,
        selections: [],
      };
    }
    return {
      _id: recorded.stream,
      kind: 'components',
      methodology: null,
      recordedAt: recorded.recordedAt,
      legalBasis,
      year: event.data.year,
      selections: [
        ...(doc?.selections ?? []),
        { validFrom: recorded.recordedAt, components: event.data.components },
      ],
    };
  },
};
