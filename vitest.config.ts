import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{corpus,bot,retrieval,scripts,evals,bench}/**/*.test.ts"],
    setupFiles: ["./vitest.polyfills.ts", "./vitest.setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The embedding model takes ~250 MB per worker; two workers match the 2-core CI machine.
    maxWorkers: 2,
  },
});
