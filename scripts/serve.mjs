#!/usr/bin/env node
// Serves the built app (dist/) on localhost and prints its URL. Static files only: Tuneset has no server side.
// Usage: node scripts/serve.mjs [--port 4173] [--dir dist]. PORT and TUNESET_OUTDIR env vars work too.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
const arg = (k, d) => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : d;
};
const dir = path.resolve(arg('--dir', process.env.TUNESET_OUTDIR ?? 'dist'));
const port = Number(arg('--port', process.env.PORT ?? '4173'));
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Files under assets/ carry a content hash in their name: cache them for good. Everything else (index.html, sw.js,
 * workbox-*.js, manifest.webmanifest, icons) keeps its name across versions, so the browser asks again each time
 * (`no-cache` = revalidate, not "do not store"); that is how a new service worker, and so a new version, is found.
 */
function cacheControl(file) {
  const rel = path.relative(dir, file).split(path.sep);
  return rel.length > 1 && rel[0] === 'assets' ? 'public, max-age=31536000, immutable' : 'no-cache';
}

if (!fs.existsSync(path.join(dir, 'index.html'))) {
  console.error(`No built app in ${dir}. Run "npm run build" first (npm start does both).`);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  // Not new URL(req.url, base): a path such as "//x" would parse as a host and throw.
  const url = new URL(`http://localhost${req.url?.startsWith('/') ? req.url : '/'}`);
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    res.writeHead(400).end();
    return;
  }
  let file = path.normalize(path.join(dir, pathname));
  if (file !== dir && !file.startsWith(dir + path.sep)) {
    res.writeHead(403).end();
    return;
  }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    return;
  }
  const headers = { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControl(file) };
  // We keep the server minimal and uncompressed.
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Tuneset is running at http://localhost:${port}/  (Ctrl+C to stop)`);
});
