#!/usr/bin/env node
// Serves the built app (dist/) on localhost and prints its URL. Static files only: Tuneset has no server side.
// Usage: node scripts/serve.mjs [--port 4173] [--dir dist]. PORT and TUNESET_OUTDIR env vars work too.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const argv = process.argv.slice(2);
const arg = (k, d) => { const i = argv.indexOf(k); return i >= 0 ? argv[i + 1] : d; };
const dir = path.resolve(arg('--dir', process.env.TUNESET_OUTDIR ?? 'dist'));
const port = Number(arg('--port', process.env.PORT ?? '4173'));
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json', '.png': 'image/png',
  '.wasm': 'application/wasm', '.webmanifest': 'application/manifest+json', '.txt': 'text/plain; charset=utf-8',
};

if (!fs.existsSync(path.join(dir, 'index.html'))) {
  console.error(`No built app in ${dir}. Run "npm run build" first (npm start does both).`);
  process.exit(1);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  let file = path.normalize(path.join(dir, decodeURIComponent(url.pathname)));
  if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!fs.existsSync(file)) { res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found'); return; }
  const headers = { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
  // Hashed assets can be compressed by the browser cache; we keep the server minimal and uncompressed.
  res.writeHead(200, headers);
  fs.createReadStream(file).pipe(res);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`Tuneset is running at http://localhost:${port}/  (Ctrl+C to stop)`);
});
