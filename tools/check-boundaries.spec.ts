// Module boundaries, checked on every test run: dependencies point one way (apps → feature
// libs → core → shared). Projects and their scope:* tags come from each project.json;
// imports from every .ts file under apps/ and libs/ (alias and relative alike).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

type Scope = 'app' | 'feature' | 'core' | 'shared';

interface Project {
  name: string;
  root: string;
  scope: Scope;
}

interface Import {
  file: string;
  from: Project;
  to: Project;
  specifier: string;
}

const ROOT = resolve(__dirname, '..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.nx']);

function walk(dir: string, keep: (name: string) => boolean, found: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, keep, found);
    else if (keep(entry.name)) found.push(path);
  }
  return found;
}

function loadProjects(): Project[] {
  return ['apps', 'libs'].flatMap((top) =>
    walk(join(ROOT, top), (name) => name === 'project.json').map((file) => {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { name: string; tags?: string[] };
      const scopes = (json.tags ?? []).filter((tag) => tag.startsWith('scope:'));
      if (scopes.length !== 1) throw new Error(`${relative(ROOT, file)} must carry exactly one scope:* tag`);
      return { name: json.name, root: dirname(file), scope: scopes[0].slice('scope:'.length) as Scope };
    }),
  );
}

/** Every module specifier a file names: static and dynamic imports, re-exports, require. */
function specifiersOf(source: string): string[] {
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
  return [...source.matchAll(pattern)].map((match) => match[1]);
}

function violations(imports: Import[]): string[] {
  const problems: string[] = [];
  for (const { file, from, to, specifier } of imports) {
    if (from.name === to.name) continue;
    const where = `${file} imports ${specifier}`;
    if (from.scope !== 'app' && to.scope === 'app') problems.push(`${where}: a lib must not import an app`);
    if ((from.scope === 'core' || from.scope === 'shared') && to.scope === 'feature') {
      problems.push(`${where}: ${from.scope} must not import a feature lib`);
    }
    if (from.scope === 'feature' && to.scope === 'feature') problems.push(`${where}: a feature lib must not import another feature lib`);
    if (from.scope === 'shared' && to.scope === 'core') problems.push(`${where}: shared must not import core`);
  }
  return problems;
}

function ownerOf(projects: Project[], path: string): Project | undefined {
  return projects.filter((project) => path === project.root || path.startsWith(project.root + sep)).sort((a, b) => b.root.length - a.root.length)[0];
}

function collectImports(projects: Project[]): Import[] {
  const { compilerOptions } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: { paths: Record<string, string[]> };
  };
  const aliases = new Map(Object.entries(compilerOptions.paths).map(([alias, [target]]) => [alias, resolve(ROOT, target)]));
  const imports: Import[] = [];
  for (const file of ['apps', 'libs'].flatMap((top) => walk(join(ROOT, top), (name) => name.endsWith('.ts')))) {
    const from = ownerOf(projects, file);
    if (!from) throw new Error(`${relative(ROOT, file)} belongs to no project`);
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      const target = aliases.get(specifier) ?? (specifier.startsWith('.') ? resolve(dirname(file), specifier) : undefined);
      const to = target && ownerOf(projects, target);
      if (to) imports.push({ file: relative(ROOT, file), from, to, specifier });
    }
  }
  return imports;
}

describe('module boundaries', () => {
  const projects = loadProjects();
  const imports = collectImports(projects);

  it('finds every project with its scope, and their imports', () => {
    const scopes = new Set(projects.map((project) => project.scope));
    expect([...scopes].sort()).toEqual(['app', 'core', 'feature', 'shared']);
    const pairs = new Set(imports.map((i) => `${i.from.scope}->${i.to.scope}`));
    for (const expected of ['app->feature', 'app->core', 'feature->core', 'feature->shared', 'core->shared']) {
      expect(pairs).toContain(expected);
    }
  });

  it('holds across the codebase', () => {
    expect(violations(imports)).toEqual([]);
  });

  it('reads every kind of import', () => {
    const source = `
      import { A } from '@pmo/core';
      import type { B } from "./b";
      export * from '../c';
      import './side-effect';
      const d = await import('@pmo/kpi');
      const e = require('../../apps/api/src/main');`;
    expect(specifiersOf(source)).toEqual(['@pmo/core', './b', '../c', './side-effect', '@pmo/kpi', '../../apps/api/src/main']);
  });

  it('bites on each forbidden direction', () => {
    const project = (name: string, scope: Scope): Project => ({ name, root: `/x/${name}`, scope });
    const api = project('api', 'app');
    const core = project('core', 'core');
    const shared = project('shared', 'shared');
    const kpi = project('kpi', 'feature');
    const projectsLib = project('projects', 'feature');
    const edge = (from: Project, to: Project): Import => ({ file: `${from.name}/x.ts`, from, to, specifier: `@pmo/${to.name}` });

    const allowed = [edge(api, kpi), edge(api, core), edge(kpi, core), edge(kpi, shared), edge(core, shared), edge(kpi, kpi)];
    expect(violations(allowed)).toEqual([]);

    const forbidden = [edge(kpi, api), edge(core, api), edge(core, kpi), edge(shared, projectsLib), edge(kpi, projectsLib), edge(shared, core)];
    const problems = violations(forbidden);
    expect(problems).toEqual([
      'kpi/x.ts imports @pmo/api: a lib must not import an app',
      'core/x.ts imports @pmo/api: a lib must not import an app',
      'core/x.ts imports @pmo/kpi: core must not import a feature lib',
      'shared/x.ts imports @pmo/projects: shared must not import a feature lib',
      'kpi/x.ts imports @pmo/projects: a feature lib must not import another feature lib',
      'shared/x.ts imports @pmo/core: shared must not import core',
    ]);
  });
});
