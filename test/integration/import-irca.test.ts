import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handleCommand } from '../../src/application/command-handler';
import { IRCA_IMPORTER, IRCA_SOURCE, importIrca } from '../../src/application/import-irca';
import { sectorPlan } from '../../src/domain/plan/aggregate';
import { SqliteEventStore } from '../../src/eventstore/sqlite';
import { planner } from '../support/history';
import { territory } from '../support/plan';

const HEADER =
  'dane_code,year,irca,risk_level,irca_urban,risk_level_urban,irca_rural,risk_level_rural';

/** A log with one sector plan: Ibagué, 2020-2023. */
async function withIbagueOpenFor2020() {
  const events = new SqliteEventStore({ path: ':memory:' });
  await handleCommand(
    events,
    sectorPlan,
    'plan-73001-2020',
    { type: 'OpenPlan', daneCode: '73001', firstYear: 2020 },
    { actor: planner, correlationId: 'c' },
    { territory },
  );
  return events;
}

describe('importing INS yearly IRCA', () => {
  it('appends urban and rural IRCA as progress of the open plans, skips what it cannot, and re-imports nothing', async () => {
    const events = await withIbagueOpenFor2020();
    const csv = [
      HEADER,
      '73001,2020,4.1,Sin riesgo,1.2,Sin riesgo,20.5,Riesgo medio',
      '73001,2021,3.9,Sin riesgo,0.8,Sin riesgo,,',
      '73001,2022,abc,Sin riesgo,1,Sin riesgo,2,Sin riesgo',
      '99999,2022,1,Sin riesgo,1,Sin riesgo,1,Sin riesgo',
      '73001,2023,5,Sin riesgo,2,Sin riesgo,140,Inviable sanitariamente',
      '05001,2021,1,Sin riesgo,1,Sin riesgo,1,Sin riesgo',
    ].join('\n');
    const first = await importIrca(events, territory, csv);
    expect(first).toMatchObject({ rows: 6, imported: 2, unchanged: 0, withoutPlan: 1, events: 3 });
    expect(first.malformed.map((m) => m.line)).toEqual([4, 5, 6]);
    expect(first.malformed[0]!.message).toMatch(/irca: "abc"/);
    expect(first.malformed[2]!.message).toMatch(/irca_rural: "140"/);

    const stream = await events.readStream('plan-73001-2020');
    const reports = stream.filter((e) => e.type === 'ProgressReported');
    expect(
      reports.map((e) => [
        e.data.indicator,
        (e.data.period as { year: number }).year,
        e.data.value,
      ]),
    ).toEqual([
      ['ACU-IRCA-URB', 2020, 1.2],
      ['ACU-IRCA-RUR', 2020, 20.5],
      ['ACU-IRCA-URB', 2021, 0.8],
    ]);
    expect(
      reports.every(
        (e) => e.data.source === IRCA_SOURCE && e.metadata.actor.id === IRCA_IMPORTER.id,
      ),
    ).toBe(true);
    // Both zones of a row land in one append: the same recorded instant and consecutive revisions.
    expect(reports[0]!.position + 1).toBe(reports[1]!.position);

    const again = await importIrca(events, territory, csv);
    expect(again).toMatchObject({ imported: 0, unchanged: 2, events: 0 });
    expect(await events.readStream('plan-73001-2020')).toHaveLength(stream.length);
    await events.close();
  });

  it('reads the whole INS file: every row well formed, none imported without plans', async () => {
    const events = new SqliteEventStore({ path: ':memory:' });
    const csv = readFileSync(
      join(__dirname, '..', 'fixtures', 'irca_yearly_2007_2023.csv'),
      'utf8',
    );
    const report = await importIrca(events, territory, csv);
    expect(report.rows).toBe(17_585);
    expect(report.malformed).toEqual([]);
    expect(report.withoutPlan).toBe(17_585);
    expect(await events.headPosition()).toBeNull();
    await events.close();
  });

  it('reports every malformed line with its number and reason, whatever is wrong, and goes on', async () => {
    const events = await withIbagueOpenFor2020();
    const file = Buffer.concat([
      Buffer.from(`${HEADER}\r\n`),
      Buffer.from('73001,2020,4.1,Sin riesgo,1.2,Sin riesgo,20.5,Riesgo medio\r\n'),
      Buffer.from('73001,2021,3.9,Sin riesgo\n'),
      Buffer.from('\n'),
      Buffer.from('73001,2021,3.9,Sin riesgo,0.8,Sin riesgo,2,Sin riesgo,extra\n'),
      Buffer.from([0x37, 0x33, 0x30, 0x30, 0x31, 0x2c, 0x32, 0x30, 0x32, 0x32, 0x2c, 0xe9, 0x0a]),
      Buffer.from('73001,2022,"3.9,Sin riesgo,0.8,Sin riesgo,2,Sin riesgo\n'),
      Buffer.from('   \n'),
      Buffer.from('73001,2023,5,Sin riesgo,2,Sin riesgo,3,Sin riesgo\n'),
    ]);
    const report = await importIrca(events, territory, file);
    expect(report).toMatchObject({ rows: 8, imported: 2, withoutPlan: 0, events: 4 });
    expect(report.malformed).toEqual([
      { line: 3, message: expect.stringMatching(/tiene 4 columnas y el encabezado 8/) },
      { line: 4, message: 'línea vacía.' },
      { line: 5, message: expect.stringMatching(/tiene 9 columnas/) },
      { line: 6, message: expect.stringMatching(/no es UTF-8/) },
      { line: 7, message: expect.stringMatching(/comilla no se cierra/) },
      { line: 8, message: 'línea vacía.' },
    ]);
    await events.close();
  });
});
