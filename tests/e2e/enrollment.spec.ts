import { test, expect, expectNoAxeViolations, openAccounts, rowCheckbox, personPage, continueTo, answerNoToExclusions, signAndSubmit, approve, type Page } from "./fixtures";

// Dana Whitfield (dwhit5) enrolls a new organization and names Glenn Hart (ghart7) backup OA
// (R-BOA-5); opsreview1 approves it, which creates the record with both as its OAs.
const PROVIDER = "Blue Ridge Therapy Group";
const NPI = "1234567893";

/** Continue, then the next step's heading and number; axe on every step. */
/** Continue to the next of the nine steps, and an axe scan of it. */
async function continueToChecked(page: Page, number: number, title: string): Promise<void> {
  await continueTo(page, number, title, 9);
  await expectNoAxeViolations(page);
}

async function addPerson(page: Page, index: number, name: string, relationship: string, ncid: string): Promise<void> {
  await page.getByRole("button", { name: "Add a person" }).click();
  await page.locator(`#people-${index}-name`).fill(name);
  await page.locator(`#people-${index}-relationship`).selectOption(relationship);
  await page.locator(`#people-${index}-ncid`).fill(ncid);
  await page.locator(`#people-${index}-adverse-no`).check();
}

test("a new organization's enrollment names a backup, is approved, and the backup sees the record and the notice", async ({ browser, server }) => {
  // Three people sign in (the backup twice, the second time with the session of the first) and
  // the nine steps are walked with an axe scan on each.
  test.setTimeout(120_000);

  // Dana starts a new application.
  const dana = await personPage(browser, server.url, "dwhit5");
  await dana.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Enrollment" }).click();
  await expect(dana.getByRole("heading", { level: 1, name: "Enrollment applications" })).toBeVisible();
  await dana.getByRole("button", { name: "Start a new enrollment application" }).click();
  await expect(dana.getByRole("heading", { level: 1, name: "Provider type" })).toBeVisible();
  await expect(dana.getByText("Step 1 of 9")).toBeVisible();
  await expectNoAxeViolations(dana);

  await dana.getByRole("radio", { name: "Organization" }).check();
  await continueToChecked(dana, 2, "Identity");
  await dana.getByLabel("Legal name of the provider").fill(PROVIDER);
  await dana.getByLabel("NPI").fill(NPI);
  await dana.getByLabel("Street address").fill("12 Main St");
  await dana.getByLabel("City").fill("Asheville");
  await dana.getByLabel("State").fill("NC");
  await dana.getByLabel("ZIP code").fill("28801");
  await continueToChecked(dana, 3, "Programs");
  await dana.getByRole("checkbox", { name: "NC Medicaid" }).check();
  await continueToChecked(dana, 4, "Owners and managing relationships");
  await addPerson(dana, 0, "Dana Whitfield", "owner", "dwhit5");
  await addPerson(dana, 1, "Glenn Hart", "managing_employee", "ghart7");
  await expectNoAxeViolations(dana);
  await continueToChecked(dana, 5, "Office Administrator");
  await expect(dana.getByText(/You, Dana Whitfield \(dwhit5\), will be the provider's primary Office Administrator/)).toBeVisible();
  await continueToChecked(dana, 6, "Backup OA");
  await expect(dana.getByRole("radio", { name: "No backup OA" })).not.toBeChecked();
  await dana.getByRole("radio", { name: /^Glenn Hart \(Managing employee, ghart7\)/ }).check();
  await continueToChecked(dana, 7, "Exclusion and sanction questions");
  await answerNoToExclusions(dana);
  await continueToChecked(dana, 8, "Check your answers");
  await expect(dana.getByText("Glenn Hart (ghart7)")).toBeVisible();
  await continueToChecked(dana, 9, "Sign and submit");
  await signAndSubmit(dana, "dwhit5");
  // The confirmation page: the panel is its heading, then the answers and the signature.
  await expect(dana.locator(".panel").getByRole("heading", { level: 1, name: "Enrollment application submitted" })).toBeVisible();
  await expect(dana).toHaveTitle(/Enrollment application submitted/);
  await expect(dana.locator("#enrollment-confirmation")).toContainText("Signed electronically by Dana Whitfield (dwhit5) on");
  await expect(dana.locator("#enrollment-confirmation")).toContainText("Glenn Hart (ghart7)");
  const tracking = (await dana.locator(".tracking-number").textContent()) ?? "";
  expect(tracking).toMatch(/^ENR-\d{8}-\d{6}$/);
  await expectNoAxeViolations(dana);

  // Glenn, the named backup, reads the application but cannot sign it (R-BOA-5).
  const glenn = await personPage(browser, server.url, "ghart7");
  await glenn.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Enrollment" }).click();
  const row = glenn.getByRole("row").filter({ hasText: PROVIDER });
  await expect(row).toContainText("Named backup OA");
  await expect(row).toContainText(tracking);
  await row.getByRole("link", { name: PROVIDER }).click();
  await expect(glenn.getByRole("heading", { level: 1, name: PROVIDER })).toBeVisible();
  await expect(glenn.getByText("You can read this application")).toBeVisible();
  await expect(glenn.getByText(/Only the applicant, Dana Whitfield \(dwhit5\).*can change, sign and submit it/)).toBeVisible();
  await expect(glenn.getByRole("button", { name: "Sign and submit" })).toHaveCount(0);
  await expect(glenn.getByLabel("PIN")).toHaveCount(0);
  await expectNoAxeViolations(glenn);
  await glenn.context().close();

  // opsreview1 finds it in the same queue and approves it.
  const staff = await personPage(browser, server.url, "opsreview1");
  await staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operations" }).click();
  await expect(staff.getByRole("heading", { level: 2, name: "Enrollment applications" })).toBeVisible();
  await staff.getByRole("link", { name: tracking }).click();
  await expect(staff.getByRole("heading", { level: 1, name: `Enrollment ${tracking}` })).toBeVisible();
  // Opening a submitted application starts its review.
  await expect(staff.locator("#enrollment-status")).toHaveText("In review");
  await expect(staff.getByText("Glenn Hart – Managing employee, ghart7, adverse findings: No")).toBeVisible();
  await expectNoAxeViolations(staff);
  await approve(staff, tracking);
  await expect(staff.locator("#enrollment-status")).toHaveText("Approved");
  await expectNoAxeViolations(staff);

  // Glenn signs in again: the approval notice is waiting (R-BOA-4) ...
  const backup = await personPage(browser, server.url, "ghart7");
  const messagesLink = backup.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /^Messages, \d+ unread$/ });
  await messagesLink.click();
  await expect(backup.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  const notice = backup.getByRole("button", { name: `Unread Enrollment approved: ${PROVIDER}` });
  await expect(notice).toBeVisible();
  await expectNoAxeViolations(backup);
  await notice.click();
  await expect(backup.getByText(new RegExp(`${tracking} for ${PROVIDER}.*is approved`))).toBeVisible();
  await expectNoAxeViolations(backup);

  // ... and the record is his in My Account Management, locked as backup OA (R-ACCT-3).
  await openAccounts(backup, `?q=${NPI}`);
  await expect(rowCheckbox(backup, "dwhit5", NPI)).toBeDisabled();
  await expect(backup.getByRole("row").filter({ hasText: NPI })).toContainText("You are the backup OA of this record");
});
