import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: keep the number of parallel test files small so timing-sensitive
    // tests (throughput fairness, liveness) are not starved.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
