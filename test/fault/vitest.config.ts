import { defineConfig } from 'vitest/config';

/** The fault suite on its own: each file starts its own stack, so files run one at a time. */
export default defineConfig({
  test: {
    include: ['test/fault/**/*.test.ts'],
    environment: 'node',
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
