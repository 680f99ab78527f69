import { defineConfig } from "@playwright/test";
import { CHROMIUM, CHROMIUM_FLAGS } from "../../scripts/harness.mjs";

// The visual regression suite (`make test-visual`, part of `make test`): every state of the
// gallery (target/gallery-dist, built by `make gallery-build`) at 375 and 1280 px, compared with
// the committed pictures in baselines/. `make visual-baselines` takes them again after an
// intended change; a failed comparison leaves the expected, actual and diff pictures in
// test-results/visual.
export const GALLERY_PORT = 8091;

export default defineConfig({
  testDir: ".",
  outputDir: "../../test-results/visual",
  // One picture per state and width, whatever the machine: the type is pinned (gallery/index.html).
  snapshotPathTemplate: "{testDir}/baselines/{projectName}/{arg}{ext}",
  // The states' parts run side by side: each waits on page loads far more than on the CPU.
  fullyParallel: true,
  workers: 4,
  retries: 0,
  timeout: 600_000,
  reporter: [["list"]],
  expect: {
    toHaveScreenshot: { animations: "disabled", caret: "hide", maxDiffPixels: 0 },
  },
  webServer: {
    command: `node ../../scripts/serve-gallery.mjs ${GALLERY_PORT} ../../target/gallery-dist`,
    url: `http://127.0.0.1:${GALLERY_PORT}/gallery`,
    reuseExistingServer: false,
  },
  use: {
    baseURL: `http://127.0.0.1:${GALLERY_PORT}`,
    launchOptions: { executablePath: CHROMIUM, args: CHROMIUM_FLAGS },
  },
  projects: [
    { name: "375", use: { viewport: { width: 375, height: 800 } } },
    { name: "1280", use: { viewport: { width: 1280, height: 800 } } },
  ],
});
