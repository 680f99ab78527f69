import { test, expect, expectNoAxeViolations, signIn, expectStep, continueTo, keepThePrimary, nameBackupAndSubmit, type Page } from "./fixtures";

// Each test walks the wizard with an axe scan on several pages: more than the default minute on
// a busy machine.
test.describe.configure({ timeout: 120_000 });

const AVERY_FAMILY_PRACTICE = "2044707588";

async function openMyApplications(page: Page): Promise<void> {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My applications" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My applications" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Your applications" })).toBeVisible();
}

/** Assigns Casey Lin as backup OA of Avery Family Practice and signs; returns the tracking number. */
async function submitBackupRequest(page: Page): Promise<string> {
  await page.goto(`/oa-change?record=${AVERY_FAMILY_PRACTICE}`);
  await expectStep(page, 1, "Provider record");
  await continueTo(page, 2, "Office Administrator");
  await keepThePrimary(page);
  return nameBackupAndSubmit(page, "Casey Lin");
}

test("a draft is resumed from My applications with its saved answers at its saved step", async ({ page }) => {
  await signIn(page, "javery1");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "OA Change Request" }).click();
  await page.getByRole("radio", { name: /Jordan Avery, MD – NPI 1807736982/ }).check();
  await continueTo(page, 2, "Office Administrator");
  await keepThePrimary(page);
  await page.getByRole("radio", { name: "Remove Casey Lin as backup OA" }).check();
  await continueTo(page, 5, "Exclusion and sanction questions");

  // The user leaves; the draft is on the server.
  await openMyApplications(page);
  const row = page.getByRole("row", { name: /Jordan Avery, MD/ });
  await expect(row).toContainText("Draft");
  await expect(row).toContainText("Not submitted yet");
  await expectNoAxeViolations(page);

  await row.getByRole("link", { name: /Jordan Avery, MD/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "OA Change Request for Jordan Avery, MD" })).toBeVisible();
  await expect(page.getByText("Remove Casey Lin (clin2)")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "Continue this application" }).click();
  // Resumed after the last step saved (3), with its answer kept; the primary stays, so the
  // continued-access question (4) is passed over.
  await expectStep(page, 5, "Exclusion and sanction questions");
  await page.getByRole("link", { name: "Back" }).click();
  await expectStep(page, 3, "Backup OA");
  await expect(page.getByRole("radio", { name: "Remove Casey Lin as backup OA" })).toBeChecked();

  // Starting another for the same record offers the draft.
  await page.goto("/oa-change");
  await page.getByRole("radio", { name: /Jordan Avery, MD – NPI 1807736982/ }).check();
  await expect(page.getByText("You have already started a request for this record")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("link", { name: /Continue where you left off/ }).click();
  await expectStep(page, 5, "Exclusion and sanction questions");
});

test("a submitted request survives a reload, is withdrawn after confirming, and the record can get a new one", async ({ page }) => {
  await signIn(page, "javery1");
  const tracking = await submitBackupRequest(page);

  // The confirmation is still there after a reload: the address names the request.
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "OA Change Request submitted" })).toBeVisible();
  await expect(page).toHaveTitle(/OA Change Request submitted/);
  // What was asked, by name, and who signed it, also after a reload and in the print view.
  await expect(page.locator("#oa-change-confirmation")).toContainText("New backup OA: Casey Lin (clin2)");
  await expect(page.locator("#oa-change-confirmation")).toContainText("Signed electronically by Jordan Avery (javery1) on");
  await expect(page.locator(".tracking-number")).toHaveText(tracking);
  await expect(page.getByText("What happens next")).toBeVisible();
  await expect(page.getByRole("button", { name: "Print this page" })).toBeVisible();
  await expectNoAxeViolations(page);

  await openMyApplications(page);
  const row = page.getByRole("row", { name: new RegExp(tracking) });
  await expect(row).toContainText("Submitted");
  await expect(row).toContainText("Avery Family Practice, PLLC");
  await row.getByRole("link").click();
  await expect(
    page.getByRole("heading", { level: 1, name: "OA Change Request for Avery Family Practice, PLLC" }),
  ).toBeVisible();
  await expect(page.locator(".application-facts")).toContainText(tracking);
  await expect(page.getByText("New backup OA: Casey Lin (clin2)")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Withdraw request" }).click();
  const dialog = page.getByRole("dialog", { name: "Withdraw this request?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("cannot be undone");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Withdraw request" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.locator(".application-facts")).toContainText("Withdrawn");
  await expect(page.locator("#withdraw-outcome")).toContainText("Request withdrawn");
  await expect(page.locator("#withdraw-outcome")).toBeFocused();
  await expect(page.getByRole("button", { name: "Withdraw request" })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await openMyApplications(page);
  await expect(page.getByRole("row", { name: new RegExp(tracking) })).toContainText("Withdrawn");

  // R-OA-5: a withdrawn request no longer blocks the record.
  const second = await submitBackupRequest(page);
  expect(second).not.toBe(tracking);
});
