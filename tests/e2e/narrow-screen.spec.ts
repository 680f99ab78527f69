import { test, expect, expectNoAxeViolations, signIn, personPage, continueTo, keepThePrimary, expectStep, nameBackupAndSubmit, approve, type Page } from "./fixtures";

// Phones and zoom (WCAG 1.4.10 reflow), at 375 px and at 1280 px: the header keeps to one short
// row with a Menu button on a phone, nothing makes the page scroll sideways, and tables stack
// as cards whose every cell says its column. Also what My applications, the enrollment wizard and
// Operations say on both widths. One server for the whole file: each width's test uses its own
// records so the second run does not meet the first run's applications.
test.describe.configure({ timeout: 120_000 });

const PHONE = 375;
const DESKTOP = 1280;
/** Below this width the navigation is behind the Menu button (style/components.css). */
const MENU_BELOW = 1024;

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `sideways scroll on ${page.url()}`).toBeLessThanOrEqual(0);
}

async function headerHeight(page: Page): Promise<number> {
  return page.locator(".site-header").evaluate((header) => header.getBoundingClientRect().height);
}

/** Follows a link of the main navigation as a person would: on a phone, through the Menu. */
async function navigateTo(page: Page, link: string): Promise<void> {
  const width = page.viewportSize()?.width ?? DESKTOP;
  const menu = page.getByRole("button", { name: "Menu" });
  if (width < MENU_BELOW) {
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
  }
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  if (width < MENU_BELOW) {
    // Navigating closes the menu.
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  }
}

/** What the narrow layout writes above a cell (`data-label` through `::before`), or "none". */
async function cellLabel(page: Page, row: number, cell: number): Promise<string> {
  return page
    .locator("tbody tr")
    .nth(row)
    .locator("td, th")
    .nth(cell)
    .evaluate((element) => getComputedStyle(element, "::before").content);
}

/** Table layout on a wide screen, cards on a narrow one: every column labelled, no sideways scroll. */
async function expectTableFits(page: Page, headings: string[], firstCell = 0): Promise<void> {
  const table = page.getByRole("table").first();
  await expect(table).toBeVisible();
  const width = page.viewportSize()?.width ?? DESKTOP;
  const display = await table.evaluate((element) => getComputedStyle(element).display);
  if (width <= 800) {
    expect(display).toBe("block");
    for (const [index, heading] of headings.entries()) {
      expect(await cellLabel(page, 0, firstCell + index)).toBe(`"${heading}"`);
    }
    const region = page.locator(".table-region").first();
    const sideways = await region.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(sideways, "the table region scrolls sideways").toBeLessThanOrEqual(0);
  } else {
    expect(display).toBe("table");
    expect(await cellLabel(page, 0, firstCell)).toBe("none");
  }
  await expectNoSidewaysScroll(page);
}

const ACCOUNT_COLUMNS = [
  "Provider record",
  "Office Administrator NCID",
  "Office Administrator Name",
  "My Roles",
  "NPI/Atypical ID",
  "Status",
];

