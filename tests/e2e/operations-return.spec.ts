import { test, expect, expectNoAxeViolations, personPage, nameBackupAndSubmit, type Page } from "./fixtures";

// javery1 names Kiran Patel as backup of Avery Family Practice, PLLC (NPI 2044707588);
// opsreview1 returns the request with a note; javery1 corrects it to Casey Lin and submits it
// again under the same tracking number (R-OA-6).
const AVERY = "Avery Family Practice, PLLC";
const AVERY_NPI = "2044707588";
const NOTE = "Name Casey Lin instead: Kiran Patel leaves the practice";

/** Opens the wizard at step 3 (Backup OA) for Avery Family Practice. */
async function openBackupStep(page: Page): Promise<void> {
  await page.goto(`/oa-change?record=${AVERY_NPI}&step=3`);
  await expect(page.getByRole("heading", { level: 1, name: "Backup OA" })).toBeVisible();
}

test("a returned request is corrected and resubmitted with the same tracking number", async ({ browser, server }) => {
  // Two people sign in and the wizard is walked twice.
  test.setTimeout(120_000);
  const javery = await personPage(browser, server.url, "javery1");
  await openBackupStep(javery);
  const tracking = await nameBackupAndSubmit(javery, "Kiran Patel");
  expect(tracking).toMatch(/^OAC-\d{8}-\d{6}$/);

  const staff = await personPage(browser, server.url, "opsreview1");
  await staff.goto("/operations?status=submitted");
  await staff.getByRole("link", { name: tracking }).click();
  await expect(staff.locator("#request-status")).toHaveText("In review");
  await expect(staff.getByText("New backup OA: Kiran Patel (kpatel4)")).toBeVisible();

  // Returning needs a note (R-OA-6): the summary says so and takes focus.
  await staff.getByRole("radio", { name: "Return for correction" }).check();
  await staff.getByRole("button", { name: "Record the decision" }).click();
  const summary = staff.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("Say what the applicant must correct");
  await expectNoAxeViolations(staff);
  await staff.getByLabel("Note").fill(NOTE);
  await staff.getByRole("button", { name: "Record the decision" }).click();
  const dialog = staff.getByRole("dialog", { name: "Return for correction?" });
  await expect(dialog).toContainText(NOTE);
  await expectNoAxeViolations(staff);
  await dialog.getByRole("button", { name: "Yes, return for correction" }).click();
  await expect(staff.locator("#request-status")).toHaveText("Returned for correction");
  await expect(staff.getByRole("button", { name: "Record the decision" })).toHaveCount(0);

  // javery1 reads why in Messages, then in the wizard, and corrects the request.
  // The count was fetched when the page last changed; opening Messages fetches it again.
  const nav = javery.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: /^Messages/ }).click();
  await expect(nav.getByRole("link", { name: /^Messages, \d+ unread$/ })).toBeVisible();
  await javery.getByRole("button", { name: `Unread OA Change Request returned for correction: ${AVERY}` }).click();
  await expect(javery.getByText(NOTE)).toBeVisible();
  await expectNoAxeViolations(javery);

  await openBackupStep(javery);
  const returned = javery.locator("#returned-notice");
  await expect(returned).toContainText("This request was returned for correction");
  await expect(returned).toContainText(tracking);
  await expect(returned).toContainText(NOTE);
  await expectNoAxeViolations(javery);
  const again = await nameBackupAndSubmit(javery, "Casey Lin");
  expect(again).toBe(tracking);

  // Back in the queue, submitted again.
  await staff.goto("/operations?status=submitted");
  const row = staff.getByRole("row").filter({ hasText: tracking });
  await expect(row).toContainText("Submitted");
  await staff.getByRole("link", { name: tracking }).click();
  await expect(staff.getByText("New backup OA: Casey Lin (clin2)")).toBeVisible();
  await expect(staff.getByText(NOTE)).toBeVisible();
});
