import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // A fixed date keeps every test independent of the day it runs.
    env: { MAG_TODAY: '2026-11-23', LOG_LEVEL: 'silent' },
    testTimeout: 20_000,
  },
});
