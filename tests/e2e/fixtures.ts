import { test as base, expect, type Browser, type Cookie, type Page } from "@playwright/test";
export type { Page };
import AxeBuilder from "@axe-core/playwright";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { TOTP } from "otpauth";
// Shared with the browser benchmarks.
import { startServer } from "../../scripts/harness.mjs";

const root = new URL("../../", import.meta.url).pathname;
const demo = JSON.parse(readFileSync(join(root, "fixtures/demo-data.json"), "utf8"));
export const DEMO_PASSWORD: string = demo.users[0].password;

/** A demo user's electronic-signature PIN (R-AUTH-4). */
export function demoPin(ncid: string): string {
  const user = demo.users.find((u: { ncid: string }) => u.ncid === ncid);
  if (!user) throw new Error(`no demo user ${ncid}`);
  return user.pin;
}

interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

// One server per spec file: a worker runs files one after another, so when a test from a new
// file asks for the base URL, the previous file's server is stopped and a fresh one started.
let current: (RunningServer & { file: string }) | undefined;

async function stopServer(): Promise<void> {
  const running = current;
  current = undefined;
  await running?.stop();
}

export const test = base.extend<{ server: RunningServer }, { serverLifetime: void }>({
  serverLifetime: [
    async ({}, use) => {
      await use();
      await stopServer();
    },
    { scope: "worker", auto: true },
  ],
  server: async ({}, use, testInfo) => {
    if (current?.file !== testInfo.file) {
      await stopServer();
      current = { ...(await startServer()), file: testInfo.file };
      // A fresh server has seen no one-time code and holds no session.
      lastStepUsed.clear();
      sessions.clear();
    }
    await use(current);
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});
export { expect };

// The server accepts each one-time code once (R-AUTH-5) within one 30-second step either side,
// so a second sign-in of the same user in one step against the same server uses the next step's
// code (and may have to wait for it).
const lastStepUsed = new Map<string, number>();

// Each user signs in through the form once per server; later tests of the spec file reuse that
// session's cookies (Playwright's storage state) instead of waiting for the next code step.
const sessions = new Map<string, Cookie[]>();

export async function oneTimeCode(ncid: string): Promise<string> {
  const user = demo.users.find((u: { ncid: string }) => u.ncid === ncid);
  if (!user) throw new Error(`no demo user ${ncid}`);
  const nowStep = Math.floor(Date.now() / 30_000);
  let step = Math.max(nowStep, (lastStepUsed.get(ncid) ?? -1) + 1);
  if (step > nowStep + 1) {
    await new Promise((r) => setTimeout(r, (step - 1) * 30_000 - Date.now() + 500));
  }
  step = Math.max(step, Math.floor(Date.now() / 30_000));
  lastStepUsed.set(ncid, step);
  const totp = new TOTP({ secret: user.totp_secret, digits: 6, period: 30, algorithm: "SHA1" });
  return totp.generate({ timestamp: step * 30_000 });
}

/**
 * Every page state the specs scan: no axe violation, and no rule id (R-BOA-4 and the like) in
 * what the page says. Rule ids are for the code, the API and the audit log, not for a provider.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await page.locator("body").innerText()).not.toMatch(/\bR-[A-Z]+-\d+\b/);
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(", ")})`)).toEqual([]);
}

/**
 * Signs in: the first time for a user on this server through the NCID-shaped form as a person
 * would (R-AUTH-1); after that with the session that sign-in made, while the server still
 * accepts it (a test may have signed it out).
 */
export async function signIn(page: Page, ncid: string): Promise<void> {
  const saved = sessions.get(ncid);
  if (saved) {
    await page.context().addCookies(saved);
    const session = await page.request.get("/api/session");
    if (session.ok() && (await session.json()).user.ncid === ncid) {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: "My provider records" })).toBeVisible();
      return;
    }
    await page.context().clearCookies();
    sessions.delete(ncid);
  }
  await signInThroughTheForm(page, ncid);
  sessions.set(ncid, await page.context().cookies());
}

