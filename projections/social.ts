/**
 * Read models of the Plan de Gestión Social: `social_plans` keeps each plan's events with their
 * record time (the plan as of any instant is the fold of those recorded by then, in one lookup),
 * and `social_activities` the current state of every activity, for filtered lists.
 */
import {
  evolveSocialPlan,
  initialSocialPlanState,
  isSocialPlanEvent,
  PARTICIPANT_GROUPS,
  type Activity,
  type SocialPlanEvent,
  type SocialPlanState,
} from '../src/domain/social/social-plan';
import { upcast } from '../src/domain/upcasting';
import type { RecordedEvent } from '../src/eventstore/port';
import type { ProjectedDocument, Projection } from '../src/projector/projection';
import { lineageOf, type Lineage } from './envelope';

const SOCIAL_STREAM = /^socialplan-(\d{2}|\d{5})-(\d{4})$/;

export function socialEventOf(recorded: RecordedEvent): SocialPlanEvent | null {
  if (!SOCIAL_STREAM.test(recorded.stream)) return null;
  const fact = upcast({
    type: recorded.type,
    data: recorded.data,
    schemaVersion: recorded.metadata.schemaVersion,
  });
  return isSocialPlanEvent(fact) ? fact : null;
}

export interface SocialPlanDocument extends ProjectedDocument {
  scope: string;
  firstYear: number;
  state: SocialPlanState;
  revision: number;
  history: Array<{ recordedAt: Date; event: SocialPlanEvent }>;
}

export const socialPlansProjection: Projection<SocialPlanDocument> = {
  name: 'social_plans',
  streamLocal: true,
  collection: 'social_plans',
  indexes: [{ keys: { scope: 1 } }],
  streamPrefixes: ['socialplan-'],
  idsOf: (recorded) => (socialEventOf(recorded) ? [recorded.stream] : []),
  apply: (doc, recorded) => {
    const event = socialEventOf(recorded)!;
    const match = SOCIAL_STREAM.exec(recorded.stream)!;
    return {
      _id: recorded.stream,
      scope: match[1]!,
      firstYear: Number(match[2]),
      state: evolveSocialPlan(doc?.state ?? initialSocialPlanState(), event),
      revision: recorded.revision,
      history: [...(doc?.history ?? []), { recordedAt: recorded.recordedAt, event }],
    };
  },
};

/** The plan as recorded by `knownAt`. */
export function socialPlanAt(doc: SocialPlanDocument, knownAt: Date): SocialPlanState | null {
  const events = doc.history
    .filter((h) => h.recordedAt.getTime() <= knownAt.getTime())
    .map((h) => h.event);
  return events.length === 0 ? null : events.reduce(evolveSocialPlan, initialSocialPlanState());
}

export interface SocialActivityDocument extends ProjectedDocument, Activity {
  planId: string;
  scope: string;
  firstYear: number;
  /** "dimension:group" of every group with at least one participant, for filtering. */
  groups: string[];
  lastChange: Lineage;
}

function groupsOf(activity: Activity): string[] {
  if (!activity.execution) return [];
  return (Object.keys(PARTICIPANT_GROUPS) as Array<keyof typeof PARTICIPANT_GROUPS>).flatMap(
    (dimension) =>
      Object.entries(activity.execution!.participants[dimension])
        .filter(([, n]) => n > 0)
        .map(([group]) => `${dimension}:${group}`),
  );
}

export const socialActivitiesProjection: Projection<SocialActivityDocument> = {
  name: 'social_activities',
  streamLocal: true,
  collection: 'social_activities',
  indexes: [{ keys: { planId: 1 } }, { keys: { municipality: 1 } }, { keys: { scope: 1 } }],
  streamPrefixes: ['socialplan-'],
  idsOf: (recorded) => {
    const event = socialEventOf(recorded);
    return event && 'activityId' in event.data
      ? [`${recorded.stream}/${event.data.activityId}`]
      : [];
  },
  apply: (doc, recorded, id) => {
    const event = socialEventOf(recorded)!;
    const match = SOCIAL_STREAM.exec(recorded.stream)!;
    // One activity's slice of the plan: the fold applies to it exactly as to the whole plan.
    const base: SocialPlanState = {
      ...initialSocialPlanState(),
      activities: doc ? { [doc.activityId]: doc } : {},
    };
    const activity = evolveSocialPlan(base, event).activities[id.slice(id.lastIndexOf('/') + 1)]!;
    return {
      ...activity,
      _id: id,
      planId: recorded.stream,
      scope: match[1]!,
      firstYear: Number(match[2]),
      groups: groupsOf(activity),
      lastChange: lineageOf(recorded),
    };
  },
};
