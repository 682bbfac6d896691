// The web app in a real browser (Debian's chromium through playwright-core; CHROMIUM_PATH
// overrides /usr/bin/chromium), against a real api and worker on a seeded organization:
// sign up and in, the hub's tiles, two levels of drill-down, a project, a tile that changes
// live when a value is recorded through the API, a decision recorded by an executive. Every
// page is checked for console errors and axe-core violations, and photographed into
// docs/screenshots/. The portfolio's time to tiles and its GraphQL requests are measured.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, chromium, Page } from 'playwright-core';
import { Stack } from '@pmo/testing';

const ROOT = join(__dirname, '..', '..', '..');
const SHOTS = join(ROOT, 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
/** The seed's last period: fixed, so the test reads the same figures in any month. */
const PERIOD = '2026-12';
/** WEB_E2E_SEED_PROJECTS=5000 measures on the full seed (docs/benchmarks.md); the default keeps the run short. */
const SEED_PROJECTS = Number(process.env.WEB_E2E_SEED_PROJECTS ?? 500);

interface Seeded {
  email: string;
  password: string;
  hubId: string;
}

describe('the web app', () => {
  let stack: Stack;
  let browser: Browser;
  let seeded: Seeded;
  const problems: string[] = [];

  beforeAll(async () => {
    // The api serves apps/web/dist: build it when this run has not (npm test does).
    if (!existsSync(join(ROOT, 'apps', 'web', 'dist', 'index.html'))) {
      // Vite's exports name no bin file: its command is found beside its package.json.
      const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
      execFileSync(process.execPath, [vite, 'build', '--config', 'apps/web/vite.config.mts'], { cwd: ROOT, stdio: 'ignore' });
    }
    stack = await Stack.start();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const { stdout } = await promisify(execFile)(process.execPath, [join(ROOT, 'dist', 'tools', 'seed.js')], {
      cwd: ROOT,
      env: { ...stack.env, SEED_PROJECTS: String(SEED_PROJECTS) },
    });
    const login = /log in as (\S+) \/ (.+) \(hub ([0-9a-f-]+)\)/.exec(stdout);
    if (!login) throw new Error(`seed said: ${stdout}`);
    seeded = { email: login[1], password: login[2], hubId: login[3] };
    mkdirSync(SHOTS, { recursive: true });
  }, 120000);
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const open = async (): Promise<{ page: Page; graphql: string[]; timings: string[] }> => {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    // A loaded machine (CI shares its cores) can take seconds per step; the run stays short when it is not.
    page.setDefaultTimeout(60000);
    const graphql: string[] = [];
    const timings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') graphql.push(JSON.parse(request.postData() ?? '{}').operationName);
    });
    page.on('requestfinished', (request) => {
      if (request.url().endsWith('/graphql') && request.method() === 'POST') {
        timings.push(`${JSON.parse(request.postData() ?? '{}').operationName} ${Math.round(request.timing().responseEnd)} ms`);
      }
    });
    return { page, graphql, timings };
  };

  /** No axe-core violation on the page as it stands. */
  const accessible = async (page: Page, name: string) => {
    if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as unknown as { axe: { run: () => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe.run();
      return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
    });
    expect({ page: name, violations }).toEqual({ page: name, violations: [] });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: name !== 'project' });
  };

  const signIn = async (page: Page, email: string, password: string) => {
    await page.goto(`${stack.url}/`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
  };

  it('signs up a new organization and shows its empty portfolio', async () => {
    const { page } = await open();
    await page.goto(`${stack.url}/signup`);
    await page.getByLabel('Organization', { exact: true }).fill('Browser Org');
    await page.getByLabel('Email').fill(`web-${Date.now()}@example.com`);
    await page.getByLabel('Password').fill('a long browser passphrase');
    await page.getByRole('button', { name: 'Sign up' }).click();
    await page.getByRole('heading', { name: 'Browser Org: portfolio' }).waitFor();
    await expect(page.getByText('reported a KPI value').isVisible()).resolves.toBe(true);
    await page.context().close();
  }, 120000);

  it('serves the app at / with caching fit for each file, and leaves the api alone', async () => {
    const index = await fetch(`${stack.url}/t/${seeded.hubId}/portfolio`, { headers: { accept: 'text/html' } });
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
    const script = await fetch(`${stack.url}${asset}`);
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${stack.url}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${stack.url}/health`)).status).toBe(200);
    expect(
      (await fetch(`${stack.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' })).status,
    ).toBe(200);
  });

  it('shows the hub, drills down two levels, opens a project and updates a tile live', async () => {
    const { page, graphql, timings } = await open();
    await signIn(page, seeded.email, seeded.password);
    await page.locator('.tile').first().waitFor();
    await accessible(page, 'portfolio-current');

    // The performance check: a cold load of the hub's portfolio for the seed's period.
    graphql.length = 0;
    timings.length = 0;
    const started = Date.now();
    await page.goto(`${stack.url}/t/${seeded.hubId}/portfolio?period=${PERIOD}`);
    await page.locator('.tile').first().waitFor();
    const toTiles = Date.now() - started;
    await page.locator('table.heatmap').waitFor();
    const requests = [...graphql];
    console.log(`web: hub portfolio (${SEED_PROJECTS} projects), tiles after ${toTiles} ms; GraphQL requests: ${timings.join(', ')}`);
    expect(requests.sort()).toEqual(['Heatmap', 'Me', 'Portfolio']);
    // Ten KPIs with values; the built-in compliance KPI has none in a seed without obligations.
    expect(await page.locator('.tile').count()).toBe(10);
    await expect(page.locator('.tile[data-kpi="schedule_index"] .rag').textContent()).resolves.toMatch(/Green|Amber|Red/);
    await accessible(page, 'portfolio');

    // Two levels down through the heatmap's table, then back.
    await page.getByRole('link', { name: 'Division 1', exact: true }).click();
    await page.getByRole('heading', { name: 'Division 1: portfolio' }).waitFor();
    await page.locator('table.heatmap').waitFor();
    // The second level through the heatmap itself: its first row is Region 1 (the grid
    // starts 160 px from the left and 10 px from the top; three rows share 80 px).
    await page.getByRole('img', { name: /^Child PMOs by KPI/ }).click({ position: { x: 180, y: 22 } });
    await page.getByRole('heading', { name: 'Division 1 Region 1: portfolio' }).waitFor();
    await page.locator('table.heatmap').waitFor();
    expect(page.url()).toContain(`period=${PERIOD}`);
    await accessible(page, 'portfolio-drilled');
    await page.goBack();
    await page.getByRole('heading', { name: 'Division 1: portfolio' }).waitFor();
    await page.goForward();
    await page.getByRole('heading', { name: 'Division 1 Region 1: portfolio' }).waitFor();

    // A value recorded through the API reaches the open tile, which says it was updated.
    const token = (await stack.ok(`mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { email: seeded.email, password: seeded.password } })).login
      .token as string;
    const regionId = new URL(page.url()).pathname.split('/')[2];
    const { projects } = await stack.ok(`query($t: ID!) { projects(tenantId: $t, first: 1) { edges { node { id } } } }`, { t: regionId }, token);
    const projectId = projects.edges[0].node.id as string;
    const tile = page.locator('.tile[data-kpi="budget_spent"]');
    const before = await tile.locator('.value').textContent();
    await stack.ok(
      `mutation($i: RecordKpiValueInput!) { recordKpiValue(input: $i) { value } }`,
      { i: { projectId, kpiKey: 'budget_spent', period: PERIOD, value: 99999 } },
      token,
    );
    await tile.locator('.updated-cue').waitFor();
    expect(await tile.locator('.value').textContent()).not.toBe(before);

    // The trend, the projects and one project.
    await tile.getByRole('link', { name: /Trend of/ }).click();
    await page.getByRole('heading', { name: 'Division 1 Region 1: trend' }).waitFor();
    await page.locator('table caption').filter({ hasText: 'by period' }).waitFor();
    await accessible(page, 'trend');
    await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name: 'Projects' }).click();
    await page.getByRole('heading', { name: 'Division 1 Region 1: projects' }).waitFor();
    const rows = page.locator('table.projects tbody tr');
    await rows.first().waitFor();
    // 35 projects in the seed's region at 500 projects (350 at 5,000): a second page either way.
    await page.getByRole('button', { name: 'Show more projects' }).click();
    await rows.nth(25).waitFor();
    await page.getByLabel('Code or name').fill('P001');
    await page.getByLabel('Code or name').press('Enter');
    await rows.filter({ hasNotText: 'P001' }).first().waitFor({ state: 'detached' });
    await rows.first().waitFor();
    const found = await rows.allTextContents();
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((text) => !text.startsWith('P001'))).toEqual([]);
    await page.getByLabel('Sort by').selectOption('CODE_DESC');
    await page.waitForURL(/sort=CODE_DESC/);
    await expect(page.getByLabel('Code or name').inputValue()).resolves.toBe('P001');
    await expect(
      page
        .locator('table.projects td')
        .filter({ hasText: /None owed|%/ })
        .first()
        .waitFor(),
    ).resolves.toBeUndefined();
    expect(page.url()).toContain('q=P001');
    await accessible(page, 'projects');
    await page.locator('table.projects tbody a').first().click();
    await page.getByRole('heading', { name: 'Decisions' }).waitFor();
    await page.getByRole('heading', { name: 'Corrective actions' }).waitFor();
    await page.getByText('No corrective action.').waitFor();
    await accessible(page, 'project');
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByRole('heading', { name: /standards in force/ }).waitFor();
    await accessible(page, 'standards');
    await page.context().close();
  }, 240000);

  it('lets an executive record a decision with its evidence, and sends an ended session back to sign in', async () => {
    const admin = (await stack.ok(`mutation($i: LoginInput!) { login(input: $i) { token } }`, { i: { email: seeded.email, password: seeded.password } })).login
      .token as string;
    const email = `exec-${Date.now()}@example.com`;
    await stack.ok(
      `mutation($i: AddMemberInput!) { addMember(input: $i) { status } }`,
      { i: { tenantId: seeded.hubId, email, password: 'an executive passphrase', role: 'EXECUTIVE' } },
      admin,
    );
    const { projects } = await stack.ok(
      `query($t: ID!) { projects(tenantId: $t, first: 1) { edges { node { id tenant { id } } } } }`,
      { t: seeded.hubId },
      admin,
    );
    const project = projects.edges[0].node;
    const { page } = await open();
    await signIn(page, email, 'an executive passphrase');
    await page.goto(`${stack.url}/t/${project.tenant.id}/projects/${project.id}`);
    await page.getByLabel('Decision', { exact: true }).selectOption('HOLD');
    await page.getByLabel('Rationale').fill('Budget overrun under review');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.getByText('Decision recorded.').waitFor();
    await page.getByText('Budget overrun under review').waitFor();
    await expect(page.locator('.facts').getByText('On hold').isVisible()).resolves.toBe(true);
    await page.getByText(/Evidence as of/).click();
    await accessible(page, 'project-decision');

    // The token ends (signed out elsewhere): the next request returns to sign in.
    const token = await page.evaluate(() =>
      (globalThis as unknown as { sessionStorage: { getItem: (key: string) => string | null } }).sessionStorage.getItem('pmo.token'),
    );
    await stack.ok(`mutation { logout }`, {}, token ?? '');
    await page.getByRole('link', { name: 'Standards' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/signin');
    await accessible(page, 'signin');
    // Unauthenticated answers are the expected path here, not errors of the app.
    const unexpected = problems.filter((p) => !/401|UNAUTHENTICATED|Unauthenticated/i.test(p));
    expect(unexpected).toEqual([]);
    await page.context().close();
  }, 180000);
});
