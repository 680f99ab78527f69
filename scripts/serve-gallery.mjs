// Serves the built gallery (target/gallery-dist) for the visual regression suite: its files,
// and index.html for every other address (the gallery routes in the browser). No server of the
// portal's: the gallery's pages answer from fixed data.
//   node scripts/serve-gallery.mjs [port] [dir]
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";

const port = Number(process.argv[2] ?? 8091);
const root = process.argv[3] ?? "target/gallery-dist";
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".woff2": "font/woff2",
};

createServer(async (request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url, "http://x").pathname));
  const file = extname(path) ? join(root, path) : join(root, "index.html");
  try {
    const body = await readFile(file);
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    response.end(body);
  } catch {
    response.writeHead(404, { "content-type": "text/plain" });
    response.end("not in the gallery");
  }
}).listen(port, "127.0.0.1", () => console.log(`gallery on http://127.0.0.1:${port}`));
