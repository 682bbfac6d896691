import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { webApp } from './web-app';

/** An express app with the middleware in front of a stand-in for the api's own routes. */
async function serve(dist: string): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(webApp(dist));
  app.use((_req, res) => {
    res.status(404).json({ api: true });
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('the web app middleware', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pmo-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the index for client routes without caching, and hashed assets for a year', async () => {
    const { url, server } = await serve(dir);
    try {
      for (const path of ['/', '/t/0b6c3c5e-7f7a-4f55-9a0e-1c2d3e4f5a6b/portfolio?period=2026-11', '/signin']) {
        const page = await fetch(`${url}${path}`, { headers: { accept: 'text/html' } });
        expect([path, page.status, page.headers.get('cache-control'), await page.text()]).toEqual([path, 200, 'no-cache', '<!doctype html><title>app</title>']);
      }
      const asset = await fetch(`${url}/assets/index-abc123.js`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      // A missing file is not a page: the api's 404.
      expect(await (await fetch(`${url}/assets/gone.js`)).json()).toEqual({ api: true });
      expect(await (await fetch(`${url}/favicon.ico`, { headers: { accept: 'text/html' } })).json()).toEqual({ api: true });
    } finally {
      server.close();
    }
  });

  it('leaves GraphQL, health, GraphiQL and non-GET requests to the api', async () => {
    const { url, server } = await serve(dir);
    try {
      for (const path of ['/graphql', '/health', '/graphiql', '/graphiql/assets/react.js']) {
        expect(await (await fetch(`${url}${path}`, { headers: { accept: 'text/html' } })).json()).toEqual({ api: true });
      }
      expect(await (await fetch(`${url}/`, { method: 'POST', headers: { accept: 'text/html' } })).json()).toEqual({ api: true });
    } finally {
      server.close();
    }
  });

  it('says how to build the app when it is not built, and the api still answers', async () => {
    const { url, server } = await serve(join(dir, 'missing'));
    try {
      const page = await fetch(`${url}/`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('npm run build:web');
      expect(await (await fetch(`${url}/graphql`)).json()).toEqual({ api: true });
    } finally {
      server.close();
    }
  });
});
