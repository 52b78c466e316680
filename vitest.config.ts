import { defineConfig } from 'vitest/config';

/**
 * Two projects: unit tests run alone; integration tests share one real stack
 * (PostgreSQL, the Camunda engine, the workers, the UI) started once in a
 * global setup and stopped at the end.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // One engine for all: files run one at a time so history assertions stay exact.
          fileParallelism: false,
        },
      },
    ],
  },
});
