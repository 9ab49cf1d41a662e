import { translateRequestError } from '../../src/graphql/messages-es';

describe('Spanish request errors', () => {
  it('an enum variable given a number is named in Spanish (found by the fuzzer)', () => {
    const translated = translateRequestError(
      'Variable "$input" got invalid value 1 at "input.target.kind"; Enum "RecommendationTargetKind" cannot represent non-string value: 1.',
    );
    expect(translated).toEqual({
      message: 'variables.input.target.kind: RecommendationTargetKind no admite 1.',
      field: 'variables.input.target.kind',
    });
  });
});
