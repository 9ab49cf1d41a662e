import 'reflect-metadata';
import { getNamedType, isInputObjectType, parse, type OperationDefinitionNode } from 'graphql';
import { Arg, buildSchemaSync, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { firstArgumentProblem } from '../../src/graphql/check-input';
import { Limit, TYPE_DEFAULTS, VALUE_RULES } from '../../src/graphql/limits';

@InputType({ description: 'Un concepto de prueba.' })
class ConceptInput {
  @Field(() => String, { description: 'Justificación.' }) reason!: string;
  @Field(() => String, { description: 'Texto largo.' })
  @Limit({ maxLength: 20_000 })
  concept!: string;
  @Field(() => String, { description: 'Sin regla propia.' }) note!: string;
  @Field(() => [String], { description: 'Lista.' }) tags!: string[];
}

@Resolver()
class ConceptResolver {
  @Query(() => String, { description: 'x' })
  hello(): string {
    return 'hola';
  }
  @Mutation(() => String, { description: 'x' })
  recordConcept(@Arg('input', () => ConceptInput) input: ConceptInput): string {
    return input.reason;
  }
}

const schema = buildSchemaSync({ resolvers: [ConceptResolver], validate: false });
const document = parse('mutation($input: ConceptInput!) { recordConcept(input: $input) }');
const operation = document.definitions[0] as OperationDefinitionNode;
const valid = { reason: 'Ajuste', concept: 'Concepto', note: 'Nota', tags: ['a'] };
const check = (change: Record<string, unknown>) =>
  firstArgumentProblem(schema, document, operation, { input: { ...valid, ...change } });

describe('limits declared once and applied to any new input', () => {
  it('a new input gets the rule of its field names and the defaults of its types, with no code', () => {
    expect(check({})).toBeNull();
    const limit = VALUE_RULES.reason!.maxLength!;
    expect(check({ reason: 'x'.repeat(limit + 1) })).toEqual({
      field: 'input.reason',
      message: `input.reason: supera el máximo de ${limit} caracteres (tiene ${limit + 1}).`,
      limit: { maxLength: limit },
    });
    expect(check({ note: 'x'.repeat(TYPE_DEFAULTS.String.maxLength! + 1) })?.field).toBe(
      'input.note',
    );
    expect(check({ tags: Array(TYPE_DEFAULTS.list.maxItems + 1).fill('a') })).toMatchObject({
      field: 'input.tags',
      limit: { maxItems: TYPE_DEFAULTS.list.maxItems },
    });
    expect(check({ tags: ['a', 'b\u0000'] })?.field).toBe('input.tags[1]');
  });

  it('@Limit on a field overrides its name and type, in one line', () => {
    const type = getNamedType(schema.getMutationType()!.getFields().recordConcept!.args[0]!.type);
    expect(isInputObjectType(type) && type.getFields().concept!.extensions).toEqual({
      limit: { maxLength: 20_000 },
    });
    expect(check({ concept: 'x'.repeat(15_000) })).toBeNull();
    expect(check({ concept: 'x'.repeat(20_001) })?.limit).toEqual({ maxLength: 20_000 });
  });

  it('characters are counted as characters, not UTF-16 units', () => {
    const limit = VALUE_RULES.reason!.maxLength!;
    expect(check({ reason: '💧'.repeat(limit) })).toBeNull();
  });
});
