import { sectorPlanScript } from '../../src/demo/sector-plan';
import type { ReviewCommand } from '../../src/domain/review/commands';
import type { ReviewKey } from '../../src/domain/review/events';
import { asMutation, token, type TestServer } from './server';

const MUTATIONS: Record<ReviewCommand['type'], [string, string]> = {
  OpenReview: ['openReview', 'OpenReviewInput'],
  RecordConcept: ['recordConcept', 'RecordConceptInput'],
  AddRecommendation: ['addRecommendation', 'AddRecommendationInput'],
  CorrectRecommendation: ['correctRecommendation', 'CorrectRecommendationInput'],
  CloseReview: ['closeReview', 'CloseReviewInput'],
  RespondToRecommendation: ['respondToRecommendation', 'RespondToRecommendationInput'],
  RecordPresentation: ['recordPresentation', 'RecordPresentationInput'],
};

export interface ReviewMutationResult {
  revision: number;
  eventIds: string[];
  review: { id: string; status: string; openRecommendations: number };
}

/** The mutation a review command is sent as, and its input. */
export function asReviewMutation(
  command: ReviewCommand,
  review: ReviewKey,
  extra: Record<string, unknown> = {},
) {
  const { type, ...fields } = command;
  const [name, inputType] = MUTATIONS[type];
  return {
    name,
    query: `mutation($input: ${inputType}!) { ${name}(input: $input) { revision eventIds review { id status openRecommendations } } }`,
    input: { ...review, ...fields, ...extra },
  };
}

/** Sends a review command over HTTP with a token; returns the GraphQL response body. */
export async function sendReview(
  api: TestServer,
  command: ReviewCommand,
  review: ReviewKey,
  bearer: string | undefined,
  extra: Record<string, unknown> = {},
) {
  const mutation = asReviewMutation(command, review, extra);
  const { body } = await api.gql<Record<string, ReviewMutationResult>>(
    mutation.query,
    { input: mutation.input },
    bearer,
  );
  return { data: body.data?.[mutation.name] ?? null, errors: body.errors };
}

/**
 * The demo plan of a municipality, recorded over HTTP as its planner (and the PDA for third-party
 * projects) would, each command at its moment; `until` stops before later steps, and calling it
 * again continues where it stopped.
 */
export function planSeeder(api: TestServer, daneCode: string, firstYear: number) {
  const steps = sectorPlanScript(daneCode, firstYear);
  let next = 0;
  return async (until: string) => {
    const planner = await token({ role: 'PLANNER', entity: daneCode, id: 'planeacion' });
    const pda = await token({ role: 'PDA', entity: daneCode.slice(0, 2), id: 'pda' });
    while (next < steps.length && Date.parse(steps[next]!.at) <= Date.parse(until)) {
      const step = steps[next++]!;
      api.clock.set(step.at);
      const mutation = asMutation(step.command, daneCode, firstYear);
      const byPda = step.command.type === 'RegisterProject' && step.command.kind === 'tercero';
      const { body } = await api.gql(
        mutation.query,
        { input: mutation.input },
        byPda ? pda : planner,
      );
      if (body.errors) throw new Error(JSON.stringify(body.errors));
    }
  };
}
