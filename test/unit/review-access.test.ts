/**
 * The one rule every review mutation passes through (`mayWriteReview`): the concepto and the
 * recommendations are the council's, the answers and presentations the administration's, each in
 * its territory; no other role writes either side, not even ADMIN.
 */
import { mayWriteReview, type Principal, type Role } from '../../src/domain/access';
import { sideOf, type ReviewCommand } from '../../src/domain/review/commands';

const IBAGUE = { daneCode: '73001', departmentCode: '73' };
const who = (role: Role, entity: string): Principal => ({
  id: `${role}-${entity}`,
  name: `${role} ${entity}`,
  role,
  entity,
});

describe('mayWriteReview: who speaks in a review of Ibagué (73001, Tolima 73)', () => {
  it.each([
    // role, entity, council side, administration side
    ['CTP', '73001', true, false],
    ['CTP', '73', true, false],
    ['CTP', '73268', false, false],
    ['CTP', '05', false, false],
    ['CTP', '05001', false, false],
    ['PLANNER', '73001', false, true],
    ['PLANNER', '73', false, false],
    ['PLANNER', '73268', false, false],
    ['PDA', '73', false, true],
    ['PDA', '73001', false, false],
    ['PDA', '05', false, false],
    ['CONTROL', 'contraloria', false, false],
    ['MINISTRY', 'minvivienda', false, false],
    ['ADMIN', 'bitacora', false, false],
    ['ADMIN', '73001', false, false],
  ] as Array<[Role, string, boolean, boolean]>)(
    '%s of %s: council %s, administration %s',
    (role, entity, council, administration) => {
      expect(mayWriteReview(who(role, entity), 'COUNCIL', IBAGUE)).toBe(council);
      expect(mayWriteReview(who(role, entity), 'ADMINISTRATION', IBAGUE)).toBe(administration);
    },
  );

  it('nobody without a token writes either side', () => {
    expect(mayWriteReview(null, 'COUNCIL', IBAGUE)).toBe(false);
    expect(mayWriteReview(null, 'ADMINISTRATION', IBAGUE)).toBe(false);
  });

  it('every review command belongs to one side: the council opens, concludes, recommends and closes; the administration answers and presents', () => {
    const sides: Record<ReviewCommand['type'], 'COUNCIL' | 'ADMINISTRATION'> = {
      OpenReview: 'COUNCIL',
      RecordConcept: 'COUNCIL',
      AddRecommendation: 'COUNCIL',
      CorrectRecommendation: 'COUNCIL',
      CloseReview: 'COUNCIL',
      RespondToRecommendation: 'ADMINISTRATION',
      RecordPresentation: 'ADMINISTRATION',
    };
    for (const [type, side] of Object.entries(sides))
      expect([type, sideOf(type as ReviewCommand['type'])]).toEqual([type, side]);
  });
});
