// A tiny static file server for the e2e tests: serves a folder on 127.0.0.1 with the
// strict Content-Security-Policy a host page would use. No other dependency.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** Serves `root` (and extra folders by URL prefix) on `port` (0 = any free port). */
export function serve(root, { csp = CSP, mounts = {}, port = 0 } = {}) {
  const resolvedRoot = path.resolve(root);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    let base = resolvedRoot;
    let rel = decodeURIComponent(url.pathname);
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (rel.startsWith(prefix)) {
        base = path.resolve(dir);
        rel = rel.slice(prefix.length - 1);
      }
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, path.normalize(rel));
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const headers = { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' };
      if (csp) headers['content-security-policy'] = csp;
      res.writeHead(200, headers).end(body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

// `node server.mjs DIR [PORT]` serves DIR for a person to look at.
if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  const examples = path.resolve(path.dirname(process.argv[1]), '../../examples');
  serve(dir, { port, mounts: { '/examples/': examples } }).then(({ url }) => {
    console.log(`Partnership Map demo: ${url}/  (Ctrl-C to stop)`);
    console.log(`  all of England:       ${url}/embed.html?src=/england.json&view=map`);
    console.log(`  example host page:    ${url}/examples/host.html`);
  });
}
