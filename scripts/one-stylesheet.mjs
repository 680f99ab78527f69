// Trunk post-build hook (Trunk.toml): in the release build, the four stylesheets index.html
// names (style/tokens.css, base, components, pages; trunk hashes each) become one file, so the
// first paint waits on one render-blocking request instead of four. The designers' gallery and
// `make dev` keep the four files, each reloaded on its own when it changes.
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

if (process.env.TRUNK_PROFILE !== "release") process.exit(0);

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) throw new Error("one-stylesheet.mjs runs as a trunk hook (TRUNK_STAGING_DIR unset)");

const htmlPath = join(staging, "index.html");
const html = readFileSync(htmlPath, "utf8");
// One tag a line, as trunk writes them (with its indent and line end, so the one left in their
// place keeps the page's layout).
const STYLESHEET = /[ \t]*<link rel="stylesheet" href="\/([\w.-]+\.css)"[^>]*>\n?/g;
const links = [...html.matchAll(STYLESHEET)];
if (links.length < 2) throw new Error(`index.html names ${links.length} stylesheet(s); expected trunk's four`);

// In index.html's order: the cascade of the one file is that of the four.
const names = links.map((link) => link[1]);
const css = names.map((name) => `/* ${name.replace(/-[0-9a-f]+\.css$/, ".css")} */\n${readFileSync(join(staging, name), "utf8")}`).join("\n");
const hash = (algorithm) => createHash(algorithm).update(css);
const file = `portal-${hash("sha256").digest("hex").slice(0, 16)}.css`;
writeFileSync(join(staging, file), css);
for (const name of names) rmSync(join(staging, name));

const indent = links[0][0].match(/^[ \t]*/)[0];
const tag = `${indent}<link rel="stylesheet" href="/${file}" integrity="sha384-${hash("sha384").digest("base64")}"/>\n`;
let first = true;
const rewritten = html.replace(STYLESHEET, () => {
  const replacement = first ? tag : "";
  first = false;
  return replacement;
});
writeFileSync(htmlPath, rewritten);
console.log(`one-stylesheet: ${names.join(", ")} -> ${file} (${css.length} bytes)`);
