// The designer's loops, timed (`make bench-loops`, README "For designers"): how long after a
// save the browser of `make dev` (trunk serve, debug build) or `make gallery` has the change,
// for a CSS edit and for a Rust view edit, each the median of 3; and a no-change `make build`.
// A change counts as there when trunk reports the build applied (its autoreload then reloads
// the page). Each edit is a comment appended to a real file, taken out again afterwards.
//   node scripts/bench-edit-loop.mjs
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = new URL("../", import.meta.url).pathname;
const RUNS = 3;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** `trunk serve` of one config on a port of its own, with a promise for its next applied build. */
function serve(args) {
  const trunk = spawn("trunk", ["serve", ...args, "--no-autoreload"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
  let waiting = [];
  const onLine = (chunk) => {
    if (/✅ success/.test(chunk.toString())) {
      const resolved = waiting;
      waiting = [];
      resolved.forEach((resolve) => resolve());
    }
  };
  trunk.stdout.on("data", onLine);
  trunk.stderr.on("data", onLine);
  const built = () => new Promise((resolve) => waiting.push(resolve));
  return { trunk, built };
}

/** Appends a comment to `file`, waits for the rebuild, restores the file and waits again. */
async function timeEdit(server, file, comment) {
  const path = join(root, file);
  const original = readFileSync(path, "utf8");
  const times = [];
  // Interrupted, the file is put back all the same.
  const restore = () => {
    writeFileSync(path, original);
    process.exit(130);
  };
  process.once("SIGINT", restore).once("SIGTERM", restore);
  try {
    for (let run = 0; run < RUNS; run++) {
      const done = server.built();
      const start = Date.now();
      appendFileSync(path, `\n${comment} ${run}\n`);
      await done;
      times.push(Date.now() - start);
      const restored = server.built();
      writeFileSync(path, original);
      await restored;
    }
  } finally {
    writeFileSync(path, original);
    process.off("SIGINT", restore).off("SIGTERM", restore);
  }
  return median(times);
}

async function loops(name, args) {
  const server = serve(args);
  try {
    await server.built();
    const css = await timeEdit(server, "style/components.css", "/* edit-loop benchmark */");
    const rust = await timeEdit(server, "src/pages/not_found.rs", "// edit-loop benchmark");
    console.log(`${name}: CSS edit → in the browser ${seconds(css)}; Rust view edit → in the browser ${seconds(rust)}`);
  } finally {
    server.trunk.kill();
  }
}

// Its own dist: `make dev`'s dist/ is where the release build lives.
await loops("make dev (trunk serve)", ["--port", "8095", "--dist", "target/edit-loop-dist"]);
await loops("make gallery", ["--config", "gallery/Trunk.toml", "--port", "8096"]);

execFileSync("make", ["build"], { cwd: root, stdio: "ignore" });
const start = Date.now();
execFileSync("make", ["build"], { cwd: root, stdio: "ignore" });
console.log(`no-change make build: ${seconds(Date.now() - start)}`);
