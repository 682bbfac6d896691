// The web app, built by Vite into apps/web/dist, served at / by the api: hashed assets for
// a year (their names change with their content), the index with no-cache for every client
// route, so a new build reaches readers at their next visit. GraphQL, /health and
// /graphiql are never touched. Without a build, the page says how to make one.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { NextFunction, Request, Response } from 'express';

/** dist/apps/api/src/http → the checkout's root. */
export const WEB_DIST = resolve(__dirname, '..', '..', '..', '..', '..', 'apps', 'web', 'dist');

const SERVER_PATHS = /^\/(graphql|health|graphiql)(\/|$)/;
const YEAR_SECONDS = 365 * 24 * 3600;

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>PMO Hub</title></head>
<body><h1>The web app is not built</h1><p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it) and reload.
The API answers at <a href="/graphql">/graphql</a>.</p></body></html>`;

export function webApp(dist = WEB_DIST): (req: Request, res: Response, next: NextFunction) => void {
  const assets = express.static(join(dist, 'assets'), { index: false, immutable: true, maxAge: YEAR_SECONDS * 1000 });
  const index = join(dist, 'index.html');
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || SERVER_PATHS.test(req.path)) return next();
    if (req.path.startsWith('/assets/')) {
      req.url = req.url.slice('/assets'.length);
      return assets(req, res, next);
    }
    // A client route is a page: anything else (a missing file) stays the api's 404.
    if (!req.accepts('html') || /\.[a-z0-9]+$/i.test(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    if (!existsSync(index)) {
      res.status(503).type('html').send(NOT_BUILT);
      return;
    }
    res.sendFile(index);
  };
}
