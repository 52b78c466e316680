import { defineConfig } from 'vitest/config';

/**
 * Three projects: unit tests run alone; integration tests share one real stack
 * (PostgreSQL, the Camunda engine, the workers, the UI) started once in a
 * global setup and stopped at the end; the fault suite (`npm run test:fault`)
 * starts a stack of its own in each file and kills parts of it.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // bpmnlint-plugin-bokvar's rule tests (plain JavaScript, like the plugin) run with the unit tests.
          include: ['test/unit/**/*.test.ts', 'bpmnlint-plugin-bokvar/test/**/*.test.mjs'],
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
      {
        test: {
          name: 'fault',
          include: ['test/fault/**/*.test.ts'],
          environment: 'node',
          // Each file starts its own stack (and kills parts of it): long, and one at a time.
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
