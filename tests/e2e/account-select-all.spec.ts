import { test, expect, expectNoAxeViolations, signIn, openAccounts, rowCheckbox } from "./fixtures";

// A file of its own, so its server's database is untouched by other removals: javery1 has 43
// active associations, six of them locked (R-ACCT-3).

test("select all matching a filter, less an exception, removes exactly those", async ({ page }) => {
  await signIn(page, "javery1");
  await openAccounts(page, "?status=active");
  await expect(page.getByText("37 of 43 matching can be removed")).toBeVisible();
  await page.getByRole("button", { name: "Select all 37 matching" }).click();
  await expect(page.getByText("37 selected")).toBeVisible();
  // Unticking a row afterwards is an exception to the filter.
  await rowCheckbox(page, "aadams3", "2299607996").uncheck();
  await expect(page.getByText("36 selected")).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Select all rows on this page" })).toHaveAttribute("aria-checked", "mixed");

  await page.getByRole("button", { name: "Remove Selected Accounts" }).click();
  const dialog = page.getByRole("dialog");
  // Past 50 rows the dialog would say how many more; 36 are all listed.
  await expect(dialog.getByRole("region", { name: "Accounts to remove" }).getByRole("listitem")).toHaveCount(36);
  // The six locked rows the filter matches are listed apart, never removed (R-ACCT-3).
  await expect(dialog).toContainText("6 accounts cannot be removed");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Yes, remove 36 accounts" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /36 accounts removed/i })).toBeVisible();

  // What is left among the active rows: the exception and the six locked rows.
  await openAccounts(page, "?status=active&size=25");
  await expect(page.getByText("1 of 7 matching can be removed")).toBeVisible();
  await expect(rowCheckbox(page, "aadams3", "2299607996")).toBeEnabled();
  await expectNoAxeViolations(page);
});
