// What the end-to-end tests and the browser benchmarks share: a fresh reference server (free
// port, temporary database, demo data), a demo user's one-time code, a sign-in over HTTP, and
// the Chromium flags this machine needs.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TOTP } from "otpauth";

export const root = new URL("../", import.meta.url).pathname;
const demo = JSON.parse(readFileSync(join(root, "fixtures/demo-data.json"), "utf8"));

export const CHROMIUM = "/usr/bin/chromium";
// Debian's Chromium in a container: no sandbox, no GPU, a small /dev/shm, and nothing that
// talks to the network on its own while a page is being measured.
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the reference server on a free port with a fresh database seeded with the demo:
 * `$PORTAL_SERVER` when set (the end-to-end tests use the debug build `make test-native` has
 * just compiled), otherwise the release build the benchmarks measure.
 */
/** A fresh server on a free port, seeded with the demo data and the situation `seed` names
 * (server/src/scenarios.rs: `demo`, `fresh-request`, …). */
export async function startServer(seed = "demo") {
  const dir = mkdtempSync(join(tmpdir(), "portal-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    process.env.PORTAL_SERVER ?? join(root, "target/release/portal-server"),
    ["--addr", `127.0.0.1:${port}`, "--db", join(dir, "portal.db"), "--static", join(root, "dist"), "--seed", seed],
    { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, RUST_LOG: process.env.RUST_LOG ?? "warn" } },
  );
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`portal-server exited with ${child.exitCode}`);
      try {
        if ((await fetch(`${url}/api/health`)).ok) return { url, stop };
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error("portal-server did not answer /api/health in 30 s");
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
}

export const demoPassword = () => demo.users[0].password;

/** The user's code for the current 30-second step; the server takes each step's code once (R-AUTH-5). */
export function oneTimeCode(ncid) {
  const user = demo.users.find((u) => u.ncid === ncid);
  if (!user) throw new Error(`no demo user ${ncid}`);
  return new TOTP({ secret: user.totp_secret, digits: 6, period: 30, algorithm: "SHA1" }).generate();
}

function sessionCookie(response) {
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(";")[0])
    .find((pair) => pair.startsWith("portal_session="));
  if (!cookie) throw new Error(`no portal_session cookie in the answer to ${response.url}`);
  return cookie;
}

/** Signs in over HTTP (password, then one-time code) and answers the `portal_session=…` pair. */
export async function signInOverHttp(url, ncid) {
  const post = async (path, body, cookie) => {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Requested-With": "provider-portal",
        ...(cookie ? { Cookie: cookie } : {}),
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
    return response;
  };
  const waiting = sessionCookie(await post("/api/session/password", { ncid, password: demoPassword() }));
  // The session id is renewed on the code, so the cookie to keep is the second one.
  return sessionCookie(await post("/api/session/one-time-code", { code: oneTimeCode(ncid) }, waiting));
}

/** Runs `work` with a fresh server (seeded as `startServer`'s `seed` says), stopping it (and
 * removing its database) however `work` ends. */
export async function withServer(work, seed = "demo") {
  const server = await startServer(seed);
  const stopOnSignal = (signal) => {
    server.stop().finally(() => process.exit(128 + (signal === "SIGINT" ? 2 : 15)));
  };
  process.once("SIGINT", stopOnSignal);
  process.once("SIGTERM", stopOnSignal);
  try {
    return await work(server.url);
  } finally {
    process.off("SIGINT", stopOnSignal);
    process.off("SIGTERM", stopOnSignal);
    await server.stop();
  }
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
