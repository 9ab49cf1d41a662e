import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { classifyIrca } from '../../src/domain/rules/irca';

describe('IRCA classes (Res. 2115/2007)', () => {
  it.each([
    [0, 'SIN_RIESGO'],
    [5, 'SIN_RIESGO'],
    [5.05, 'BAJO'],
    [5.1, 'BAJO'],
    [14, 'BAJO'],
    [14.04, 'MEDIO'],
    [14.1, 'MEDIO'],
    [35, 'MEDIO'],
    [35.05, 'ALTO'],
    [80, 'ALTO'],
    [80.05, 'INVIABLE_SANITARIAMENTE'],
    [100, 'INVIABLE_SANITARIAMENTE'],
  ])('%d is %s (anything above an upper bound belongs to the next class)', (value, expected) => {
    expect(classifyIrca(value).class).toBe(expected);
  });

  it.each([-0.1, 100.1, NaN])('refuses %d', (value) => {
    expect(() => classifyIrca(value)).toThrow(/entre 0 y 100/);
  });

  it("agrees with INS's own label on every row of the yearly file 2007-2023, total, urban and rural", () => {
    const csv = readFileSync(
      join(__dirname, '..', 'fixtures', 'irca_yearly_2007_2023.csv'),
      'utf8',
    );
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(17_585);
    let compared = 0;
    const disagreements: string[] = [];
    for (const row of rows) {
      for (const [valueColumn, labelColumn] of [
        ['irca', 'risk_level'],
        ['irca_urban', 'risk_level_urban'],
        ['irca_rural', 'risk_level_rural'],
      ] as const) {
        const value = row[valueColumn];
        if (!value) continue;
        compared += 1;
        const label = classifyIrca(Number(value)).label;
        if (label !== row[labelColumn]) {
          disagreements.push(
            `${row.dane_code} ${row.year} ${valueColumn}=${value}: ${label} ≠ ${row[labelColumn]}`,
          );
        }
      }
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBeGreaterThan(40_000);
  });
});
