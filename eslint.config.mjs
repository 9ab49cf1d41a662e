// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'data/',
      'coverage/',
      'reports/',
      '.stryker-tmp/',
      'jest.config.js',
      'jest.mutation.config.js',
      'schema/client/',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // CommonJS that Jest loads as it is (the mutation run's test sequencer).
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['src/domain/**/*.ts', 'projections/**/*.ts'],
    rules: {
      // The domain is pure: no drivers, no GraphQL, no clock.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'better-sqlite3',
                'mongodb',
                '@eventstore/*',
                'graphql',
                'type-graphql',
                '@apollo/*',
                'pino',
                'node:fs',
                'fs',
              ],
              message: 'src/domain y projections son puros: sin drivers, GraphQL ni E/S.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Sin reloj en el dominio: el instante llega en el comando.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Sin reloj en el dominio: el instante llega en el comando.',
        },
      ],
    },
  },
);
