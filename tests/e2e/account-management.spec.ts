import { test, expect, expectNoAxeViolations, signIn, openAccounts, rowCheckbox, type Page } from "./fixtures";

// javery1 has 46 associations in the demo data: 43 active, 3 inactive. Six are locked
// (R-ACCT-3): his four own records (primary OA) and Triangle Pediatrics Group and Coastal Plain
// Surgical Associates (backup OA).

async function confirmRemoval(page: Page, count: number): Promise<void> {
  await page.getByRole("button", { name: "Remove Selected Accounts" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: `Yes, remove ${count} account${count === 1 ? "" : "s"}` })).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: `Yes, remove ${count} account${count === 1 ? "" : "s"}` }).click();
  await expect(dialog).toHaveCount(0);
}

test("the job aid's path: tick the tstclaims3 row, remove it, and it stays gone after reload", async ({ page }) => {
  await signIn(page, "javery1");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My Account Management" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My Account Management" })).toBeFocused();
  await expect(page).toHaveTitle(/My Account Management/);
  const headers = page.getByRole("columnheader");
  for (const heading of ["Office Administrator NCID", "Office Administrator Name", "My Roles", "NPI/Atypical ID", "Status"]) {
    await expect(headers.filter({ hasText: heading })).toHaveCount(1);
  }
  await expectNoAxeViolations(page);

  await page.getByLabel("Filter by NCID, name or NPI").fill("tstclaims3");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/q=tstclaims3/);
  await rowCheckbox(page, "tstclaims3", "2336930211").check();
  await expect(page.getByText("1 selected")).toBeVisible();

  await page.getByRole("button", { name: "Remove Selected Accounts" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("tstclaims3");
  await expect(dialog).toContainText("2336930211");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Yes, remove 1 account" }).click();

  await expect(page.getByRole("alert").filter({ hasText: /removed/i })).toBeVisible();
  await expect(rowCheckbox(page, "tstclaims3", "2336930211")).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "My Account Management" })).toBeVisible();
  await expect(page.getByRole("table")).toBeVisible();
  await expect(rowCheckbox(page, "tstclaims3", "2336930211")).toHaveCount(0);
  // The filter now matches nothing: the empty state, which must be accessible too.
  await expect(page.getByText(/No accounts match/i)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("rows ticked on pages 1 and 3 all appear in the dialog and are all removed", async ({ page }) => {
  await signIn(page, "javery1");
  await openAccounts(page, "?status=active");
  // Page 1, in OA NCID order: aadams3 rows come first.
  await rowCheckbox(page, "aadams3", "2299607996").check();
  await rowCheckbox(page, "aadams3", "2601068721").check();
  const pagination = page.getByRole("navigation", { name: "Pagination" });
  await pagination.getByRole("link", { name: /^(Page )?3$/ }).click();
  await expect(page).toHaveURL(/page=3/);
  // Row checkboxes only: the header checkbox is "Select all rows on this page".
  const pageThree = page.getByRole("checkbox", { name: /^Select \S+ – NPI \d+$/ }).and(page.locator(":enabled"));
  await expect(page.getByRole("table")).not.toHaveAttribute("aria-busy", "true");
  // Read the row's label again until it is page 3's: while the rows change, the element first
  // found can already be detached, and a detached checkbox has no label.
  let label = "";
  await expect
    .poll(async () => {
      label = (await pageThree.first().evaluate((el) => (el as HTMLInputElement).labels?.[0]?.textContent ?? "")).trim();
      return label;
    })
    .toMatch(/^Select \S+ – NPI \d+$/);
  await page.getByRole("checkbox", { name: label, exact: true }).check();
  await expect(page.getByText("3 selected")).toBeVisible();

  // The selection survives a reload (sessionStorage).
  await page.reload();
  await expect(page.getByText("3 selected")).toBeVisible();

  await page.getByRole("button", { name: "Remove Selected Accounts" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("2299607996");
  await expect(dialog).toContainText("2601068721");
  const npi = label.match(/NPI (\d+)/)?.[1] ?? "";
  await expect(dialog).toContainText(npi);
  await dialog.getByRole("button", { name: "Yes, remove 3 accounts" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /3 accounts removed/i })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^0 selected$/ })).toBeVisible();

  await openAccounts(page, "?status=active&size=100");
  await expect(rowCheckbox(page, "aadams3", "2299607996")).toHaveCount(0);
  await expect(rowCheckbox(page, "aadams3", "2601068721")).toHaveCount(0);
  await expect(page.getByText(`NPI ${npi}`)).toHaveCount(0);
  await expect(page.getByRole("checkbox", { name: new RegExp(`NPI ${npi}$`) })).toHaveCount(0);
});

test("locked rows cannot be selected and say why, with a link to an OA Change Request", async ({ page }) => {
  await signIn(page, "javery1");
  await openAccounts(page, "?q=2956351383");
  const locked = rowCheckbox(page, "providertraining1", "2956351383");
  await expect(locked).toBeDisabled();
  const row = page.getByRole("row").filter({ hasText: "2956351383" });
  await expect(row).toContainText("backup OA");
  await expect(row.getByRole("link", { name: /OA change/i })).toHaveAttribute("href", "/oa-change?record=2956351383");
  await expect(page.getByRole("checkbox", { name: "Select all rows on this page" })).toBeDisabled();

  await openAccounts(page, "?q=javery1");
  for (const npi of ["2044707588", "1807736982", "2059028110", "2533389336"]) {
    await expect(rowCheckbox(page, "javery1", npi)).toBeDisabled();
  }
  await expect(page.getByRole("row").filter({ hasText: "2044707588" })).toContainText("primary OA");
  await expectNoAxeViolations(page);
});

test("the whole flow by keyboard alone", async ({ page }) => {
  await signIn(page, "javery1");
  await openAccounts(page, "?q=bhughes6");
  const checkbox = rowCheckbox(page, "bhughes6", "2278475167");
  await checkbox.focus();
  await page.keyboard.press("Space");
  await expect(checkbox).toBeChecked();
  await expect(page.getByText("1 selected")).toBeVisible();

  // Tab onward to the Remove button rather than clicking it.
  const remove = page.getByRole("button", { name: "Remove Selected Accounts" });
  for (let i = 0; i < 40; i++) {
    if (await remove.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Shift+Tab");
  }
  await expect(remove).toBeFocused();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  // Escape keeps them and returns focus to the button.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  const confirm = dialog.getByRole("button", { name: "Yes, remove 1 account" });
  for (let i = 0; i < 10; i++) {
    if (await confirm.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("Tab");
  }
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: /removed/i })).toBeVisible();
  await expect(checkbox).toHaveCount(0);
});

test("removing every row a filter matches leaves its empty state", async ({ page }) => {
  await signIn(page, "javery1");
  await openAccounts(page, "?status=inactive");
  await page.getByRole("button", { name: "Select all 3 matching" }).click();
  await confirmRemoval(page, 3);
  await expect(page.getByText(/No accounts match/i)).toBeVisible();
  await expectNoAxeViolations(page);
});

test("a user with no associations sees the empty state", async ({ page }) => {
  await signIn(page, "mreyes3");
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "My Account Management" })).toBeVisible();
  await expect(page.getByText(/not associated with any/i)).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove Selected Accounts" })).toHaveCount(0);
  await expectNoAxeViolations(page);
});
