import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_FLAGS } from "./scripts/harness.mjs";

// Each spec file starts its own reference server on a free port with a fresh database
// (tests/e2e/fixtures.ts), so specs never depend on each other's changes.
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 3,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download cannot reach its host here.
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
    },
  },
});
