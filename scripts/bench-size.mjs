// First-load size report: every file index.html pulls in on first load (wasm + JS + CSS + HTML),
// raw and brotli, against the 180 KB brotli budget; then the page chunks that load only when a
// page first opens (scripts/split-wasm.mjs), and for every lazily loaded page how many code
// requests opening it takes beyond the first load (target: at most 3). Reads dist/ as `make build` leaves
// it. Figures, not a test: it says PASS or OVER and exits 0, so `make bench` goes on to the
// others.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, constants } from "node:zlib";
import { modulesOfEachPage } from "./split-loader.mjs";

const dir = process.argv[2] ?? "dist";
const budget = 180 * 1024;
const codeRequestBudget = 3;
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
  `| **first load** | ${first.rawTotal} | ${first.brTotal} (${((first.brTotal / budget) * 100).toFixed(0)} % of 180 KB) |`,
);
if (later.length > 0) {
  console.log("");
  const chunks = table("loaded when a page first opens", later);
  console.log(`| **all page chunks** | ${chunks.rawTotal} | ${chunks.brTotal} |`);
}

// The split loader (__wasm_split-<hash>.js, written by wasm-split) names, for every split point,
// the page's own module and the shared chunks fetched with it, all at once (its `makeLoad`).
const splitLoader = readdirSync(dir).find((n) => /^__wasm_split-[0-9a-f]+\.js$/.test(n));
const pageRequests = [];
if (splitLoader) {
  const source = readFileSync(join(dir, splitLoader), "utf8");
  for (const [page, files] of modulesOfEachPage(source)) {
    const bytes = files.reduce((sum, name) => sum + brotli(readFileSync(join(dir, name))), 0);
    pageRequests.push({ page, requests: files.length, bytes });
  }
  // The split loader's shape is wasm-split's and split-wasm.mjs's: if split-loader.mjs cannot read it,
  // the figure would silently vanish, so say so instead.
  if (pageRequests.length === 0) throw new Error(`${splitLoader}: no page loaders found (has its shape changed?)`);
  console.log("");
  console.log("| page (split point) | code requests beyond the first load | brotli bytes |");
  console.log("|---|---:|---:|");
  for (const { page, requests, bytes } of pageRequests.sort((a, b) => a.page.localeCompare(b.page))) {
    console.log(`| ${page} | ${requests} ${requests <= codeRequestBudget ? "PASS" : "OVER"} | ${bytes} |`);
  }
}
console.log(`First load ${first.brTotal} bytes brotli, budget ${budget}: ${first.brTotal <= budget ? "PASS" : "OVER"}`);
if (pageRequests.length > 0) {
  const most = Math.max(...pageRequests.map((p) => p.requests));
  console.log(`Code requests to open a page: at most ${most}, budget ${codeRequestBudget}: ${most <= codeRequestBudget ? "PASS" : "OVER"}`);
}
