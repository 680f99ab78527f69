import { test, expect, expectNoAxeViolations, signIn, continueTo, answerNoToExclusions, signAndSubmit, type Page } from "./fixtures";

// The first test walks all seven steps with an axe scan on each, which takes most of the default
// minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

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
  await continueTo(page, 3, "Backup OA");
  // R-BOA-2: Morgan Reyes has adverse findings and cannot be chosen; the page says why.
  const morgan = page.getByRole("radio", { name: /Morgan Reyes/ });
  await expect(morgan).toBeDisabled();
  await expect(page.getByText(/adverse/i).first()).toBeVisible();
  await expect(page.getByText(/not promoted automatically/)).toBeVisible();
  await page.getByRole("radio", { name: /Assign as backup OA: Casey Lin/ }).check();

  await continueTo(page, 4, "Continued access");
  await continueTo(page, 5, "Exclusion and sanction questions");
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

  await signAndSubmit(page, "javery1");
  await expect(page.getByText("Request submitted")).toBeVisible();
  await expect(page.locator(".tracking-number")).toHaveText(/OAC-\d{8}-\d{6}/);
  await expectNoAxeViolations(page);
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
    await continueTo(page, 3, "Backup OA");
    await expect(page.locator("#backup-unavailable")).toContainText("not available");
    await expect(page.locator("#backup-unavailable")).toContainText(why);
    await expect(page.locator("#backup-unavailable")).not.toContainText("R-BOA");
    await expect(page.getByRole("radio", { name: /Assign as backup OA/ })).toHaveCount(0);
  }
});
