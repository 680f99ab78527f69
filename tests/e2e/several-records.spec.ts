import { test, expect, expectNoAxeViolations, signIn, personPage, signAndSubmit, type Page } from "./fixtures";

// javery1 administers six records (demo data): primary OA of Avery Family Practice, PLLC (Casey
// Lin listed, no backup), Jordan Avery, MD (Casey Lin already its backup), Avery Billing Services
// LLC (a billing agent) and Piedmont Behavioral Health Partners (DMHDDSUS only); backup OA of
// Triangle Pediatrics Group (Casey Lin not listed) and Coastal Plain Surgical Associates (its
// primary end-dated, Casey Lin listed).
const STEPS = 5;

test.describe.configure({ timeout: 180_000 });

async function expectStep(page: Page, number: number, title: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Step ${number} of ${STEPS}`)).toBeVisible();
  await expectNoAxeViolations(page);
}

async function continueTo(page: Page, number: number, title: string): Promise<void> {
  await page.getByRole("button", { name: "Continue" }).click();
  await expectStep(page, number, title);
}

/** A reload keeps the step and the set: the step is in the URL, the set on the server. */
async function reloadAt(page: Page, number: number, title: string): Promise<void> {
  await page.reload();
  await expectStep(page, number, title);
}

function verdict(page: Page, record: string) {
  return page.locator(".verdicts .summary-list__row").filter({ hasText: record });
}

test("javery1 names Casey Lin backup OA of several records, signs once and gets a tracking number per record", async ({ page, browser, server }) => {
  await signIn(page, "javery1");
  await page.getByRole("link", { name: "Assign one backup OA to several records" }).click();
  await expectStep(page, 1, "Provider records");

  // R-BOA-9, R-BOA-10: listed with the reason, and not pickable.
  const locked = page.locator(".several-locked");
  await expect(locked.getByRole("listitem").filter({ hasText: "Avery Billing Services LLC" })).toContainText("Billing agent records");
  await expect(locked.getByRole("listitem").filter({ hasText: "Piedmont Behavioral Health Partners" })).toContainText("NC Medicaid records only");
  await expect(page.getByRole("checkbox", { name: /Avery Billing Services/ })).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: /Piedmont Behavioral/ })).toHaveCount(0);

  // Nothing is chosen in advance; Continue with nothing says so at the question.
  await expect(page.getByRole("checkbox", { name: "Select all 4 records" })).not.toBeChecked();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toContainText("Select at least one provider record");
  await expect(page.locator("#records-error")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("checkbox", { name: "Select all 4 records" }).check();
  await expect(page.getByText("4 records selected")).toBeVisible();
  await continueTo(page, 2, "Backup OA");
  await reloadAt(page, 2, "Backup OA");
  // Back at step 1 and reloaded there, the saved set is still ticked.
  await page.getByRole("link", { name: "Back" }).click();
  await expectStep(page, 1, "Provider records");
  await reloadAt(page, 1, "Provider records");
  await expect(page.getByRole("checkbox", { name: "Select all 4 records" })).toBeChecked();
  await continueTo(page, 2, "Backup OA");

  // R-MANY-1: the person judged for each record on its own, in plain words.
  await page.getByRole("radio", { name: "Casey Lin (clin2)" }).check();
  await expect(page.getByRole("heading", { name: "Can Casey Lin (clin2) be named backup OA of each record?" })).toBeVisible();
  await expect(verdict(page, "Avery Family Practice, PLLC")).toContainText("Can be named backup OA");
  await expect(verdict(page, "Coastal Plain Surgical Associates")).toContainText("Can be named backup OA");
  await expect(verdict(page, "Jordan Avery, MD")).toContainText("already its backup OA");
  await expect(verdict(page, "Triangle Pediatrics Group")).toContainText("Cannot be named backup OA: Is not listed");
  await expectNoAxeViolations(page);

  // Continue with records that cannot take her: the summary names them.
  await page.getByRole("button", { name: "Continue" }).click();
  const summary = page.getByRole("alert");
  await expect(summary).toContainText("Jordan Avery, MD");
  await expect(summary).toContainText("Triangle Pediatrics Group");
  // At each record too: Jordan Avery, MD and Triangle Pediatrics Group are the third and fourth.
  await expect(page.locator("#records-2-error")).toContainText("Remove this record from the set");
  await expect(page.locator("#records-3-error")).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole("button", { name: "Remove the 2 records where Casey Lin (clin2) cannot be named" }).click();
  await expect(page.getByText("Removed from the set: Jordan Avery, MD, Triangle Pediatrics Group.")).toBeVisible();
  await expect(page.locator(".verdicts .summary-list__row")).toHaveCount(2);
  await expectNoAxeViolations(page);
  await continueTo(page, 3, "Exclusion and sanction questions");
  await reloadAt(page, 3, "Exclusion and sanction questions");

  // R-MANY-2: each record its own answers; the first record's copied visibly, and undone.
  await expect(page.getByRole("heading", { level: 2, name: /Avery Family Practice, PLLC/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: /Coastal Plain Surgical Associates/ })).toBeVisible();
  for (const question of ["excluded", "sanctioned", "convicted"]) {
    await page.locator(`#records-0-exclusion-${question}-no`).check();
  }
  await page.getByRole("button", { name: "Use the same answers for all the records" }).click();
  await expect(page.getByText(/were copied to the other record/)).toBeVisible();
  for (const question of ["excluded", "sanctioned", "convicted"]) {
    await expect(page.locator(`#records-1-exclusion-${question}-no`)).toBeChecked();
  }
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Undo the copy" }).click();
  await expect(page.getByText("The copy was undone")).toBeVisible();
  await expect(page.locator("#records-1-exclusion-excluded-no")).not.toBeChecked();
  // Unanswered, the second record's questions are refused at each of them.
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.locator("#records-1-exclusion-excluded-error")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Use the same answers for all the records" }).click();
  await continueTo(page, 4, "Check your answers");

  await expect(page.getByRole("heading", { level: 2, name: "Request 1 of 2: Avery Family Practice, PLLC" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Request 2 of 2: Coastal Plain Surgical Associates" })).toBeVisible();
  await expect(page.getByText("Casey Lin (clin2)").first()).toBeVisible();
  await reloadAt(page, 4, "Check your answers");
  await expect(page.getByText("Casey Lin (clin2)").first()).toBeVisible();

  // A Change link opens its step and Continue comes back to the review.
  await page.getByRole("link", { name: "Change New backup OA" }).first().click();
  await expectStep(page, 2, "Backup OA");
  await expect(page.getByRole("radio", { name: "Casey Lin (clin2)" })).toBeChecked();
  await continueTo(page, 4, "Check your answers");

  await continueTo(page, 5, "Sign and submit");
  await reloadAt(page, 5, "Sign and submit");
  await signAndSubmit(page, "javery1");
  await expect(page.getByRole("heading", { level: 1, name: "OA Change Requests submitted" })).toBeVisible();
  const numbers = page.locator(".tracking-number");
  await expect(numbers).toHaveCount(2);
  const tracking = await numbers.allTextContents();
  for (const number of tracking) expect(number).toMatch(/^OAC-\d{8}-\d{6}$/);
  expect(new Set(tracking).size).toBe(2);
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "OA Change Requests submitted" })).toBeVisible();
  await expect(page.locator(".tracking-number")).toHaveText(tracking);

  // Each is a request of its own: in My applications, and in the Operations queue.
  await page.getByRole("link", { name: "My applications" }).first().click();
  for (const number of tracking) await expect(page.getByRole("cell", { name: number })).toBeVisible();

  const staff = await personPage(browser, server.url, "opsreview1");
  await staff.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Operations" }).click();
  for (const number of tracking) await expect(staff.getByRole("link", { name: number })).toBeVisible();
});

test("the OA Change Request start offers the several-records flow", async ({ page }) => {
  await signIn(page, "javery1");
  await page.goto("/oa-change");
  await page.getByRole("link", { name: "Assign one backup OA to several records" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Provider records" })).toBeVisible();
});
