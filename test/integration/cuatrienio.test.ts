import { CommandRejected, foldStream, handleCommand } from '../../src/application/command-handler';
import { sectorPlan } from '../../src/domain/plan/aggregate';
import { planFigures } from '../../src/domain/plan/figures';
import { planStreamId } from '../../src/domain/plan/events';
import { sectorPlanScript } from '../../src/demo/sector-plan';
import { verifyChain } from '../../src/eventstore/integrity';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { TestClock } from '../support/clock';
import { territory } from '../support/plan';

const planner = { id: 'u-ibague-1', name: 'Ana Gómez', role: 'PLANNER', entity: '73001' };

describe("a planner's whole cuatrienio through the deciders onto the embedded log", () => {
  it('is recorded, read back as the same state, chained, with amendments justified', async () => {
    const clock = new TestClock();
    const store = new SqliteEventStore({ path: ':memory:', clock });
    const stream = planStreamId('73001', 2024);
    const script = sectorPlanScript('73001', 2024);
    let state = sectorPlan.initialState();
    for (const [index, step] of script.entries()) {
      clock.set(step.at);
      const result = await handleCommand(
        store,
        sectorPlan,
        stream,
        step.command,
        { actor: planner, correlationId: `c-${index}` },
        { territory },
      );
      state = result.state;
    }
    const events = await store.readStream(stream);
    expect(events).toHaveLength(script.length);
    expect(foldStream(sectorPlan, events)).toEqual(state);
    expect(verifyChain(events).ok).toBe(true);

    const amendments = events.filter((e) => e.type === 'GoalAmended');
    expect(amendments).toHaveLength(2);
    for (const amendment of amendments) {
      expect(amendment.metadata.reason).toEqual(expect.any(String));
      expect(amendment.metadata.legalBasis).toMatch(/^Acuerdo \d+ de \d{4}$/);
      expect(amendment.data.previous).toEqual({
        targets: expect.any(Array),
        total: expect.any(Number),
      });
    }
    // Every annual required indicator has progress for each of the four years.
    for (const code of ['ACU-COB-URB', 'ALC-TRAT-URB', 'ACU-IRCA-URB', 'GES-MUN']) {
      expect(Object.keys(state.progress[code] ?? {}).sort()).toEqual([
        '2024',
        '2025',
        '2026',
        '2027',
      ]);
    }
    expect(Object.keys(state.progress['ASE-DISP-URB'] ?? {})).toHaveLength(8);

    const figures = planFigures(state);
    expect(figures.missingIndicators).toEqual([]);
    // P-001 and P-002 cover 90 % of the original ACU-COB-URB goal, which was then amended to 90 %.
    expect(Math.abs(figures.goals['ACU-COB-URB']!.gap.gap)).toBeLessThanOrEqual(2);
    expect(figures.goals['ALC-TRAT-URB']!.gap.gap).toBe(0);
    expect(figures.funds).toHaveLength(4);
    expect(figures.goals['GES-MUN']!.progress).toMatchObject({ percent: 100, status: 'CUMPLIDA' });
    await store.close();
  });

  it('a rejected command appends nothing', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const stream = planStreamId('73001', 2024);
    const meta = { actor: planner, correlationId: 'c' };
    await handleCommand(
      store,
      sectorPlan,
      stream,
      { type: 'OpenPlan', daneCode: '73001', firstYear: 2024 },
      meta,
      { territory },
    );
    const attempt = handleCommand(
      store,
      sectorPlan,
      stream,
      {
        type: 'SetBaseline',
        indicator: 'ACU-COB-URB',
        value: -1,
        measuredAt: { year: 2023 },
        source: 'SUI',
      },
      meta,
      { territory },
    );
    await expect(attempt).rejects.toBeInstanceOf(CommandRejected);
    await expect(attempt).rejects.toMatchObject({
      error: { code: 'BAD_USER_INPUT', field: 'value' },
    });
    expect(await store.readStream(stream)).toHaveLength(1);
    await store.close();
  });

  it('a stale expected revision is a conflict; without one, a race is decided again on fresh state', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    const stream = planStreamId('73001', 2024);
    const meta = { actor: planner, correlationId: 'c' };
    await handleCommand(
      store,
      sectorPlan,
      stream,
      { type: 'OpenPlan', daneCode: '73001', firstYear: 2024 },
      meta,
      { territory },
    );
    const baseline = {
      type: 'SetBaseline' as const,
      indicator: 'ACU-COB-URB',
      value: 100,
      measuredAt: { year: 2023 },
      source: 'SUI',
    };
    await handleCommand(
      store,
      sectorPlan,
      stream,
      baseline,
      { ...meta, expectedRevision: 0 },
      { territory },
    );
    await expect(
      handleCommand(
        store,
        sectorPlan,
        stream,
        { ...baseline, indicator: 'ALC-COB-URB' },
        { ...meta, expectedRevision: 0 },
        { territory },
      ),
    ).rejects.toMatchObject({ name: 'ConcurrencyError', expected: 0, actual: 1 });
    const results = await Promise.all(
      ['ALC-COB-URB', 'ALC-COB-RUR', 'ACU-COB-RUR'].map((indicator) =>
        handleCommand(store, sectorPlan, stream, { ...baseline, indicator }, meta, { territory }),
      ),
    );
    expect(results.map((r) => r.revision).sort()).toEqual([2, 3, 4]);
    expect(await store.readStream(stream)).toHaveLength(5);
    await store.close();
  });
});