for (const width of [PHONE, DESKTOP]) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test("the header is one short row and its navigation works", async ({ page }) => {
      await page.goto("/login");
      await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
      const signedOut = await headerHeight(page);
      await expectNoSidewaysScroll(page);
      // The sign-in page's footer: help, and the help desk's numbers as telephone links.
      const footer = page.getByRole("contentinfo");
      await expect(footer.getByRole("link", { name: "919-754-6000" })).toHaveAttribute("href", "tel:+19197546000");
      await expect(footer.getByRole("link", { name: "800-722-3946" })).toHaveAttribute("href", "tel:+18007223946");
      await expectNoAxeViolations(page);

      await signIn(page, "javery1");
      // The links appearing after the session check move nothing: the band was reserved.
      expect(await headerHeight(page)).toBe(signedOut);
      const menu = page.getByRole("button", { name: "Menu" });
      const nav = page.getByRole("navigation", { name: "Main" });
      if (width < MENU_BELOW) {
        expect(await headerHeight(page)).toBeLessThanOrEqual(120);
        await expect(menu).toHaveAttribute("aria-expanded", "false");
        await expect(menu).toHaveAttribute("aria-controls", "site-menu");
        await expect(nav).toBeHidden();
        await expect(page.getByRole("button", { name: "Sign out" })).toBeHidden();

        await menu.click();
        await expect(menu).toHaveAttribute("aria-expanded", "true");
        await expect(nav).toBeVisible();
        await expect(nav.getByRole("link", { name: "Home" })).toBeFocused();
        await expect(nav.getByRole("button", { name: "Sign out" })).toBeVisible();
        await expect(nav.getByText("Signed in as")).toBeVisible();
        // The open menu lies over the page: the header itself keeps its height.
        expect(await headerHeight(page)).toBeLessThanOrEqual(120);
        await expectNoSidewaysScroll(page);
        await expectNoAxeViolations(page);

        // Escape closes it and gives focus back to the button.
        await page.keyboard.press("Tab");
        await page.keyboard.press("Escape");
        await expect(menu).toHaveAttribute("aria-expanded", "false");
        await expect(menu).toBeFocused();
        await expect(nav).toBeHidden();
      } else {
        await expect(menu).toBeHidden();
        await expect(nav).toBeVisible();
        await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
        // Every link on one row.
        const tops = await nav.getByRole("link").evaluateAll((links) => links.map((link) => link.getBoundingClientRect().top));
        expect(new Set(tops).size).toBe(1);
      }
      await navigateTo(page, "My Account Management");
      await expect(page.getByRole("heading", { level: 1, name: "My Account Management" })).toBeVisible();
    });

    test("every page reflows and its tables fit, each cell labelled on a phone", async ({ page }) => {
      await signIn(page, "javery1");
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page);

      await navigateTo(page, "My Account Management");
      await expectTableFits(page, ACCOUNT_COLUMNS, 1);
      // The record of each association is named, in its own column.
      await expect(page.locator("thead th").filter({ hasText: /^Provider record$/ })).toHaveCount(1);
      await expect(page.locator("tbody tr").first().locator("td").nth(1)).not.toBeEmpty();
      await expectNoAxeViolations(page);

      await navigateTo(page, "My applications");
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page);

      await navigateTo(page, "Enrollment");
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page);

      await navigateTo(page, "OA Change Request");
      await expectNoSidewaysScroll(page);

      await navigateTo(page, "Messages");
      await expectNoSidewaysScroll(page);
      await expectNoAxeViolations(page);
    });

    test("My applications lists both kinds, and a second enrollment for one NPI is refused", async ({ browser, server }) => {
      // A different provider at each width: the first width's applications stay on the server.
      const npi = width === PHONE ? "1234567893" : "1234567901";
      const dana = await personPage(browser, server.url, "dwhit5");
      await dana.setViewportSize({ width, height: 800 });

      const startIdentity = async () => {
        await navigateTo(dana, "Enrollment");
        await dana.getByRole("button", { name: "Start a new enrollment application" }).click();
        await expectStep(dana, 1, "Provider type", 9);
        await dana.getByRole("radio", { name: "Organization" }).check();
        await continueTo(dana, 2, "Identity", 9);
        await dana.getByLabel("Legal name of the provider").fill(`Reflow Clinic ${width}`);
        await dana.getByLabel("NPI").fill(npi);
        await dana.getByLabel("Street address").fill("12 Main St");
        await dana.getByLabel("City").fill("Asheville");
        await dana.getByLabel("State").fill("NC");
        await dana.getByLabel("ZIP code").fill("28801");
      };
      await startIdentity();
      await continueTo(dana, 3, "Programs", 9);
      await expectNoSidewaysScroll(dana);

      // The second application for the same NPI is refused by the server, in words.
      await startIdentity();
      await dana.getByRole("button", { name: "Continue" }).click();
      await expect(dana.getByText(`You already have a draft enrollment application for ${npi}`).first()).toBeVisible();
      await expectStep(dana, 2, "Identity", 9);
      await expectNoSidewaysScroll(dana);
      await expectNoAxeViolations(dana);

      // Both kinds in My applications: Dana's enrollment drafts, and an OA Change Request of
      // Jordan Avery's next to his enrollment draft.
      await navigateTo(dana, "My applications");
      const danas = dana.getByRole("row").filter({ hasText: `Reflow Clinic ${width}` }).first();
      await expect(danas).toContainText("Enrollment application");
      await expect(danas).toContainText(`NPI ${npi}`);
      await expectTableFits(dana, ["Provider record", "Kind", "Status", "Tracking number", "Last updated", "Submitted"]);
      await expectNoAxeViolations(dana);
      await dana.context().close();

      // A record of Jordan's for each width: one draft per author and record.
      const [record, recordName] = width === PHONE ? ["1807736982", "Jordan Avery, MD"] : ["2956351383", "Triangle Pediatrics Group"];
      const jordan = await personPage(browser, server.url, "javery1");
      await jordan.setViewportSize({ width, height: 800 });
      await jordan.goto(`/oa-change?record=${record}`);
      await expectStep(jordan, 1, "Provider record");
      await continueTo(jordan, 2, "Office Administrator");
      await navigateTo(jordan, "Enrollment");
      await jordan.getByRole("button", { name: "Start a new enrollment application" }).click();
      await expectStep(jordan, 1, "Provider type", 9);
      await navigateTo(jordan, "My applications");
      const table = jordan.getByRole("table", { name: "Your applications" });
      await expect(table.getByRole("row").filter({ hasText: recordName }).first()).toContainText("OA Change Request");
      await expect(table.getByRole("row").filter({ hasText: "New provider (not named yet)" }).first()).toContainText("Enrollment application");
      await expectTableFits(jordan, ["Provider record", "Kind", "Status", "Tracking number", "Last updated", "Submitted"]);
      await expectNoAxeViolations(jordan);
      await jordan.context().close();
    });
  });
}

