// A local GraphiQL page (development only), served from installed packages: the product
// works offline, so nothing loads from a CDN.
import { Controller, Get, NotFoundException, Param, Res, Inject } from '@nestjs/common';
import type { Response } from 'express';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { APP_CONFIG, AppConfig } from '@pmo/core';

const requireFrom = createRequire(__filename);
// [package, file inside it]: resolved from each package's root, because the packages'
// `exports` maps do not list these browser builds (react's UMD files, for one).
const ASSETS: Record<string, [string, string]> = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
};

const assetPath = ([pkg, file]: [string, string]) => join(dirname(requireFrom.resolve(`${pkg}/package.json`)), file);

const PAGE = `<!doctype html>
<html><head><meta charset="utf-8"><title>PMO Hub GraphiQL</title>
<link rel="stylesheet" href="/graphiql/assets/graphiql.css">
<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style></head>
<body><div id="graphiql">Loading…</div>
<script src="/graphiql/assets/react.js"></script>
<script src="/graphiql/assets/react-dom.js"></script>
<script src="/graphiql/assets/graphiql.js"></script>
<script>
  const fetcher = GraphiQL.createFetcher({ url: '/graphql', headers: { 'apollo-require-preflight': 'true' } });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher, defaultEditorToolsVisibility: true }));
</script></body></html>`;

@Controller('graphiql')
export class GraphiqlController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  private ensureEnabled(): void {
    if (this.config.nodeEnv === 'production') throw new NotFoundException();
  }

  // The content type is set only once the page is served: a 404 stays JSON.
  @Get()
  page(@Res() res: Response): void {
    this.ensureEnabled();
    res.type('html').send(PAGE);
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() res: Response): void {
    this.ensureEnabled();
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException();
    res.sendFile(assetPath(asset));
  }
}
