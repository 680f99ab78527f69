// First-load size report: every file index.html pulls in on first load (wasm + JS + CSS + HTML),
// raw and brotli, against the 200 KB brotli budget; then the page chunks that load only when a
// page first opens (scripts/split-wasm.mjs), for the record. Reads dist/ as `make build` leaves
// it. Figures, not a test: it says PASS or OVER and exits 0, so `make bench` goes on to the
// others.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const budget = 200 * 1024;
const assets = readdirSync(dir).filter((n) => /\.(wasm|js|css|html)$/.test(n));
// The first load is index.html and what it names; the split chunks are fetched later, by the
// split loader, when their page opens.
const html = readFileSync(join(dir, "index.html"), "utf8");
const named = (name) => name === "index.html" || html.includes(`/${name}`);
const wasmLoader = readdirSync(dir).find((n) => /^provider-portal-[0-9a-f]+\.js$/.test(n));
const appWasm = wasmLoader?.replace(/\.js$/, "_bg.wasm");
const firstLoad = assets.filter((n) => named(n) || n === appWasm);
const later = assets.filter((n) => !firstLoad.includes(n));

const brotli = (bytes) =>
  brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY },
  }).length;

function table(title, names) {
  let rawTotal = 0;
  let brTotal = 0;
  console.log(`| ${title} | raw bytes | brotli bytes |`);
  console.log("|---|---:|---:|");
  for (const name of names.sort()) {
    const bytes = readFileSync(join(dir, name));
    const br = brotli(bytes);
    rawTotal += bytes.length;
    brTotal += br;
    console.log(`| ${name} | ${bytes.length} | ${br} |`);
  }
  return { rawTotal, brTotal };
}

const first = table("first load", firstLoad);
console.log(
  `| **first load** | ${first.rawTotal} | ${first.brTotal} (${((first.brTotal / budget) * 100).toFixed(0)} % of 200 KB) |`,
);
if (later.length > 0) {
  console.log("");
  const chunks = table("loaded when a page first opens", later);
  console.log(`| **all page chunks** | ${chunks.rawTotal} | ${chunks.brTotal} |`);
}
console.log(`First load ${first.brTotal} bytes brotli, budget ${budget}: ${first.brTotal <= budget ? "PASS" : "OVER"}`);
