import { test, expect, DEMO_PASSWORD, oneTimeCode, expectNoAxeViolations, signIn, type Page } from "./fixtures";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;

test("javery1 signs in, sees his records and the no-primary-OA warning, and signs out", async ({ page }) => {
  await page.goto("/");
  // The session guard sends a signed-out visitor to the sign-in page.
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeFocused();
  await expectNoAxeViolations(page);

  await page.getByLabel("User name").fill("javery1");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByText("javery1")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByLabel("One-time code")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel("One-time code").fill(await oneTimeCode("javery1"));
  await page.getByRole("button", { name: "Verify" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "My provider records" })).toBeVisible();
  await expect(page).toHaveTitle(/My provider records/);
  await expect(page.getByText("Jordan Avery").first()).toBeVisible();
  for (const record of ["Avery Family Practice, PLLC", "Triangle Pediatrics Group", "Coastal Plain Surgical Associates"]) {
    await expect(page.getByRole("heading", { name: record })).toBeVisible();
  }
  // R-BOA-8: the end-dated primary is not replaced by the backup; the page says so.
  const coastal = page.getByRole("region", { name: "Coastal Plain Surgical Associates" });
  await expect(coastal.getByText(/No active primary OA/)).toBeVisible();
  await expect(coastal.getByText(/end-dated September 30, 2026/)).toBeVisible();
  // Records with an active primary carry no such warning.
  const avery = page.getByRole("region", { name: "Avery Family Practice, PLLC" });
  await expect(avery.getByText(/No active primary OA/)).toHaveCount(0);
  await expectNoAxeViolations(page);

  // A reload keeps the session (HttpOnly cookie), and the page comes back.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My provider records" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login/);
});

test("a wrong one-time code returns to the start", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("User name").fill("tstclaims3");
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const right = await oneTimeCode("tstclaims3");
  const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, "0");
  await page.getByLabel("One-time code").fill(wrong);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert")).toContainText("Start again");
  await expect(page.getByLabel("User name")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("unknown routes show a not-found page", async ({ page }) => {
  await signIn(page, "providertraining1");
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await expect(page).toHaveTitle(/Page not found/);
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /home/i }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "My provider records" })).toBeVisible();
});

test("the release build holds no gallery: no route, no code", async ({ page }) => {
  // The designers' gallery (gallery/) is a crate and a build of its own; its words are in none
  // of the files the release build serves.
  const dist = join(root, "dist");
  const served = readdirSync(dist).filter((name) => !/\.(br|gz)$/.test(name));
  expect(served.some((name) => name.endsWith(".wasm"))).toBe(true);
  for (const name of served) {
    expect(readFileSync(join(dist, name)).includes("Provider Portal gallery"), name).toBe(false);
  }
  await signIn(page, "providertraining1");
  await page.goto("/gallery/account/locked-rows");
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("the app boots under the strict Content-Security-Policy", async ({ page }) => {
  const response = await page.goto("/login");
  const csp = response?.headers()["content-security-policy"] ?? "";
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).not.toContain("unsafe-inline");
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.reload();
  await expect(page.getByLabel("User name")).toBeVisible();
  expect(violations).toEqual([]);
});

test("a page opened at its address fetches its code beside the app's: three modules at most, each once", async ({ page }) => {
  await signIn(page, "javery1");
  // The app's own wasm is held back: the page's modules must be on their way before it runs.
  let releaseAppWasm = () => {};
  const appWasmHeld = new Promise<void>((resolve) => (releaseAppWasm = resolve));
  await page.route(/_bg\.wasm$/, async (route) => {
    await appWasmHeld;
    await route.continue();
  });
  const pageModules: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith(".wasm") && !path.endsWith("_bg.wasm")) pageModules.push(path);
  });
  await page.goto("/account", { waitUntil: "commit" });
  await expect.poll(() => pageModules.length).toBeGreaterThan(0);
  const beforeTheApp = [...pageModules];
  releaseAppWasm();
  await expect(page.getByRole("heading", { level: 1, name: "My Account Management" })).toBeVisible();
  expect(pageModules.length).toBeLessThanOrEqual(3);
  expect(new Set(pageModules).size, "each module fetched once").toBe(pageModules.length);
  expect(pageModules.sort()).toEqual(beforeTheApp.sort());
  expect(pageModules.some((path) => path.startsWith("/split_account_page_"))).toBe(true);
});
