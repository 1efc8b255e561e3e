// @ts-check
// Lint and the dependency rules of docs/architecture.md: pure domain libraries import no framework and no
// I/O; every vendor library is imported by its one adapter folder only, so that a swap touches one adapter.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Vendor module -> the adapter folder (under libs/<lib>/src/adapters/) allowed to import it. */
const vendors = {
  pg: 'postgres',
  '@electric-sql/pglite': 'pglite',
  '@eventstore/db-client': 'eventstoredb',
  kafkajs: 'kafka',
  bull: 'bull',
  ioredis: 'bull',
};
const escape = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const vendorPattern = (name) => ({
  // A bare module name only: a relative path such as ./adapters/bull is the adapter itself, not the vendor.
  regex: `^${escape(name)}(/.*)?$`,
  message: `${name} may be imported only in libs/*/src/adapters/${vendors[name]}/ (one adapter per vendor).`,
});
const restrict = (names, extra = []) => ['error', { patterns: [...names.map(vendorPattern), ...extra] }];
const allVendors = Object.keys(vendors);
const domainLibs = ['kernel', 'supply', 'placements', 'matching', 'commissioning', 'geo', 'interop'];
const noFramework = [
  { group: ['@nestjs/*'], message: 'Domain libraries are pure: no framework.' },
  {
    group: [
      'fs',
      'fs/*',
      'node:fs',
      'node:fs/*',
      'net',
      'node:net',
      'http',
      'node:http',
      'https',
      'node:https',
      'child_process',
      'node:child_process',
    ],
    message: 'Domain libraries do no I/O: take what they need in the command or through a port.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '**/*.js', '**/*.mjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-restricted-imports': restrict(allVendors),
    },
  },
  ...Object.entries(vendors).map(([name, folder]) => ({
    files: [`libs/*/src/adapters/${folder}/**/*.ts`],
    rules: { 'no-restricted-imports': restrict(allVendors.filter((v) => vendors[v] !== folder)) },
  })),
  {
    files: domainLibs.map((l) => `libs/${l}/src/**/*.ts`),
    ignores: domainLibs.flatMap((l) => [
      `libs/${l}/src/**/*.spec.ts`,
      `libs/${l}/src/adapters/**`,
      `libs/${l}/src/testing/**`,
    ]),
    rules: { 'no-restricted-imports': restrict(allVendors, noFramework) },
  },
);
