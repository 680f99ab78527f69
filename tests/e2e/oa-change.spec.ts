import { test, expect, expectNoAxeViolations, signIn, continueTo, keepThePrimary, answerNoToExclusions, signAndSubmit, type Page } from "./fixtures";

// The first test walks all seven steps with an axe scan on each, which takes most of the default
// minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** The error at a question: its message, the group marked, its choices invalid and described by it. */
async function expectFieldError(page: Page, question: string, words: string): Promise<void> {
  await expect(page.getByRole("alert")).toContainText(words);
  await expect(page.locator(`#${question}-error`)).toContainText(words);
  await expect(page.locator(`.form-group--error > fieldset#${question}`)).toHaveAttribute("aria-describedby", new RegExp(`${question}-error`));
  const choices = page.locator(`fieldset#${question} input`);
  await expect(choices.first()).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);
}

async function expectStep(page: Page, number: number, title: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText(`Step ${number} of 7`)).toBeVisible();
  await expectNoAxeViolations(page);
}

test("javery1 assigns Casey Lin as backup OA of Avery Family Practice and gets a tracking number", async ({ page }) => {
  await signIn(page, "javery1");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "OA Change Request" }).click();
  await expect(page.getByText("Step 1 of 7")).toBeVisible();
  await page.getByRole("radio", { name: /Avery Family Practice, PLLC – NPI 2044707588/ }).check();
  await expectNoAxeViolations(page);

  await continueTo(page, 2, "Office Administrator");
  // Nothing is chosen in advance; Continue without a choice shows the error at the question too.
  await expect(page.getByRole("radio", { name: "Keep the current primary OA" })).not.toBeChecked();
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFieldError(page, "primary", "Select whether to keep the primary OA");
  await page.getByRole("radio", { name: "Keep the current primary OA" }).check();

  await continueTo(page, 3, "Backup OA");
  await expect(page.getByRole("radio", { name: "No change to the backup OA" })).not.toBeChecked();
  // R-BOA-2: Morgan Reyes has adverse findings and cannot be chosen; the page says why.
  const morgan = page.getByRole("radio", { name: /Morgan Reyes/ });
  await expect(morgan).toBeDisabled();
  await expect(page.getByText(/adverse/i).first()).toBeVisible();
  await expect(page.getByText(/not promoted automatically/)).toBeVisible();
  await page.getByRole("radio", { name: /Assign as backup OA: Casey Lin/ }).check();

  // R-OA-4: the primary stays, so the continued-access question is passed over, and the
  // step indicator says it is not needed.
  await continueTo(page, 5, "Exclusion and sanction questions");
  await expect(page.locator(".step-indicator__step--skipped")).toHaveText("Continued access (not needed)");
  // Each question has its own message, at the question as in the summary.
  await page.getByRole("button", { name: "Continue" }).click();
  await expectFieldError(page, "exclusion-excluded", "Select yes if anyone has ever been excluded");
  await expectFieldError(page, "exclusion-sanctioned", "license, certification or registration");
  await expectFieldError(page, "exclusion-convicted", "convicted of a criminal offense");
  await answerNoToExclusions(page);
  await continueTo(page, 6, "Check your answers");
  await expect(page.getByText("Casey Lin").first()).toBeVisible();

  // A reload in the middle keeps the answers: the draft is on the server.
  await page.reload();
  await expectStep(page, 6, "Check your answers");
  await expect(page.getByText("Casey Lin").first()).toBeVisible();

  // A Change link opens its step; Continue there saves and comes back to the review.
  await page.getByRole("link", { name: "Change Backup OA" }).click();
  await expectStep(page, 3, "Backup OA");
  await expect(page.getByRole("radio", { name: /Assign as backup OA: Casey Lin/ })).toBeChecked();
  await continueTo(page, 6, "Check your answers");

  await continueTo(page, 7, "Sign and submit");
  await page.getByRole("button", { name: "Sign and submit" }).click();
  await expect(page.getByRole("alert")).toContainText("There is a problem");
  await expectNoAxeViolations(page);

  await expect(page.locator("#pin")).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#pin-error")).toBeVisible();

  await signAndSubmit(page, "javery1");
  // The confirmation is a page of its own: the panel is its heading and names the tab.
  const panel = page.locator(".panel");
  await expect(panel.getByRole("heading", { level: 1, name: "OA Change Request submitted" })).toBeVisible();
  await expect(panel.locator(".tracking-number")).toHaveText(/OAC-\d{8}-\d{6}/);
  await expect(page).toHaveTitle(/OA Change Request submitted/);
  await expect(page).not.toHaveTitle(/Sign and submit/);
  await expect(page.locator(".step-indicator")).toHaveCount(0);
  const confirmation = page.locator("#oa-change-confirmation");
  await expect(confirmation).toContainText("Avery Family Practice, PLLC");
  await expect(confirmation).toContainText("New backup OA: Casey Lin (clin2)");
  await expect(confirmation).toContainText("Signed electronically by Jordan Avery (javery1) on");
  await expect(confirmation).toContainText("What happens next");
  await expectNoAxeViolations(page);
  // The print view carries all of it, without the header and the buttons.
  await page.emulateMedia({ media: "print" });
  await expect(confirmation).toContainText("New backup OA: Casey Lin (clin2)");
  await expect(panel.locator(".tracking-number")).toBeVisible();
  await expect(page.getByRole("button", { name: "Print this page" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });
});

test("on a phone the step indicator is one line and a bar, and the question is on the first screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await signIn(page, "javery1");
  await page.goto("/oa-change?record=2044707588&step=3");
  await expect(page.getByText("Step 3 of 7: Backup OA")).toBeVisible();
  // The list of steps stays for screen readers, drawn as a bar of seven segments.
  const steps = page.locator(".step-indicator__step");
  await expect(steps).toHaveCount(7);
  const bar = await page.locator(".step-indicator").boundingBox();
  expect(bar?.height ?? 100).toBeLessThanOrEqual(16);
  const question = await page.getByRole("group", { name: "What should happen to the backup OA?" }).boundingBox();
  expect((question?.y ?? 1000) + 40).toBeLessThanOrEqual(667);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(page);
});

test("a record without an active primary OA does not offer to keep one, and says why", async ({ page }) => {
  // javery1 is backup OA of Coastal Plain Surgical Associates, whose primary OA was end-dated.
  await signIn(page, "javery1");
  await page.goto("/oa-change?record=2137914794&step=2");
  await expectStep(page, 2, "Office Administrator");
  await expect(page.getByRole("radio", { name: "Keep the current primary OA" })).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "Do not name a primary OA in this request" })).not.toBeChecked();
  await expect(page.locator("#primary-hint")).toContainText("No active primary OA since");
  await expect(page.locator("#primary-hint")).toContainText("does not become the primary OA automatically");
});

test("billing agent and DMHDDSUS-only records offer no backup OA and say why", async ({ page }) => {
  await signIn(page, "javery1");
  for (const [record, why] of [
    ["2059028110", "Billing agent records list no managing relationships"],
    ["2533389336", "available for NC Medicaid records only"],
  ]) {
    await page.goto(`/oa-change?record=${record}`);
    await expectStep(page, 1, "Provider record");
    await continueTo(page, 2, "Office Administrator");
    await keepThePrimary(page);
    await expect(page.locator("#backup-unavailable")).toContainText("not available");
    await expect(page.locator("#backup-unavailable")).toContainText(why);
    await expect(page.locator("#backup-unavailable")).not.toContainText("R-BOA");
    await expect(page.getByRole("radio", { name: /Assign as backup OA/ })).toHaveCount(0);
  }
});
