import { test, expect, signIn, type Page } from "./fixtures";

// A page whose lists arrive after it has drawn does not push what is under them down the
// screen: the layout shift score (CLS, as Lighthouse sums it) stays at most 0.02 while the
// answers come in one after the other, on a phone's screen. Each answer is held back until the
// page shows its loading state, so the shift is the page's own, not the network's luck.
const PHONE = { width: 412, height: 823 };
const CLS_TARGET = 0.02;

test.use({ viewport: PHONE });

/** Records every layout shift not caused by the user's input, from the page's first paint. */
async function watchLayoutShifts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { layoutShifts: number[] }).layoutShifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) shifts.push(entry.value);
      }
    }).observe({ type: "layout-shift", buffered: true });
  });
}

/** Two frames: what the page drew has been laid out, and its shifts reported. */
async function nextFrames(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}

async function layoutShiftScore(page: Page): Promise<number> {
  await nextFrames(page);
  return page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts.reduce((a, b) => a + b, 0));
}

/** Holds the answers to `pattern` until the returned function is called. */
async function holdAnswers(page: Page, pattern: RegExp): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test("OA Change step 1: the records' list does not push the rest of the step down", async ({ page }) => {
  await signIn(page, "javery1");
  await watchLayoutShifts(page);
  const releaseRecords = await holdAnswers(page, /\/api\/oa-change\/records$/);
  await page.goto("/oa-change");
  await expect(page.getByRole("heading", { level: 1, name: "Provider record" })).toBeVisible();
  await expect(page.getByText("Loading your provider records")).toBeAttached();
  releaseRecords();
  await expect(page.getByRole("radio").first()).toBeVisible();
  await expect(page.getByLabel("NPI or Atypical ID")).toBeVisible();
  await expect(page.getByRole("button", { name: "Continue" })).toBeVisible();
  expect(await layoutShiftScore(page)).toBeLessThanOrEqual(CLS_TARGET);
});

test("Operations: the first list to arrive does not push the second and the tools down", async ({ page }) => {
  await signIn(page, "opsreview1");
  await watchLayoutShifts(page);
  const releaseEnrollments = await holdAnswers(page, /\/api\/operations\/enrollments(\?|$)/);
  const requestsAnswered = page.waitForResponse(/\/api\/operations\/requests(\?|$)/);
  await page.goto("/operations");
  await expect(page.getByRole("heading", { level: 1, name: "Operations" })).toBeVisible();
  await requestsAnswered;
  // The requests' answer has been read and drawn before the enrollments' comes.
  await nextFrames(page);
  releaseEnrollments();
  await expect(page.getByRole("heading", { level: 2, name: "Enrollment applications" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "OA Change Requests" })).toBeVisible();
  expect(await layoutShiftScore(page)).toBeLessThanOrEqual(CLS_TARGET);
});
