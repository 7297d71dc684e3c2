/**
 * The console in a real browser (Debian's Chromium through playwright-core) against a real server
 * on a temp data dir (HTTPS, the built bundle): log in, create a cluster through the form (a field
 * error first), generate a node command and copy it, see the node appear live when an agent
 * registers and connects with the token from that command, revoke a token, delete by typed name,
 * log out (the session is revoked), with no console errors. Then: a page stays live across a
 * server restart (Reconnecting, then a list again when its resourceVersion was compacted away:
 * 410), and a session revoked under an
 * open page sends the user to the login page and back to that page. Screenshots go to
 * packages/console/test-artifacts/ (git-ignored).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RESOURCES } from '@drover/server';
import { api, connectAgent, createTempStore, register, startAgentTestServer } from '@drover/server/testing';
import type { AgentTestServer } from '@drover/server/testing';
import { CONSOLE_ROOT, ensureConsoleBuilt } from './build.ts';

const CHROMIUM = process.env.DROVER_CHROMIUM ?? '/usr/bin/chromium';
const ARTIFACTS = join(CONSOLE_ROOT, 'test-artifacts');
const PASSWORD = 'agent-tests-password';
const haveChromium = existsSync(CHROMIUM);

describe.skipIf(!haveChromium)(`console in Chromium${haveChromium ? '' : ` (skipped: no Chromium at ${CHROMIUM}; apt-get install chromium)`}`, () => {
  let s: AgentTestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const sessions: { destroy(): void }[] = [];

  const shot = async (name: string): Promise<void> => {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    await ensureConsoleBuilt();
    await mkdir(ARTIFACTS, { recursive: true });
    s = await startAgentTestServer();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.url });
    page = await context.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
  }, 120_000);

  afterAll(async () => {
    for (const x of sessions) x.destroy();
    await browser?.close();
    await s?.close();
  });

  it('logs in, creates a cluster, adds a node live, revokes a token, deletes by name and logs out without console errors', async () => {
    // A deep link while signed out goes to the login page, then back to it.
    await page.goto(`${s.url}/clusters`);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('wrong password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectVisible(page.getByRole('alert').filter({ hasText: 'invalid username or password' }));
    consoleErrors.length = 0; // the refused login's 401 is the browser's own log line
    await page.getByLabel('Password').fill(PASSWORD);
    await shot('01-login');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expectVisible(page.getByRole('heading', { name: 'Clusters' }));
    await expectVisible(page.getByText('No clusters yet'));
    await shot('02-clusters-empty');

    // Create through the form: a bad name is shown on the Name field, then a good one.
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Bad_Name');
    await page.getByLabel('HTTPS proxy').fill('http://proxy.example:3128');
    await page.getByRole('tab', { name: 'YAML' }).click();
    await expectVisible(page.getByLabel('Cluster YAML').filter({ hasText: 'httpsProxy: http://proxy.example:3128' }));
    await shot('03-create-yaml');
    await page.getByRole('tab', { name: 'Form' }).click();
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await expectVisible(page.locator('.field-error'));
    consoleErrors.length = 0; // the 422 is logged by the browser itself
    await shot('04-create-field-error');
    await page.getByLabel('Name', { exact: true }).fill('prod');
    // The version list is the server's version table (KubernetesVersion), newest first.
    const versionOptions = await page.getByLabel('Kubernetes version').locator('option').allTextContents();
    const served = (await s.app.drover.store.list('management.drover.dev/kubernetesversions')).items.map((v) => v.metadata.name);
    expect(served.length).toBeGreaterThanOrEqual(2);
    expect(versionOptions.slice(1).sort()).toEqual([...served].sort());
    expect(versionOptions[0]).toMatch(/^Server default \(v\d+\.\d+\.\d+\)$/);
    const older = [...served].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))[0]!;
    await page.getByLabel('Kubernetes version').selectOption(older);
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await expectVisible(page.getByRole('heading', { name: 'prod' }));
    expect((await s.app.drover.store.get('management.drover.dev/clusters', '', 'prod')).spec).toMatchObject({ kubernetesVersion: older });
    await expectVisible(page.getByRole('heading', { name: 'Nodes' }));
    await expectVisible(page.getByRole('heading', { name: 'Events' }));
    await expect(page.getByRole('link', { name: 'Download kubeconfig' }).getAttribute('href')).resolves.toBe('/v1/kubeconfig?cluster=prod');
    // The link works with the session cookie: the cluster's context through the API proxy.
    const kubeconfig = await page.evaluate<string>("fetch('/v1/kubeconfig?cluster=prod').then(async (r) => r.status + ' ' + (await r.text()))");
    expect(kubeconfig).toMatch(/^200 /);
    expect(kubeconfig).toContain('/k8s/clusters/prod');

    // Add nodes: the command is shown once, Copy puts it on the clipboard.
    await page.getByRole('button', { name: 'Add nodes' }).click();
    await page.getByLabel('Node name').fill('node-1');
    await page.getByLabel('Labels').fill('zone=eu-1');
    await page.getByRole('button', { name: 'Generate command' }).click();
    const commandBox = page.getByLabel('Node command text');
    await expectVisible(commandBox);
    const command = (await commandBox.textContent()) ?? '';
    expect(command).toContain('docker run');
    expect(command).toContain('zone=eu-1');
    await page.getByRole('button', { name: 'Copy' }).click();
    await expectVisible(page.getByText('Copied to the clipboard.'));
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(command);
    await shot('05-node-command');
    const token = /--token '?(droverreg_[A-Za-z0-9_.-]+)/.exec(command)?.[1];
    expect(token).toBeDefined();
    await page.getByRole('button', { name: 'Done' }).click();
    const tokens = page.getByRole('table', { name: 'Registration tokens' });
    await expectVisible(tokens.getByRole('button', { name: /^Revoke / }).first());

    // An agent registers with that token and connects: the node appears, then turns Connected, live.
    const nodes = page.getByRole('table', { name: 'Nodes' });
    const reg = await register(s, token!, 'node-1', 'engine-1', { labels: { zone: 'eu-1' } });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    await expectVisible(nodes.getByRole('row').filter({ hasText: 'node-1' }));
    sessions.push(await connectAgent(s, (reg.body as { credential: string }).credential, 'engine-1'));
    await expectVisible(nodes.getByRole('row').filter({ hasText: 'node-1' }).filter({ hasText: 'Connected' }));
    await expectVisible(page.getByRole('table', { name: 'Events' }).getByRole('row').nth(1));
    // The node's tunnel, from the server's session registry.
    await page.getByRole('button', { name: 'Tunnel of node-1' }).click();
    const tunnel = page.getByRole('region', { name: 'Tunnel of node-1' });
    await expectVisible(tunnel.getByText('127.0.0.1'));
    await expectVisible(tunnel.getByText(/\d+\.\d ms/));
    await expectVisible(tunnel.getByText(/^\d+(\.\d)? (bytes|KiB|MiB) \/ \d+(\.\d)? (bytes|KiB|MiB)$/));
    await expectVisible(tunnel.getByText('Reconnects (last hour)'));
    await shot('06-cluster-node-live');
    await tunnel.getByRole('button', { name: 'Close' }).click();

    // Revoke the token: it leaves the active list (live).
    await tokens.getByRole('button', { name: /^Revoke / }).first().click();
    await expectVisible(tokens.getByText('No active registration tokens'));
    await shot('07-token-revoked');

    // A second cluster, deleted by typing its name.
    await page.getByRole('link', { name: 'Clusters' }).first().click();
    await expectVisible(page.getByRole('row').filter({ hasText: 'prod' }).filter({ hasText: '1/1' }));
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await page.getByLabel('Name', { exact: true }).fill('scratch');
    await page.getByRole('button', { name: 'Create cluster' }).click();
    await expectVisible(page.getByRole('heading', { name: 'scratch' }));
    await page.getByRole('link', { name: 'Clusters' }).first().click();
    await page.getByRole('button', { name: 'Delete cluster scratch' }).click();
    // Keyboard: the dialog takes focus on its name field and Escape cancels it.
    await page.keyboard.press('Escape');
    await expectGone(page.getByRole('dialog'));
    await page.getByRole('button', { name: 'Delete cluster scratch' }).click();
    const dialog = page.getByRole('dialog');
    await page.keyboard.type('scratc');
    await expect(dialog.getByRole('button', { name: 'Delete' }).isDisabled()).resolves.toBe(true);
    await expect(dialog.getByLabel('Cluster name').inputValue()).resolves.toBe('scratc');
    await dialog.getByLabel('Cluster name').fill('scratch');
    await shot('08-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expectGone(page.getByRole('row').filter({ hasText: 'scratch' }));
    await shot('09-clusters');

    // Users (admin).
    await page.getByRole('link', { name: 'Users' }).click();
    await expectVisible(page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'admin' }));
    await page.getByLabel('New username').fill('alice');
    await page.getByLabel('Initial password').fill('alice-password-1');
    await page.getByRole('button', { name: 'Create user' }).click();
    const alice = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ hasText: 'alice' });
    await expectVisible(alice.filter({ hasText: 'Active' }));
    // Members (the owner's view): add alice to prod as read-only, then remove her.
    await page.goto(`${s.url}/clusters/prod`);
    const members = page.getByRole('table', { name: 'Members' });
    await expectVisible(members.getByRole('row').filter({ hasText: 'owner' }));
    await page.getByLabel('Member username').fill('alice');
    await page.getByLabel('Role').selectOption('read-only');
    await page.getByRole('button', { name: 'Add member' }).click();
    await expectVisible(members.getByRole('row').filter({ hasText: 'alice' }).filter({ hasText: 'read-only' }));
    await shot('10-members');
    await members.getByRole('button', { name: 'Remove member alice' }).click();
    await expectGone(members.getByRole('row').filter({ hasText: 'alice' }));
    await page.getByRole('link', { name: 'Users' }).click();
    await alice.getByRole('button', { name: 'Disable' }).click();
    await expectVisible(alice.filter({ hasText: 'Disabled' }));
    // This browser's own session is among the active tokens.
    await expectVisible(page.getByRole('table', { name: 'Tokens' }).getByRole('row').filter({ hasText: 'console session' }));
    await shot('11-users');

    // Log out: back to the login page; the old session cookie no longer works.
    const cookie = (await context.cookies()).find((c) => c.name === '__Host-drover-session');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });
    await page.getByRole('button', { name: 'Log out' }).click();
    await expectVisible(page.getByRole('button', { name: 'Log in' }));
    const after = await s.app.inject({ url: '/apis/management.drover.dev/v1/clusters', headers: { cookie: `__Host-drover-session=${cookie!.value}` } });
    expect(after.statusCode).toBe(401);
    await shot('12-logged-out');

    expect(consoleErrors).toEqual([]);
  }, 120_000);

  it('resumes live tables after a server restart (relisting after a 410), and a revoked session returns to login and back', async () => {
    const t2 = await createTempStore();
    let s2 = await startAgentTestServer({}, t2);
    const port = Number(new URL(s2.url).port);
    const ctx2 = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 } });
    try {
      expect((await api(s2, 'POST', '/clusters', { apiVersion: 'management.drover.dev/v1', kind: 'Cluster', metadata: { name: 'edge' } })).status).toBe(201);
      const p2 = await ctx2.newPage();
      // A deep link: login, then back to the cluster page.
      await p2.goto(`${s2.url}/clusters/edge`);
      await p2.getByLabel('Username').fill('admin');
      await p2.getByLabel('Password').fill(PASSWORD);
      await p2.getByRole('button', { name: 'Log in' }).click();
      await expectVisible(p2.getByRole('heading', { name: 'edge' }));
      const nodesHead = p2.locator('.section-head').filter({ has: p2.getByRole('heading', { name: 'Nodes' }) });
      await expectVisible(nodesHead.getByRole('status').filter({ hasText: /^Live$/ }));

      // The server goes away: the table says so; it comes back on the same port and store.
      await s2.close();
      await nodesHead.getByRole('status').filter({ hasText: 'Reconnecting' }).first().waitFor({ state: 'visible', timeout: 30_000 });
      await p2.screenshot({ path: join(ARTIFACTS, '13-reconnecting.png'), fullPage: true });
      // While it is down a node appears and the history is compacted away: the page's watches
      // cannot resume (410 Expired) and must list again to see it.
      await t2.store.create(RESOURCES.nodes, { apiVersion: 'management.drover.dev/v1', kind: 'Node', metadata: { name: 'edge-node-0', namespace: 'edge' }, spec: { roles: ['worker'] } });
      await t2.store.compact(0);
      s2 = await startAgentTestServer({}, t2, { port });
      await nodesHead.getByRole('status').filter({ hasText: /^Live$/ }).first().waitFor({ state: 'visible', timeout: 30_000 });
      // Every table is back (each retries on its own backoff), so the next 401 comes from the click below.
      await expectGone(p2.getByRole('status').filter({ hasText: 'Reconnecting' }));
      const rt = await api(s2, 'POST', '/namespaces/edge/registrationtokens', { apiVersion: 'management.drover.dev/v1', kind: 'RegistrationToken', metadata: { name: 'after-restart' } });
      expect(rt.status).toBe(201);
      expect((await register(s2, (rt.body as { status: { token: string } }).status.token, 'edge-node-1', 'engine-e1')).status).toBe(201);
      await expectVisible(p2.getByRole('table', { name: 'Nodes' }).getByRole('row').filter({ hasText: 'edge-node-1' }));
      await expectVisible(p2.getByRole('table', { name: 'Nodes' }).getByRole('row').filter({ hasText: 'edge-node-0' }));

      // The session is revoked behind the page's back: its next call lands on the login page,
      // which says why, and logging in returns to the cluster page.
      const tokens = await api(s2, 'GET', '/tokens');
      const sessionTokens = (tokens.body as { items: { metadata: { name: string }; spec: { description?: string; revoked?: boolean } }[] }).items.filter(
        (tok) => tok.spec.description === 'console session' && tok.spec.revoked !== true,
      );
      expect(sessionTokens.length).toBeGreaterThan(0);
      for (const tok of sessionTokens) expect((await api(s2, 'PATCH', `/tokens/${tok.metadata.name}`, { spec: { revoked: true } })).status).toBe(200);
      // The page's next call gets the 401: these clicks, or a table's watch that started again
      // first (then the page is at the login form already and the clicks find nothing to click).
      const ended = p2.getByText('Your session has ended');
      if (!(await ended.isVisible())) await p2.getByRole('button', { name: 'Add nodes' }).click({ timeout: 5000 }).catch(() => undefined);
      if (!(await ended.isVisible())) await p2.getByRole('button', { name: 'Generate command' }).click({ timeout: 5000 }).catch(() => undefined);
      await expectVisible(ended).catch(async (err: unknown) => {
        await p2.screenshot({ path: join(ARTIFACTS, 'failed-session-ended.png'), fullPage: true });
        throw err;
      });
      expect(new URL(p2.url()).searchParams.get('next')).toBe('/clusters/edge');
      await p2.screenshot({ path: join(ARTIFACTS, '14-session-ended.png'), fullPage: true });
      await p2.getByLabel('Username').fill('admin');
      await p2.getByLabel('Password').fill(PASSWORD);
      await p2.getByRole('button', { name: 'Log in' }).click();
      await expectVisible(p2.getByRole('heading', { name: 'edge' }));
      await expectVisible(p2.getByRole('table', { name: 'Nodes' }).getByRole('row').filter({ hasText: 'edge-node-1' }));
    } finally {
      await ctx2.close();
      await s2.close();
      await t2.cleanup();
    }
  }, 120_000);
});

/** Waits (bounded) until the locator is visible. */
async function expectVisible(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Waits (bounded) until no element matches. */
async function expectGone(locator: ReturnType<Page['locator']>): Promise<void> {
  await locator.first().waitFor({ state: 'detached', timeout: 30_000 });
}
