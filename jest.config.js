// Three tiers: unit (pure, in memory), int (real PostgreSQL, Redis, Kafka, PGlite files), e2e (across apps).
const fs = require('fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@placematch/([^/]+)/testing$': '<rootDir>/libs/$1/src/testing',
    '^@placematch/([^/]+)$': '<rootDir>/libs/$1/src',
    '^@app/([^/]+)$': '<rootDir>/apps/$1/src',
  },
  testEnvironment: 'node',
  // class-validator keeps its metadata on a global that must live as long as the app under test.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
module.exports = {
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.spec.ts'],
      testPathIgnorePatterns: ['\\.int\\.spec\\.ts$', '\\.e2e\\.spec\\.ts$'],
    },
    {
      ...common,
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-tier.setup.ts'],
      displayName: 'int',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int.spec.ts'],
    },
    {
      ...common,
      setupFilesAfterEnv: ['<rootDir>/test/support/slow-tier.setup.ts'],
      displayName: 'e2e',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.e2e.spec.ts'],
    },
  ],
};
