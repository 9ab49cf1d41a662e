/**
 * The parts of `npm run mutation` (test/mutation/run.ts) cover every source of the domain and the
 * read models: a file that no part measures is named, not passed over in silence (issue 14).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  mutatedSources,
  NOT_MUTATED,
  PARTS,
  partCovers,
  partName,
  summarize,
  unmeasured,
} from '../mutation/run';
import { filesToLoad, namesOf } from '../mutation/sequencer.cjs';
import type { MutationTestResult } from 'mutation-testing-report-schema' with {
  'resolution-mode': 'import',
};

const root = join(__dirname, '..', '..');

describe('las partes de la prueba de mutación', () => {
  it('un archivo que ningún resultado cubre se nombra; uno medido o excusado, no', () => {
    const sources = [
      'projections/goals.ts',
      'projections/index.ts',
      'src/domain/plan/deciders/shared.ts',
      'src/domain/plan/state.ts',
    ];
    const measured = new Set(['projections/goals.ts', 'src/domain/plan/state.ts']);
    expect(unmeasured(sources, measured)).toEqual(['src/domain/plan/deciders/shared.ts']);
    expect(
      unmeasured(sources, new Set([...measured, 'src/domain/plan/deciders/shared.ts'])),
    ).toEqual([]);
  });

  it('las fuentes se buscan en subcarpetas, solo archivos .ts, con rutas del proyecto', () => {
    const sources = mutatedSources();
    expect(sources).toContain('src/domain/plan/deciders/shared.ts');
    expect(sources).toContain('projections/index.ts');
    expect(sources.every((file) => /^(src\/domain|projections)\/.+\.ts$/.test(file))).toBe(true);
  });

  it('cada fuente del dominio y de las proyecciones está en una parte o tiene su razón para no estarlo', () => {
    const outside = mutatedSources().filter(
      (file) => !PARTS.some((part) => partCovers(part, file)) && !(file in NOT_MUTATED),
    );
    expect(outside).toEqual([]);
  });

  it('lo que no se muta existe, no está además en una parte y dice por qué', () => {
    for (const [file, reason] of Object.entries(NOT_MUTATED)) {
      expect(existsSync(join(root, file))).toBe(true);
      expect(PARTS.some((part) => partCovers(part, file))).toBe(false);
      expect(reason.length).toBeGreaterThan(20);
    }
  });

  it('una parte carpeta toma lo que contiene, y una parte archivo solo ese archivo', () => {
    expect(partCovers('src/domain/rules', 'src/domain/rules/irca.ts')).toBe(true);
    expect(partCovers('src/domain/rules/', 'src/domain/rules/irca.ts')).toBe(true);
    expect(partCovers('src/domain/rule', 'src/domain/rules/irca.ts')).toBe(false);
    expect(partCovers('src/domain/plan/state.ts', 'src/domain/plan/state.ts')).toBe(true);
    expect(partCovers('src/domain/plan/state.ts', 'src/domain/plan/deciders/shared.ts')).toBe(
      false,
    );
  });

  it('cada parte tiene su propio archivo de resultados', () => {
    const names = PARTS.map(partName);
    expect(new Set(names).size).toBe(names.length);
    expect(partName('src/domain/plan/deciders/shared.ts')).toBe('domain-plan-deciders-shared');
  });

  it('un resultado medido sobre otra versión del archivo se dice viejo; el del código de hoy, vigente', () => {
    const report = {
      schemaVersion: '2',
      thresholds: { high: 80, low: 60 },
      files: {
        'src/domain/time.ts': {
          language: 'typescript',
          source: 'export const a = 1;\n',
          mutants: [
            {
              id: '1',
              mutatorName: 'NumericLiteral',
              replacement: '0',
              status: 'Killed',
              location: { start: { line: 1, column: 18 }, end: { line: 1, column: 19 } },
            },
          ],
        },
      },
    } as unknown as MutationTestResult;
    const now = (source: string) => () => source;
    expect(summarize(report, now('export const a = 1;\n'))[0]).toMatchObject({
      score: 100,
      current: true,
    });
    expect(summarize(report, now('export const a = 2;\n'))[0]!.current).toBe(false);
    expect(summarize(report, () => null)[0]!.current).toBe(false);
  });
});

describe('el secuenciador de la prueba de mutación', () => {
  const namesByFile = namesOf({
    testResults: [
      {
        testFilePath: '/s/test/unit/plan-state.test.ts',
        testResults: [{ fullName: 'estado del plan una meta corregida conserva su línea base' }],
      },
      {
        testFilePath: '/s/test/unit/rules.test.ts',
        testResults: [
          { fullName: 'reglas un peso de diferencia cumple, dos no' },
          { fullName: 'reglas avance exactamente al día es AL_DIA' },
        ],
      },
    ],
  });
  // As StrykerJS's Jest runner builds it: each covering test's full name, escaped, between
  // parentheses, joined by `|`; Jest matches it case-insensitively anywhere in a full name.
  const patternOf = (...names: string[]) =>
    new RegExp(names.map((n) => `(${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`).join('|'), 'i');
  const related = [
    '/s/test/unit/plan-state.test.ts',
    '/s/test/unit/rules.test.ts',
    '/s/test/unit/nueva.test.ts',
  ];

  it('carga solo los archivos con una prueba del mutante, y los que la corrida inicial no vio', () => {
    expect(
      filesToLoad(related, patternOf('reglas un peso de diferencia cumple, dos no'), namesByFile),
    ).toEqual(['/s/test/unit/rules.test.ts', '/s/test/unit/nueva.test.ts']);
  });

  it('empareja como Jest: sin distinguir mayúsculas y en cualquier parte del nombre', () => {
    expect(filesToLoad(related, patternOf('CONSERVA SU LÍNEA BASE'), namesByFile)).toEqual([
      '/s/test/unit/plan-state.test.ts',
      '/s/test/unit/nueva.test.ts',
    ]);
    expect(
      filesToLoad(related, patternOf('al día es AL_DIA', 'una meta corregida'), namesByFile),
    ).toEqual(related);
  });
});