/** The whole sign-in as a person makes it: user name, password, one-time code. */
export async function signInThroughTheForm(page: Page, ncid: string): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("User name").fill(ncid);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.getByLabel("One-time code").fill(await oneTimeCode(ncid));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My provider records" })).toBeVisible();
}

/** Opens My Account Management at a view of the table (page, size, sort, filter in the URL). */
export async function openAccounts(page: Page, query = ""): Promise<void> {
  await page.goto(`/account${query}`);
  await expect(page.getByRole("heading", { level: 1, name: "My Account Management" })).toBeVisible();
  await expect(page.getByRole("table")).toBeVisible();
}

/** A row's checkbox, named by the row's OA NCID and NPI. */
export function rowCheckbox(page: Page, ncid: string, npi: string) {
  return page.getByRole("checkbox", { name: `Select ${ncid} – NPI ${npi}` });
}

/** A signed-in page with its own cookies, so several people can act side by side. */
export async function personPage(browser: Browser, baseURL: string, ncid: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, ncid);
  return page;
}

/** A wizard step is showing: its heading and "Step N of <steps>" (7 for an OA Change Request). */
export async function expectStep(page: Page, number: number, title: string, steps = 7): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Step ${number} of ${steps}`)).toBeVisible();
}

/** Continue on a wizard step, then the next step is showing. */
export async function continueTo(page: Page, number: number, title: string, steps = 7): Promise<void> {
  await page.getByRole("button", { name: "Continue" }).click();
  await expectStep(page, number, title, steps);
}

/** On step 2 of an OA Change Request: "Keep the current primary OA" (nothing is chosen in advance), then step 3. */
export async function keepThePrimary(page: Page): Promise<void> {
  await page.getByRole("radio", { name: "Keep the current primary OA" }).check();
  await continueTo(page, 3, "Backup OA");
}

/** "No" to each exclusion and sanction question of a wizard's step (R-OA-3). */
export async function answerNoToExclusions(page: Page): Promise<void> {
  for (const question of ["excluded", "sanctioned", "convicted"]) {
    await page.locator(`#exclusion-${question}-no`).check();
  }
}

/** On a wizard's last step: the attestation confirmed, the user's PIN typed, signed (R-AUTH-4). */
export async function signAndSubmit(page: Page, ncid: string): Promise<void> {
  await page.getByLabel(/I confirm/).check();
  await page.getByLabel("PIN").fill(demoPin(ncid));
  await page.getByRole("button", { name: "Sign and submit" }).click();
}

/**
 * From the Backup OA step (3 of 7) of javery1's OA Change Request: `backup` named, "No" to every
 * exclusion question, checked and signed; answers the tracking number.
 */
export async function nameBackupAndSubmit(page: Page, backup: string): Promise<string> {
  await page.getByRole("radio", { name: `Assign as backup OA: ${backup}` }).check();
  // The primary stays, so the continued-access question (step 4) is passed over.
  await continueTo(page, 5, "Exclusion and sanction questions");
  await answerNoToExclusions(page);
  await continueTo(page, 6, "Check your answers");
  await expect(page.getByText(`New backup OA: ${backup}`)).toBeVisible();
  await continueTo(page, 7, "Sign and submit");
  await signAndSubmit(page, "javery1");
  await expect(page.getByRole("heading", { level: 1, name: "OA Change Request submitted" })).toBeVisible();
  const tracking = page.locator(".tracking-number");
  await expect(tracking).toHaveText(/^OAC-\d{8}-\d{6}$/);
  return (await tracking.textContent()) ?? "";
}

/** Operations staff approve the open request or application `tracking`, confirming in the dialog. */
export async function approve(staff: Page, tracking: string): Promise<void> {
  await staff.getByRole("radio", { name: "Approve" }).check();
  await staff.getByRole("button", { name: "Record the decision" }).click();
  const dialog = staff.getByRole("dialog", { name: "Approve?" });
  await expect(dialog).toContainText(tracking);
  await expectNoAxeViolations(staff);
  await dialog.getByRole("button", { name: "Yes, approve" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(staff.getByText("Decision recorded")).toBeVisible();
}
