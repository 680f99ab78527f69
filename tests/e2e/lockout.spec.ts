import { test, expect, DEMO_PASSWORD, expectNoAxeViolations, type Page } from "./fixtures";

async function tryPassword(page: import("@playwright/test").Page, ncid: string, password: string) {
  await page.goto("/login");
  await page.getByLabel("User name").fill(ncid);
  await page.getByRole("button", { name: "Next" }).click();
  await page.getByLabel("Password").fill(password);
  // Wait for the server's answer: the next attempt's navigation would otherwise cancel it.
  const answered = page.waitForResponse((r) => r.url().endsWith("/api/session/password"));
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await answered;
}

test("three wrong passwords lock the user name and show both help-desk numbers (R-AUTH-2)", async ({ page }) => {
  await tryPassword(page, "clin2", "wrong-1");
  await expect(page.getByRole("alert")).toContainText("incorrect");
  await tryPassword(page, "clin2", "wrong-2");
  await expect(page.getByRole("alert")).toContainText("incorrect");
  await tryPassword(page, "clin2", "demo!passw0rd"); // case matters
  const lock = page.getByRole("alert");
  await expect(lock).toContainText("locked");
  await expect(lock).toContainText("919-754-6000");
  await expect(lock).toContainText("800-722-3946");
  await expectNoAxeViolations(page);

  // Still locked with the right password.
  await tryPassword(page, "clin2", DEMO_PASSWORD);
  await expect(page.getByRole("alert")).toContainText("locked");
  await expect(page.getByLabel("One-time code")).toHaveCount(0);
});

test("an unknown user name is refused in the same words and locks the same way (R-AUTH-3)", async ({ page }) => {
  await tryPassword(page, "nobody-here", "wrong");
  const unknownText = await page.getByRole("alert").innerText();
  await tryPassword(page, "kpatel4", "wrong");
  const knownText = await page.getByRole("alert").innerText();
  expect(unknownText).toBe(knownText);
  await tryPassword(page, "nobody-here", "wrong");
  await tryPassword(page, "nobody-here", "wrong");
  await expect(page.getByRole("alert")).toContainText("919-754-6000");
});
