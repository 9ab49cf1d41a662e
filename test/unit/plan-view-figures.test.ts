/**
 * A plan's figures on a query are those of its state (`planFigures`), computed once per state
 * object: an as-of state is shared by the requests that ask for the same plan at the same time.
 */
import 'reflect-metadata';
import { goalFigures, planFigures } from '../../src/domain/plan/figures';
import { foldPlan } from '../../src/domain/plan/state';
import { goalResources } from '../../src/domain/rules/goal-resources';
import { goalSourcesFromState, planView } from '../../src/graphql/views';
import {
  baselineAcueductoUrbano,
  goalAcueductoUrbano,
  planOpened,
  projectOwn,
} from '../support/plan';

const viewOf = (state: ReturnType<typeof foldPlan>) =>
  planView(state, {
    revision: null,
    time: null,
    now: new Date('2026-03-01T12:00:00-05:00'),
    visible: true,
    goalSources: null,
    lineageOf: () => null,
  });

describe('a plan state’s figures on a query', () => {
  it('are the figures of the state, each goal’s with its resources', () => {
    // Given a plan with a baseline, a goal and a project
    const state = foldPlan([planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, projectOwn]);
    // When its goals and its plan figures are read
    const [goal] = goalSourcesFromState(state, () => null);
    const view = viewOf(state);
    // Then they are what the domain computes for that state
    const indicator = 'ACU-COB-URB';
    expect(goal!.indicator).toBe(indicator);
    expect(goal!.figures).toEqual(goalFigures(state, indicator));
    expect(goal!.planFacts!.resources).toEqual(goalResources(state, indicator));
    expect(view.fundsByYear).toEqual(planFigures(state).funds);
    expect(view.warnings).toEqual(planFigures(state).warnings);
  });

  it('are computed once per state object, and afresh for another state', () => {
    // Given one state read by two requests, and a later state of the same plan
    const state = foldPlan([planOpened, baselineAcueductoUrbano, goalAcueductoUrbano]);
    const later = foldPlan([planOpened, baselineAcueductoUrbano, goalAcueductoUrbano, projectOwn]);
    // When each request builds its view
    const first = viewOf(state);
    const second = viewOf(state);
    // Then both read the same figures, and the later state its own
    expect(second.fundsByYear).toBe(first.fundsByYear);
    expect(goalSourcesFromState(state, () => null)[0]!.figures).toBe(
      goalSourcesFromState(state, () => null)[0]!.figures,
    );
    expect(viewOf(later).fundsByYear).not.toBe(first.fundsByYear);
    expect(viewOf(later).fundsByYear).toEqual(planFigures(later).funds);
  });
});
