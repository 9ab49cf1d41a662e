import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getNamedType, isInputObjectType, isObjectType, isEnumType } from 'graphql';
import { bitacoraSchema, printBitacoraSchema } from '../../src/graphql/schema';

describe('the GraphQL schema', () => {
  it('matches the committed schema/schema.graphql (run `npm run schema` after changing it)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'schema', 'schema.graphql'), 'utf8');
    expect(printBitacoraSchema()).toBe(committed);
  });

  it('describes every type and field', () => {
    const missing: string[] = [];
    for (const type of Object.values(bitacoraSchema().getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)
      )
        continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
      if (isEnumType(type) && !type.description) missing.push(type.name);
    }
    expect(missing).toEqual([]);
  });

  it('offers the root fields the clients rely on', () => {
    const query = bitacoraSchema().getQueryType()!.getFields();
    expect(Object.keys(query).sort()).toEqual([
      'auditTrail',
      'consistencyProof',
      'eventProof',
      'goal',
      'indicators',
      'integrity',
      'ircaClasses',
      'methodologies',
      'municipalities',
      'municipality',
      'plan',
      'prioritizedForFollowUp',
      'projections',
      'review',
      'reviews',
      'riskAssessment',
      'riskScores',
      'seals',
      'socialActivities',
      'socialExecution',
      'socialPlan',
    ]);
    const mutation = bitacoraSchema().getMutationType()!.getFields();
    expect(Object.keys(mutation).sort()).toEqual([
      'addProgramme',
      'addRecommendation',
      'adoptPlan',
      'amendGoal',
      'attachContribution',
      'cancelActivity',
      'changeContribution',
      'closeReview',
      'correctRecommendation',
      'defineMethodology',
      'detachContribution',
      'importPlanWorkbook',
      'openPlan',
      'openReview',
      'openSocialPlan',
      'planActivity',
      'raiseStrategicFlag',
      'recordAdministrativeReport',
      'recordBudgetReport',
      'recordConcept',
      'recordDirectProviderStatus',
      'recordExecution',
      'recordPresentation',
      'registerNeed',
      'registerProject',
      'reportProgress',
      'rescheduleActivity',
      'respondToRecommendation',
      'selectComponents',
      'setBaseline',
      'setFundingRow',
      'setGoal',
      'withdrawStrategicFlag',
    ]);
    expect(Object.keys(query.plan!.args.map((a) => a.name))).toHaveLength(4);
  });

  it('gives every mutation payload the receipt of its events (ids, revision, read models, replay)', () => {
    const lacking: string[] = [];
    for (const mutation of Object.values(bitacoraSchema().getMutationType()!.getFields())) {
      const payload = getNamedType(mutation.type);
      const fields = isObjectType(payload) ? payload.getFields() : {};
      for (const name of ['eventIds', 'revision', 'readModelsCurrent', 'replayed']) {
        if (!fields[name]) lacking.push(`${mutation.name}: ${payload.name}.${name}`);
      }
    }
    expect(lacking).toEqual([]);
  });

  it('every mutation takes one `input:`; older argument forms are deprecated with a removal date', () => {
    const mutation = bitacoraSchema().getMutationType()!.getFields();
    for (const field of Object.values(mutation)) {
      const current = field.args.filter((arg) => !arg.deprecationReason).map((arg) => arg.name);
      expect({ [field.name]: current }).toEqual({ [field.name]: ['input'] });
      for (const arg of field.args.filter((a) => a.deprecationReason)) {
        expect(arg.deprecationReason).toMatch(
          /Use `input`\. Este argumento se retirará el \d{4}-\d{2}-\d{2}\./,
        );
        expect(arg.description).toEqual(expect.any(String));
      }
    }
    expect(mutation.recordBudgetReport!.args.map((a) => a.name).sort()).toEqual([
      'daneCode',
      'input',
      'reason',
      'report',
      'source',
      'year',
    ]);
  });
});
