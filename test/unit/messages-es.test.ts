/** Spanish for graphql-js's coercion errors the fuzzer met (an enum given an object). */
import { translateRequestError } from '../../src/graphql/messages-es';

describe('translateRequestError', () => {
  it('says in Spanish that an enum variable got something that is not text, naming the path', () => {
    expect(
      translateRequestError(
        'Variable "$filter" got invalid value { a: 1 } at "filter.entityType"; Enum "AuditEntityType" cannot represent non-string value: { a: 1 }.',
      ),
    ).toEqual({
      message:
        'variables.filter.entityType: AuditEntityType no admite { a: 1 }: se esperaba uno de sus valores, como texto.',
      field: 'variables.filter.entityType',
    });
  });
});
