// First-load size report: every file index.html pulls in on first load (wasm + JS + CSS + HTML),
// raw and brotli, against the 200 KB brotli budget. Reads dist/ as `make build` leaves it.
// Figures, not a test: it says PASS or OVER and exits 0, so `make bench` goes on to the others.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const budget = 200 * 1024;
const firstLoad = readdirSync(dir).filter((n) => /\.(wasm|js|css|html)$/.test(n));

const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;

let rawTotal = 0;
let brTotal = 0;
console.log("| file | raw bytes | brotli bytes |");
console.log("|---|---:|---:|");
for (const name of firstLoad.sort()) {
  const bytes = readFileSync(join(dir, name));
  const br = brotli(bytes);
  rawTotal += statSync(join(dir, name)).size;
  brTotal += br;
  console.log(`| ${name} | ${bytes.length} | ${br} |`);
}
console.log(`| **first load** | ${rawTotal} | ${brTotal} (${((brTotal / budget) * 100).toFixed(0)} % of 200 KB) |`);
console.log(`First load ${brTotal} bytes brotli, budget ${budget}: ${brTotal <= budget ? "PASS" : "OVER"}`);
