import { test, expect, type Page } from "@playwright/test";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;

/** Every state the gallery's index links to: `/gallery/<group>/<state>`. */
async function galleryStates(page: Page): Promise<string[]> {
  await page.goto("/gallery");
  await expect(page.getByRole("heading", { level: 1, name: "Provider Portal gallery" })).toBeVisible();
  return page.locator("section[data-group] a").evaluateAll((links) =>
    links.map((link) => new URL((link as HTMLAnchorElement).href).pathname),
  );
}

/** How long a state may take to settle: each is a fresh load of the gallery's debug wasm
 * (28 MB), which a machine busy with the other test layers compiles in seconds. */
const SETTLED = { timeout: 30_000 };

/** The state drawn alone, once it has settled (its acts done, its answers shown). */
async function drawn(page: Page, path: string): Promise<void> {
  await page.goto(`${path}?frame`);
  await expect(page.locator('#gallery-state[data-gallery-ready="true"]'), path).toBeAttached(SETTLED);
  await page.evaluate(() => document.fonts.ready);
}

function pictureName(path: string): string {
  return `${path.replace(/^\/gallery\//, "").replaceAll("/", "--")}.png`;
}

test("every page module and every named component has its gallery entry", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "1280", "the index is the same at every width");
  await galleryStates(page);
  const listed = await page.locator("section[data-page-module]").evaluateAll((groups) =>
    groups.map((group) => group.getAttribute("data-page-module")),
  );
  const modules = readdirSync(join(root, "src/pages"))
    .filter((name) => name !== "mod.rs")
    .map((name) => name.replace(/\.rs$/, ""))
    .sort();
  expect(listed.sort()).toEqual(modules);
  for (const group of await page.locator("section[data-group]").all()) {
    await expect(group.locator("li"), `${await group.getAttribute("data-group")} has states`).not.toHaveCount(0);
  }
  const components = await page.locator("section[data-group]:not([data-page-module])").evaluateAll((groups) =>
    groups.map((group) => group.getAttribute("data-group")),
  );
  expect(components.sort()).toEqual(
    [
      "alert",
      "confirmation",
      "data-table",
      "dialog",
      "error-summary",
      "navigation",
      "pagination",
      "radios",
      "selection-bar",
      "session-timeout",
      "skeleton",
      "step-indicator",
      "summary-list",
    ].sort(),
  );
});

/** The states go in parts, side by side: a state waits mostly on its fresh load, not the CPU. */
const STATE_PARTS = 4;

for (let part = 0; part < STATE_PARTS; part++) {
  test(`every state looks as its committed picture (part ${part + 1} of ${STATE_PARTS})`, async ({ page }) => {
    const states = await galleryStates(page);
    expect(states.length).toBeGreaterThan(40);
    for (const path of states.filter((_, index) => index % STATE_PARTS === part)) {
      await drawn(page, path);
      // Each has its own title, naming the state.
      await expect(page).toHaveTitle(/ – Provider Portal gallery$/);
      await expect.soft(page, path).toHaveScreenshot(pictureName(path), { fullPage: true });
    }
  });
}

test("the design tokens page shows every token of style/tokens.css, as its committed picture", async ({ page }) => {
  const css = readFileSync(join(root, "style/tokens.css"), "utf8");
  const tokens = [...css.matchAll(/^\s*(--[a-z0-9-]+):/gm)].map((match) => match[1]);
  expect(tokens.length).toBeGreaterThan(20);
  await page.goto("/gallery/tokens");
  await expect(page.getByRole("heading", { level: 1, name: "Design tokens" })).toBeVisible();
  const shown = await page.locator("main code").allTextContents();
  expect(shown.sort()).toEqual(tokens.sort());
  // Each colour says its contrast on white, as WCAG 2.1 reads it.
  await expect(page.locator(".gallery-swatch").first()).toContainText(/On white: \d+\.\d:1/);
  await page.evaluate(() => document.fonts.ready);
  await expect(page).toHaveScreenshot("tokens.png", { fullPage: true });
});

test("the width switch shows a state at 375, 768 and 1280 px side by side", async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== "1280", "a wide window holds the three frames");
  await page.goto("/gallery/account/locked-rows?width=all");
  const frames = page.locator("iframe");
  await expect(frames).toHaveCount(3);
  expect(await frames.evaluateAll((all) => all.map((frame) => frame.getAttribute("width")))).toEqual([
    "375",
    "768",
    "1280",
  ]);
  await expect(
    page.frameLocator('iframe[width="375"]').getByRole("heading", { level: 1, name: "My Account Management" }),
  ).toBeVisible();
});

/** The built gallery copied to a scratch directory, with one colour token changed there. */
function scratchGalleryWithPrimary(colour: string): string {
  const scratch = mkdtempSync(join(tmpdir(), "gallery-token-"));
  cpSync(join(root, "target/gallery-dist"), scratch, { recursive: true });
  const tokens = readdirSync(scratch).find((name) => /^tokens-.*\.css$/.test(name));
  if (!tokens) throw new Error("the gallery build has no tokens CSS");
  const css = readFileSync(join(scratch, tokens), "utf8");
  const changed = css.replace(/--color-primary:\s*#[0-9a-f]{6}/i, `--color-primary: ${colour}`);
  expect(changed).not.toEqual(css);
  writeFileSync(join(scratch, tokens), changed);
  return scratch;
}

test("a changed token fails the comparison", async ({ page }, testInfo) => {
  test.skip(testInfo.config.updateSnapshots === "all" || testInfo.config.updateSnapshots === "changed",
    "taking new baselines would keep the changed picture");
  const scratch = scratchGalleryWithPrimary("#6b2c91");
  const port = 8092 + testInfo.parallelIndex;
  const server = spawn("node", [join(root, "scripts/serve-gallery.mjs"), String(port), scratch], {
    stdio: "ignore",
  });
  try {
    await expect(async () => {
      const response = await fetch(`http://127.0.0.1:${port}/gallery`);
      expect(response.ok).toBe(true);
    }).toPass({ timeout: 10_000 });
    const path = "/gallery/account/locked-rows";
    expect(existsSync(testInfo.snapshotPath(pictureName(path))), "the baseline is committed").toBe(true);
    await page.goto(`http://127.0.0.1:${port}${path}?frame`);
    await expect(page.locator('#gallery-state[data-gallery-ready="true"]')).toBeAttached(SETTLED);
    let differs = false;
    try {
      await expect(page).toHaveScreenshot(pictureName(path), { fullPage: true, timeout: 3_000 });
    } catch {
      differs = true;
    }
    expect(differs, "the picture with another primary colour matched the baseline").toBe(true);
  } finally {
    server.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
});
