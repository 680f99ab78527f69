// Trunk post-build hook (Trunk.toml): in the release build, cuts the app's wasm into the main
// module (shell, sign-in, Home) and one chunk per lazily loaded page (`lazy_page!` in
// src/app.rs, compiled with `--cfg portal_split`), so the first load stays small.
//
// Trunk has no step between `cargo build` and wasm-bindgen, so this redoes that part of its
// pipeline on cargo's own output: wasm-split-cli, then wasm-bindgen on the main module under
// trunk's hashed name, then binaryen's optimiser on every module. Chunk names carry a content hash (the
// server caches assets as immutable), and index.html's integrity hashes are brought up to date.
import { execFile, execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { modulesOfEachPage } from "./split-loader.mjs";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("split-wasm.mjs runs as a trunk hook (TRUNK_STAGING_DIR unset)");
const targetDir = process.env.CARGO_TARGET_DIR ?? "target";
const raw = join(targetDir, "wasm32-unknown-unknown", "release", "provider-portal.wasm");
const work = join(targetDir, "split-wasm");

const PLACEHOLDER = "__wasm_split_placeholder__";
if (!readFileSync(raw).includes(PLACEHOLDER)) {
  throw new Error(
    `${raw} has no split points: build it with RUSTFLAGS '--cfg portal_split -Clink-args=--emit-relocs' (Makefile, client)`,
  );
}

const run = (command, args) => execFileSync(command, args, { stdio: ["ignore", "inherit", "inherit"] });
const hashOf = (bytes, algorithm = "sha256") => createHash(algorithm).update(bytes).digest();
const shortHash = (bytes) => hashOf(bytes).toString("hex").slice(0, 16);
const integrity = (bytes) => `sha384-${hashOf(bytes, "sha384").toString("base64")}`;

// Trunk's hashed name for the app's JS and wasm, which index.html already names.
const base = readdirSync(staging)
  .find((name) => /^provider-portal-[0-9a-f]+\.js$/.test(name))
  ?.replace(/\.js$/, "");
if (!base) throw new Error(`no provider-portal-<hash>.js in ${staging}`);

// The lazily loaded pages (their `lazy_page!` names in src/app.rs) by who opens them. Code that
// only one family's pages share goes into that family's chunk, all other shared code into one
// common chunk (tools/wasm-split-cli/PATCH.md): opening a page fetches its own module, its
// family's chunk and the common chunk, side by side, instead of 40 to 110 pieces.
const PAGE_FAMILIES = [
  // A provider's records and the OA's side of them.
  ["account_page", "oa_change_page", "record_users_page", "several_records_page"],
  // Applications: the list, one application, enrollment.
  ["applications_page", "application_page", "enrollment_page"],
  // Operations staff.
  ["operations_page", "operations_request_page", "operations_enrollment_page"],
  ["messages_page_view"],
];

// A no-change `make build` reruns this hook: when cargo's wasm, trunk's name and this script are
// those of the last run, its split and optimised modules in `work` are still right, and the
// 30-odd seconds of splitting and optimising are skipped.
const cacheKeyPath = join(work, "cache-key");
const cacheKey = hashOf(Buffer.concat([readFileSync(raw), Buffer.from(base), readFileSync(new URL(import.meta.url))])).toString("hex");
const cached = existsSync(cacheKeyPath) && readFileSync(cacheKeyPath, "utf8") === cacheKey;
const mainWasm = join(work, "bindgen", `${base}_bg.wasm`);
const chunks = () => readdirSync(work).filter((name) => name.endsWith(".wasm") && name !== `${base}.wasm`);
if (!cached) {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run("wasm-split-cli", [
    "--target", "web", "--out-name", base,
    ...PAGE_FAMILIES.flatMap((family) => ["--chunk-family", family.join(",")]),
    raw, work,
  ]);
  // wasm-bindgen keeps the exports the chunks import from the main module (the function table)
  // only when told so.
  run("wasm-bindgen", [
    "--target", "web", "--no-typescript", "--keep-lld-exports",
    "--out-dir", join(work, "bindgen"), "--out-name", base, join(work, `${base}.wasm`),
  ]);

  // wasm-opt is a node process that spends a second or more starting binaryen (and its threads),
  // whatever the module's size: run once a chunk, it took two minutes for the 100-odd chunks. So
  // the chunks go through binaryen's own API in this process (one start, about 5 s for all), with
  // the features the wasm names and those the wasm-opt below enables. The main module, the first
  // load, still goes through wasm-opt, at the same time: its -Oz output is about 0.5 % smaller than
  // that of the API's default pipeline (measured 3 December 2026).
  // Loaded only here: a debug build (`make dev`) and an unchanged one need not wait for binaryen.
  const { default: binaryen } = await import("binaryen");
  const WASM_OPT_FLAGS = ["-Oz", "--enable-bulk-memory", "--enable-reference-types", "--enable-nontrapping-float-to-int", "--enable-sign-ext", "--enable-mutable-globals", "--enable-multivalue"];
  const FEATURES = binaryen.Features.BulkMemory | binaryen.Features.BulkMemoryOpt | binaryen.Features.ReferenceTypes
    | binaryen.Features.NontrappingFPToInt | binaryen.Features.SignExt | binaryen.Features.MutableGlobals
    | binaryen.Features.Multivalue;
  // -Oz, without names, for every module `optimiseInProcess` is given.
  binaryen.setOptimizeLevel(2);
  binaryen.setShrinkLevel(2);
  binaryen.setDebugInfo(false);
  const optimiseInProcess = (path) => {
    const module = binaryen.readBinary(readFileSync(path));
    try {
      module.setFeatures(module.getFeatures() | FEATURES);
      module.optimize();
      if (!module.validate()) throw new Error(`${path}: not valid after binaryen's optimiser`);
      writeFileSync(path, module.emitBinary());
    } finally {
      module.dispose();
    }
  };

  const mainOptimised = promisify(execFile)("wasm-opt", [...WASM_OPT_FLAGS, mainWasm, "-o", mainWasm]);
  for (const chunk of chunks()) optimiseInProcess(join(work, chunk));
  await mainOptimised;
  writeFileSync(cacheKeyPath, cacheKey);
}

let linker = readFileSync(join(work, "__wasm_split.js"), "utf8");
for (const chunk of chunks()) {
  const bytes = readFileSync(join(work, chunk));
  const stem = chunk.replace(/\.wasm$/, "");
  const hashed = `${stem}-${shortHash(bytes)}.wasm`;
  if (!linker.includes(`"./${chunk}"`)) throw new Error(`__wasm_split.js does not load ${chunk}`);
  linker = linker.replaceAll(`"./${chunk}"`, `"./${hashed}"`);
  writeFileSync(join(staging, hashed), bytes);
}
linker = withEarlyFetches(linker);
const linkerName = `__wasm_split-${shortHash(linker)}.js`;
writeFileSync(join(staging, linkerName), linker);

// Only the `import … from` names the file: the imports object keeps the wasm's module name.
const loaderImport = 'from "./__wasm_split.js"';
const mainJsText = readFileSync(join(work, "bindgen", `${base}.js`), "utf8");
if (!mainJsText.includes(loaderImport)) throw new Error(`${base}.js does not import the split loader`);
const mainJs = mainJsText.replaceAll(loaderImport, `from "./${linkerName}"`);
writeFileSync(join(staging, `${base}.js`), mainJs);
cpSync(mainWasm, join(staging, `${base}_bg.wasm`));
const snippets = join(work, "bindgen", "snippets");
if (existsSync(snippets)) cpSync(snippets, join(staging, "snippets"), { recursive: true });

// index.html: the new integrity of the two files trunk named, and the split loader preloaded
// beside the app's module (the app imports it at once).
const htmlPath = join(staging, "index.html");
let html = readFileSync(htmlPath, "utf8");
for (const [file, bytes] of [
  [`${base}.js`, Buffer.from(mainJs)],
  [`${base}_bg.wasm`, readFileSync(mainWasm)],
]) {
  const tag = new RegExp(`(href="/${file.replaceAll(".", "\\.")}"[^>]*integrity=")[^"]*(")`);
  if (!tag.test(html)) throw new Error(`index.html has no integrity for ${file}`);
  html = html.replace(tag, `$1${integrity(bytes)}$2`);
}
html = html.replace(
  "</head>",
  `<link rel="modulepreload" href="/${linkerName}" crossorigin="anonymous" integrity="${integrity(Buffer.from(linker))}"></head>`,
);
writeFileSync(htmlPath, html);
console.log(`split-wasm: ${base}_bg.wasm + ${chunks().length} chunks${cached ? " (unchanged since the last build)" : ""}`);

/** The split loader, made to start fetching the modules of the page at the address the browser
 * opened as soon as it runs (it is preloaded, and evaluated before the app's own module), beside
 * the main wasm instead of after it; the page's loader then takes the answers already on their
 * way. Which page opens at which address comes from the routes of src/app.rs, so the two cannot
 * drift apart: a `lazy_page!` without a route, or a page the loader does not know, fails the build. */
function withEarlyFetches(linker) {
  const app = readFileSync("src/app.rs", "utf8");
  const loadOfRoutePage = new Map(
    [...app.matchAll(/lazy_page!\(\s*(\w+),\s*(\w+),\s*\w+,?\s*\)/g)].map(([, page, load]) => [page, load]),
  );
  const routes = [...app.matchAll(/<Route path=path!\("([^"]+)"\) view=\{Lazy::<(\w+)>::new\(\)\} \/>/g)];
  const filesOfLoad = modulesOfEachPage(linker);
  const routed = new Set(routes.map(([, , page]) => page));
  for (const page of loadOfRoutePage.keys()) {
    if (!routed.has(page)) throw new Error(`src/app.rs: lazy page ${page} has no <Route>`);
  }
  const pages = routes.map(([, path, page]) => {
    const files = filesOfLoad.get(loadOfRoutePage.get(page));
    if (!files) throw new Error(`the split loader has no module for ${page} (${path})`);
    // A route's `:id` is one segment; the router also takes a trailing slash.
    const pattern = `^${path.replace(/:\w+/g, "[^/]+")}/?$`;
    return [pattern, files.map((file) => `./${file}`)];
  });
  const early = `// The modules of the page at this address, fetched at once (scripts/split-wasm.mjs).
const earlyFetches = new Map();
{
    const pages = ${JSON.stringify(pages)};
    const page = pages.find(([pattern]) => new RegExp(pattern).test(location.pathname));
    for (const file of page ? page[1] : []) earlyFetches.set(file, fetch(new URL(file, import.meta.url)));
}
// Each early answer serves one load: a load that failed and is tried again fetches anew.
function fetchModule(file) {
    const answer = earlyFetches.get(file);
    earlyFetches.delete(file);
    return answer ?? fetch(new URL(file, import.meta.url));
}
`;
  const calls = /fetch\(new URL\("(\.\/[^"]+)", import\.meta\.url\)\)/g;
  if (!linker.match(calls)) throw new Error("the split loader fetches no module");
  const body = linker.replace(calls, (_, file) => `fetchModule("${file}")`);
  const firstLineEnd = body.indexOf("\n") + 1;
  if (!body.startsWith("import ")) throw new Error("the split loader does not start with its import");
  return body.slice(0, firstLineEnd) + early + body.slice(firstLineEnd);
}
