import { defineConfig } from 'vitest/config';

// With a PostgreSQL for tests (scripts/lib/postgres.sh sets the URL), the server's kubectl suite,
// and its controllers run a second time on PostgreSQL (testing.ts reads
// DROVER_TEST_STORE); without one they run on SQLite only and the store's own PostgreSQL suite
// says it is skipped.
const postgres = (process.env.DROVER_TEST_POSTGRES_URL ?? '') !== '';
const ON_POSTGRES = [
  'packages/server/src/api/kubectl-*.test.ts',
  'packages/server/src/controllers/controllers.test.ts',
  'packages/server/src/controllers/define-controller.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the number of parallel test files small so timing-sensitive
    // tests (throughput fairness, liveness) are not starved.
    maxWorkers: 2,
    reporters: ['default'],
    projects: [
      { extends: true, test: { name: 'default', include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'] } },
      ...(postgres ? [{ extends: true, test: { name: 'server-on-postgres', include: ON_POSTGRES, env: { DROVER_TEST_STORE: 'postgres' } } }] : []),
    ],
  },
});
