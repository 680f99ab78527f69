// Reads the split loader that wasm-split writes (__wasm_split.js) and split-wasm.mjs rewrites:
// for every page's loader, the modules it fetches, all at once (its `makeLoad`): the page's own
// module and the shared chunks it needs. Both the loader as wasm-split writes it
// (`fetch(new URL("./x.wasm", …))`) and as split-wasm.mjs leaves it (`fetchModule("./x.wasm")`).

const FETCH = String.raw`const src = (?:fetch\(new URL|fetchModule)\("\.\/([^"]+)"`;

/** Map from a page's loader name (`account_page`, without the crate's hash) to its module files
 * (`split_account_page_….wasm`, then its chunks), names relative to the loader's directory. */
export function modulesOfEachPage(loader) {
  const fileOf = new Map(
    [...loader.matchAll(new RegExp(String.raw`const (__chunk_\d+) = makeLoad\(\(\) => \{\s*${FETCH}`, "g"))].map(
      ([, chunk, file]) => [chunk, file],
    ),
  );
  const pages = new RegExp(
    String.raw`export const __wasm_split_load_(\w+?)_\d+ = wrapAsyncCb\(makeLoad\(\(\) => \{\s*${FETCH}[\s\S]*?\n, \[([^\]]*)\]\)\)`,
    "g",
  );
  return new Map(
    [...loader.matchAll(pages)].map(([, page, file, deps]) => [
      page,
      [file, ...deps.split(",").map((d) => d.trim()).filter(Boolean).map((d) => fileOf.get(d))],
    ]),
  );
}
