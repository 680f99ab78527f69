import { test, expect, expectNoAxeViolations, openAccounts, rowCheckbox, personPage, continueTo, keepThePrimary, nameBackupAndSubmit, approve, type Page } from "./fixtures";

// javery1 is primary OA of Avery Family Practice, PLLC (NPI 2044707588), where Casey Lin (clin2)
// is an eligible MR user with an association of her own; opsreview1 is operations staff.
const AVERY = "Avery Family Practice, PLLC";
const AVERY_NPI = "2044707588";

/** The wizard from step 1: `backup` assigned as backup OA of Avery Family Practice; returns the tracking number. */
async function requestBackup(page: Page, backup: string): Promise<string> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "OA Change Request" }).click();
  await page.getByRole("radio", { name: new RegExp(`${AVERY} – NPI ${AVERY_NPI}`) }).check();
  await continueTo(page, 2, "Office Administrator");
  await keepThePrimary(page);
  return nameBackupAndSubmit(page, backup);
}

test("Casey Lin named backup by javery1 and approved by opsreview1 gets the notice and a locked row", async ({ browser, server }) => {
  // Three people sign in one after another.
  test.setTimeout(120_000);
  const javery = await personPage(browser, server.url, "javery1");
  // Not operations staff: no link, and the page says so from the server's 403.
  const nav = javery.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "OA Change Request" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Operations" })).toHaveCount(0);
  await javery.goto("/operations");
  await expect(javery.getByText("You do not have access to this page")).toBeVisible();
  await expect(javery.getByRole("table")).toHaveCount(0);

  const tracking = await requestBackup(javery, "Casey Lin");
  expect(tracking).toMatch(/^OAC-\d{8}-\d{6}$/);

  const staff = await personPage(browser, server.url, "opsreview1");
  await staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operations" }).click();
  await expect(staff.getByRole("heading", { level: 1, name: "Operations" })).toBeFocused();
  await expect(staff.getByRole("link", { name: tracking })).toBeVisible();
  await expectNoAxeViolations(staff);

  // The filter is in the URL: a reload keeps it.
  await staff.getByLabel("Status").selectOption("submitted");
  await staff.getByRole("button", { name: "Apply filter" }).click();
  await expect(staff).toHaveURL(/status=submitted/);
  await staff.reload();
  await expect(staff.getByLabel("Status")).toHaveValue("submitted");
  const row = staff.getByRole("row").filter({ hasText: tracking });
  await expect(row).toContainText("Submitted");
  await expect(row).toContainText("Jordan Avery (javery1)");

  await staff.getByRole("link", { name: tracking }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `Request ${tracking}` })).toBeVisible();
  // Opening a submitted request starts its review.
  await expect(staff.locator("#request-status")).toHaveText("In review");
  await expect(staff.getByText("New backup OA: Casey Lin (clin2)")).toBeVisible();
  await expect(staff.getByText("Backup OA now")).toBeVisible();
  await expectNoAxeViolations(staff);

  await approve(staff, tracking);
  await expect(staff.locator("#request-status")).toHaveText("Approved");
  // The page shows the record as it is now: Casey Lin is its backup OA.
  await expect(staff.locator(".summary-list__row").filter({ hasText: "Backup OA now" })).toContainText("Casey Lin (clin2)");

  // Casey signs in: the notice is waiting, counted in the navigation.
  const casey = await personPage(browser, server.url, "clin2");
  const messagesLink = casey.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Messages, \d+ unread$/ });
  await expect(messagesLink).toBeVisible();
  const before = Number((await messagesLink.textContent())?.match(/\d+/)?.[0]);
  expect(before).toBeGreaterThan(0);
  await messagesLink.click();
  await expect(casey.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  const notice = casey.getByRole("button", { name: `Unread OA Change Request approved: ${AVERY}` });
  await expect(notice).toBeVisible();
  await expectNoAxeViolations(casey);
  await notice.click();
  await expect(casey.getByText(new RegExp(`${tracking} for ${AVERY}.*was approved`))).toBeVisible();
  await expect(casey.getByRole("button", { name: `OA Change Request approved: ${AVERY}` })).toHaveAttribute("aria-expanded", "true");
  const after = before - 1;
  await expect(casey.getByRole("navigation", { name: "Main" }).getByRole("link", { name: after === 0 ? "Messages" : `Messages, ${after} unread`, exact: true })).toBeVisible();
  await expectNoAxeViolations(casey);

  // My Account Management follows: her row for the record is locked, as backup OA (R-ACCT-3).
  await openAccounts(casey, `?q=${AVERY_NPI}`);
  await expect(rowCheckbox(casey, "javery1", AVERY_NPI)).toBeDisabled();
  await expect(casey.getByRole("row").filter({ hasText: AVERY_NPI })).toContainText("You are the backup OA of this record");
});