test("Operations name people by name and NCID and show the record as it is after a decision, at both widths", async ({ browser, server }) => {
  const jordan = await personPage(browser, server.url, "javery1");
  await jordan.goto("/oa-change?record=2044707588");
  await expectStep(jordan, 1, "Provider record");
  await continueTo(jordan, 2, "Office Administrator");
  await keepThePrimary(jordan);
  const tracking = await nameBackupAndSubmit(jordan, "Casey Lin");
  await jordan.context().close();

  const staff = await personPage(browser, server.url, "opsreview1");
  for (const width of [PHONE, DESKTOP]) {
    await staff.setViewportSize({ width, height: 800 });
    await navigateTo(staff, "Operations");
    const row = staff.getByRole("row").filter({ hasText: tracking });
    await expect(row).toContainText("Jordan Avery (javery1)");
    await expectTableFits(staff, ["Tracking number", "Provider record", "Applicant", "Submitted", "Status"]);
    await expectNoAxeViolations(staff);
    await row.getByRole("link", { name: tracking }).click();
    await expect(staff.getByRole("heading", { level: 1, name: `Request ${tracking}` })).toBeVisible();
    await expect(staff.getByText("New backup OA: Casey Lin (clin2)")).toBeVisible();
    await expect(staff.getByText("Jordan Avery (javery1)").first()).toBeVisible();
    await expectNoSidewaysScroll(staff);
    await expectNoAxeViolations(staff);
  }
  // The destructive dialog opens on its heading, not on "Yes, approve".
  await staff.getByRole("radio", { name: "Approve" }).check();
  await staff.getByRole("button", { name: "Record the decision" }).click();
  await expect(staff.getByRole("heading", { name: "Approve?" })).toBeFocused();
  await staff.getByRole("button", { name: "Cancel" }).click();
  await approve(staff, tracking);
  const backupNow = staff.locator(".summary-list__row").filter({ hasText: "Backup OA now" });
  await expect(backupNow).toContainText("Casey Lin (clin2)");
  await expectNoSidewaysScroll(staff);
  await staff.setViewportSize({ width: PHONE, height: 800 });
  await expect(backupNow).toContainText("Casey Lin (clin2)");
  await expectNoSidewaysScroll(staff);
  await expectNoAxeViolations(staff);
  await staff.context().close();
});

test("at 200 % zoom (640 CSS px) My Account Management's table does not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 400 });
  await signIn(page, "javery1");
  await navigateTo(page, "My Account Management");
  await expectTableFits(page, ACCOUNT_COLUMNS, 1);
  expect(await headerHeight(page)).toBeLessThanOrEqual(120);
  await expectNoAxeViolations(page);
});

test("at 200 % zoom (640 CSS px) a record's users and the several-records steps do not scroll sideways", async ({ page }) => {
  await page.setViewportSize({ width: 640, height: 400 });
  await signIn(page, "javery1");
  await page.goto("/records/2956351383/users");
  await expect(page.getByRole("heading", { level: 1, name: "Users of Triangle Pediatrics Group" })).toBeVisible();
  await expectTableFits(page, ["User NCID", "Name", "Roles", "Status", "Added", "Last sign-in"], 1);
  await expectNoAxeViolations(page);

  await page.goto("/oa-change/several");
  await expect(page.getByRole("heading", { level: 1, name: "Provider records" })).toBeVisible();
  await page.getByRole("checkbox", { name: "Select all 4 records" }).check();
  await expectNoSidewaysScroll(page);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("radio", { name: "Casey Lin (clin2)" }).check();
  await expect(page.getByRole("heading", { name: /Can Casey Lin \(clin2\) be named/ })).toBeVisible();
  await expectNoSidewaysScroll(page);
  await expectNoAxeViolations(page);
});

test("the page frame stands in while the app loads, and says what to do when scripts are off", async ({ browser, server }) => {
  // Held back, the app's code never arrives: the frame is all there is.
  const waiting = await browser.newPage({ baseURL: server.url, viewport: { width: PHONE, height: 800 } });
  await waiting.route(/\.wasm$/, () => {});
  await waiting.goto("/login");
  await expect(waiting.getByText("NCTracks Provider Portal")).toBeVisible();
  await expect(waiting.getByRole("status")).toHaveText("Loading the Provider Portal…");
  await waiting.close();

  const noScript = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false, viewport: { width: PHONE, height: 800 } });
  const page = await noScript.newPage();
  await page.goto("/login");
  await expect(page.getByRole("heading", { level: 1, name: "The Provider Portal needs JavaScript" })).toBeVisible();
  await expect(page.getByText("Loading the Provider Portal…")).toBeHidden();
  await expect(page.getByRole("link", { name: "919-754-6000" })).toHaveAttribute("href", "tel:+19197546000");
  await expectNoSidewaysScroll(page);
  await noScript.close();

  // Mounted, the app replaces the frame: one header, one main.
  const mounted = await browser.newPage({ baseURL: server.url });
  await mounted.goto("/login");
  await expect(mounted.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(mounted.locator("#page-frame")).toHaveCount(0);
  await expect(mounted.locator("main")).toHaveCount(1);
  await mounted.close();
});
