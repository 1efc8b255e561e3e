import { ESLint } from 'eslint';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const eslint = new ESLint({ cwd: root });

/** The messages of the dependency rule for `code` as if it were the file at `path`. */
const violations = async (path: string, code: string) => {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('dependency rules (architecture: pure domain, one adapter per vendor)', () => {
  it.each([
    ['libs/supply/src/x.ts', "import { Controller } from '@nestjs/common';"],
    ['libs/matching/src/x.ts', "import { readFileSync } from 'node:fs';"],
    ['libs/placements/src/x.ts', "import { Pool } from 'pg';"],
    ['libs/kernel/src/x.ts', "import http from 'http';"],
  ])('refuses framework and I/O imports in a domain library (%s)', async (path, code) => {
    expect(await violations(path, code)).toHaveLength(1);
  });

  it.each([
    ['pg', 'libs/sql/src/adapters/pglite/x.ts', 'libs/sql/src/adapters/postgres/x.ts'],
    ['@electric-sql/pglite', 'libs/sql/src/adapters/postgres/x.ts', 'libs/sql/src/adapters/pglite/x.ts'],
    [
      '@eventstore/db-client',
      'libs/event-store/src/adapters/sql/x.ts',
      'libs/event-store/src/adapters/eventstoredb/x.ts',
    ],
    ['kafkajs', 'apps/placematch/src/x.ts', 'libs/message-bus/src/adapters/kafka/x.ts'],
    ['bull', 'libs/job-queue/src/adapters/in-process/x.ts', 'libs/job-queue/src/adapters/bull/x.ts'],
    ['ioredis', 'libs/runtime/src/x.ts', 'libs/job-queue/src/adapters/bull/x.ts'],
  ])('lets only its adapter folder import %s', async (vendor, elsewhere, adapter) => {
    const code = `import * as vendor from '${vendor}';\nexport default vendor;`;
    expect(await violations(elsewhere, code)).toHaveLength(1);
    expect(await violations(adapter, code)).toEqual([]);
  });

  it('does not mistake a relative path named like a vendor for the vendor', async () => {
    expect(
      await violations('libs/job-queue/src/index.ts', "export * from './adapters/bull/bull.job-queue';"),
    ).toEqual([]);
  });
});
