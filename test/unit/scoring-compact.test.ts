/**
 * `compactVigenciaItems` (what the risk read model keeps per version) gives the numbers of
 * `compactItems(vigenciaItems(...))`, the items with their wording, on every kind of input.
 */
import {
  compactItems,
  compactVigenciaItems,
  vigenciaItems,
  type BudgetReport,
  type VigenciaInputs,
} from '../../src/domain/monitoring/scoring';
import { compliantBudget, gesMunChecklist, gesMunPlan, gesMunReport } from '../support/monitoring';
import { progressReported } from '../support/plan';

const inputs = (change: Partial<VigenciaInputs>): VigenciaInputs => ({
  year: 2024,
  budget: compliantBudget,
  administrative: { SUI_ESTRATIFICACION: { filed: true } },
  exemptFromSubsidyContract: false,
  strategicFlags: [],
  plan: null,
  ...change,
});

/** One budget field off by more than the tolerance: each breaks a different item. */
const failing: ReadonlyArray<Partial<BudgetReport>> = [
  { incorporated: 0 },
  { collected: compliantBudget.transferred + 5 },
  { withoutFundsReported: compliantBudget.withoutFundsAssigned + 5 },
  { finalExpenditure: compliantBudget.finalRevenue + 5 },
  { commitments: compliantBudget.availableResources + 5 },
  { ineligibleSpending: 5 },
  { subsidiesCommitted: 0 },
];

describe('ítems de una vigencia como números (compactVigenciaItems)', () => {
  it.each([
    ['FUT que cumple', inputs({})],
    ['sin FUT', inputs({ budget: null })],
    ...failing.map(
      (change, i) =>
        [
          `FUT con el ítem ${i + 1} incumplido`,
          inputs({ budget: { ...compliantBudget, ...change } }),
        ] as const,
    ),
    ['prestador directo exento (2.1.2 a)', inputs({ exemptFromSubsidyContract: true })],
    ['plan con GES-MUN reportado', inputs({ plan: gesMunPlan(gesMunReport(gesMunChecklist)) })],
    [
      'plan con GES-MUN y un FUT que contradice el 15 % de subsidios',
      inputs({
        plan: gesMunPlan(gesMunReport(gesMunChecklist)),
        budget: { ...compliantBudget, subsidiesCommitted: 0 },
      }),
    ],
    ['plan sin reportes', inputs({ plan: gesMunPlan(), year: 2025 })],
    [
      'plan con un reporte de otra meta',
      inputs({ plan: gesMunPlan(progressReported('ACU-COB-URB', 1, { year: 2024 })) }),
    ],
  ] as const)('%s: los mismos números que los ítems con su explicación', (_, given) => {
    expect(compactVigenciaItems(given)).toEqual(compactItems(vigenciaItems(given)));
  });

  it('cada regla del FUT en su lugar (orden de BUDGET_ITEMS), y el exento en -1', () => {
    failing.forEach((change, i) => {
      const budget = { ...compliantBudget, ...change };
      const expected = [100, 100, 100, 100, 100, 100, 100];
      expected[i] = 0;
      expect(compactVigenciaItems(inputs({ budget })).presupuestales).toEqual(expected);
    });
    expect(compactVigenciaItems(inputs({ budget: null })).presupuestales).toEqual([
      0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(
      compactVigenciaItems(inputs({ exemptFromSubsidyContract: true })).administrativos,
    ).toContain(-1);
  });
});
