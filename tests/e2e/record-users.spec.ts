import { test, expect, expectNoAxeViolations, signIn, openAccounts, personPage, type Page } from "./fixtures";

// Demo data: javery1 is the backup OA of Triangle Pediatrics Group (2956351383, primary
// providertraining1) and the primary OA of Avery Family Practice, PLLC (2044707588), where
// kpatel4 and clin2 are users. kpatel4 has no access to Triangle Pediatrics Group.
const TRIANGLE = "2956351383";
const AVERY = "2044707588";

function recordCard(page: Page, name: string) {
  return page.getByRole("region", { name });
}

async function openUsers(page: Page, record: string, name: string): Promise<void> {
  await page.goto(`/records/${record}/users`);
  await expect(page.getByRole("heading", { level: 1, name: `Users of ${name}` })).toBeVisible();
  await expect(page.getByRole("table")).toBeVisible();
}

test("the backup OA adds kpatel4 with Eligibility; kpatel4 sees the record and the primary OA is told", async ({ page, browser, server }) => {
  await signIn(page, "javery1");
  const triangle = recordCard(page, "Triangle Pediatrics Group");
  await triangle.getByRole("link", { name: "Manage users of Triangle Pediatrics Group" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Users of Triangle Pediatrics Group" })).toBeFocused();
  await expect(page).toHaveURL(new RegExp(`/records/${TRIANGLE}/users$`));
  // R-USER-2: the backup's own row is locked, with the reason and the way to change it.
  await expect(page.getByRole("checkbox", { name: "Select javery1 – Jordan Avery" })).toBeDisabled();
  await expect(page.getByText("This is the backup OA of the record.").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Request an OA change for Triangle Pediatrics Group" }).first()).toHaveAttribute(
    "href",
    `/oa-change?record=${TRIANGLE}`,
  );
  await expectNoAxeViolations(page);

  // An NCID without an account is refused at the field.
  await page.getByLabel("User's NCID").fill("nobody9");
  await page.getByRole("group", { name: "Roles" }).getByLabel("Eligibility").check();
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { name: "There is a problem" })).toBeVisible();
  await expect(page.getByText(/There is no portal account with the NCID nobody9/).first()).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByLabel("User's NCID").fill("kpatel4");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "kpatel4 added" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "kpatel4" });
  await expect(row).toContainText("Eligibility");
  await expect(row).toContainText("Active");
  await expectNoAxeViolations(page);

  // Adding kpatel4 twice is refused, with a change of roles offered instead (R-USER-4).
  await page.getByLabel("User's NCID").fill("kpatel4");
  await page.getByRole("group", { name: "Roles" }).getByLabel("Claims").check();
  await page.getByRole("button", { name: "Add user" }).click();
  await page.getByRole("button", { name: "Change the roles of kpatel4 instead" }).click();
  const dialog = page.getByRole("dialog", { name: /Change the roles of .*\(kpatel4\)\?/ });
  await expect(dialog).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);

  const kiran = await personPage(browser, server.url, "kpatel4");
  await openAccounts(kiran, `?q=${TRIANGLE}`);
  await expect(kiran.getByRole("row").filter({ hasText: "Triangle Pediatrics Group" })).toContainText("Eligibility");

  const primary = await personPage(browser, server.url, "providertraining1");
  await primary.goto("/messages");
  await expect(primary.getByRole("heading", { level: 1, name: "Messages" })).toBeVisible();
  await expect(primary.getByText("User added: Triangle Pediatrics Group").first()).toBeVisible();
  await expectNoAxeViolations(primary);
});

test("the primary OA of Avery Family Practice ends kpatel4's access there", async ({ page }) => {
  await signIn(page, "javery1");
  await openUsers(page, AVERY, "Avery Family Practice, PLLC");
  await page.getByLabel("Filter by NCID or name").fill("kpatel4");
  await page.getByRole("button", { name: "Apply filter" }).click();
  await expect(page).toHaveURL(/q=kpatel4/);
  await page.getByRole("checkbox", { name: /^Select kpatel4 – / }).check();
  await expect(page.getByText("1 selected")).toBeVisible();
  await page.getByRole("button", { name: "End access" }).click();
  const dialog = page.getByRole("dialog", { name: "End the access of 1 user?" });
  await expect(dialog).toContainText("(kpatel4) – access ends");
  await expectNoAxeViolations(page);
  await dialog.getByRole("button", { name: "Yes, end the access of 1 user" }).click();
  await expect(dialog).toHaveCount(0);
  const report = page.getByRole("alert").filter({ hasText: "End access done" });
  await expect(report).toContainText("(kpatel4): Access ended");
  await expect(page.getByText("No users match the filter")).toBeVisible();
  await expectNoAxeViolations(page);
});

test("clin2, a user of Avery Family Practice but not its OA, cannot open its users", async ({ page }) => {
  await signIn(page, "clin2");
  await page.goto(`/records/${AVERY}/users`);
  await expect(page.getByRole("heading", { level: 1, name: "You do not administer this record" })).toBeVisible();
  await expect(page.getByText(/Jordan Avery \(javery1\), primary OA/)).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test("Home says which records are at risk and offers the request that fixes each", async ({ page }) => {
  await signIn(page, "javery1");
  const avery = recordCard(page, "Avery Family Practice, PLLC");
  await expect(avery.getByRole("link", { name: "Name a backup OA" })).toHaveAttribute("href", `/oa-change?record=${AVERY}`);
  const coastal = recordCard(page, "Coastal Plain Surgical Associates");
  await expect(coastal).toContainText("you were not made primary OA automatically");
  await expect(coastal.getByRole("link", { name: "Request an OA change to name a primary OA" })).toBeVisible();
  await expect(coastal.getByRole("link", { name: /Manage users/ })).toBeVisible();
  await expectNoAxeViolations(page);
});
