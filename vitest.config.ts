import { defineConfig } from 'vitest/config';
import { E2eNameOrderSequencer } from './test/e2e/support/name-order.ts';

// With a PostgreSQL for tests (scripts/lib/postgres.sh sets the URL), the server's kubectl suite,
// its controllers and the audit log run a second time on PostgreSQL (testing.ts reads
// DROVER_TEST_STORE); without one they run on SQLite only and the store's own PostgreSQL suite
// says it is skipped.
const postgres = (process.env.DROVER_TEST_POSTGRES_URL ?? '') !== '';
const ON_POSTGRES = [
  'packages/server/src/api/kubectl-*.test.ts',
  'packages/server/src/controllers/controllers.test.ts',
  'packages/server/src/controllers/define-controller.test.ts',
  'packages/server/src/audit/*.test.ts',
  'packages/server/src/auth/kubeconfig.test.ts',
  'packages/server/src/security/audit-events.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the number of parallel test files small so timing-sensitive
    // tests (throughput fairness, liveness) are not starved.
    maxWorkers: 2,
    reporters: ['default'],
    sequence: { sequencer: E2eNameOrderSequencer },
    projects: [
      { extends: true, test: { name: 'default', include: ['packages/*/src/**/*.test.ts', 'test/fixtures/**/*.test.ts'] } },
      {
        // End to end on the testbed (opt-in: DROVER_E2E=1, as root; docs/testbed.md). The
        // globalSetup brings the testbed up once for all files and provides it to them; one worker
        // runs the files one after another in name order without isolation, so the server
        // support/e2e.ts starts is shared by them too.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/support/global-setup.ts'],
          pool: 'forks',
          isolate: false,
          fileParallelism: false,
          maxWorkers: 1,
          sequence: { groupOrder: 1 },
        },
      },
      ...(postgres ? [{ extends: true, test: { name: 'server-on-postgres', include: ON_POSTGRES, env: { DROVER_TEST_STORE: 'postgres' } } }] : []),
    ],
  },
});
