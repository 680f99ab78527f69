import { test, expect, expectNoAxeViolations, signIn, type Page } from "./fixtures";

// The portal works from 320 px wide (WCAG 1.4.10 reflow): nothing makes the page itself scroll
// sideways; the accounts table scrolls inside its own labelled region instead.
test.use({ viewport: { width: 320, height: 640 } });

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test("sign-in, home and My Account Management reflow at 320 px", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByLabel("User name")).toBeVisible();
  await expectNoSidewaysScroll(page);

  await signIn(page, "javery1");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);

  await page.getByRole("link", { name: "My Account Management" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My Account Management" })).toBeVisible();
  await expect(page.getByRole("table")).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
});
