import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "examples/**/*.test.ts"],
    testTimeout: 20_000,
    pool: "threads",
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      exclude: ["src/**/*.test.ts", "src/**/*.test-d.ts", "src/**/*.case.ts", "src/cli/bin.ts"],
      reporter: ["text-summary", "json-summary"],
      thresholds: {
        "src/core/**": { lines: 95 },
      },
    },
  },
});
