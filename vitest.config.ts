import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-*/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Tests start real processes (anvil, ffmpeg); two cores are the norm on our machines.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    execArgv: ['--disable-warning=ExperimentalWarning'],
  },
});
