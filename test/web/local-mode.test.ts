/// <reference lib="dom" />
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureLocalKeys, LOCAL_AUDIENCE, LOCAL_ISSUER } from '../../api/auth/local-issuer';
import { localWebLogin } from '../../api/web/local-login';
import { extraApp, useHarness } from '../support/harness';
import { check, launch, loggedIn, visit, writeReport } from './browser';

// Issue 12 items 1, 7, 8 in a real browser: the local-mode banner, logout that sticks, and a CSP the pages live with.
jest.setTimeout(120_000);
const t = useHarness();
let browser: Browser;
let app: { baseUrl: string; close(): Promise<void> };
beforeAll(async () => {
  browser = await launch();
  const { jwksFile } = await ensureLocalKeys(mkdtempSync(path.join(tmpdir(), 'local-mode-')));
  const auth = { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, jwksFile };
  app = await extraApp(t.h, { auth, webLogin: localWebLogin(auth) });
});
afterAll(async () => {
  writeReport('local-mode');
  await app?.close();
  await browser?.close();
});

/** Every CSP violation and script error the page reports (a refused form's 400 or the favicon's 401 are answers, not problems). */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (
      m.type() === 'error' &&
      !m.text().startsWith('Failed to load resource: the server responded with a status of 4')
    )
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}
const submit = (page: Page, text: string) =>
  Promise.all([page.waitForNavigation(), page.getByRole('button', { name: text }).click()]);

test('local mode: the banner on every page, no CSP violation, and a logged-out cookie stays logged out', async () => {
  const context = await browser.newContext({ locale: 'nl-NL' });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems = watch(page);
  await visit(page, `${app.baseUrl}/app/inloggen`, 'lokaal-inloggen');
  const banner = page.getByRole('note');
  expect(await banner.textContent()).toContain('Lokale testomgeving');
  expect(await banner.isVisible()).toBe(true);
  expect(await check(page, 'lokaal-inloggen')).toEqual([]);

  await page.getByLabel('Gebruikerscode').fill('u-cons-8');
  // The organisation comes from the register (the harness registers wijkteam-noord).
  await page.locator('#f-org').selectOption('wijkteam-noord');
  await page.getByLabel('Consulent (wijkteam)').check();
  await submit(page, 'Inloggen');
  expect(await page.locator('h1').textContent()).toBe('Mijn casussen');
  expect(await page.getByRole('note').textContent()).toContain('Lokale testomgeving');
  await visit(page, `${app.baseUrl}/app/casussen/nieuw?gemeente=GM0363`, 'lokaal-nieuw');
  expect(await page.getByRole('note').textContent()).toContain('Lokale testomgeving');
  expect(await check(page, 'lokaal-nieuw')).toEqual([]);
  // Under the CSP the app's own css applies and its own js runs (it focuses the summary of a refused form).
  expect(await page.evaluate(() => getComputedStyle(document.querySelector('.omgeving-lokaal')!).backgroundColor)).toBe(
    'rgb(255, 216, 77)',
  );
  await submit(page, 'Aanmelding versturen');
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('foutoverzicht');
  expect(await page.getByRole('note').textContent()).toContain('Lokale testomgeving');

  const session = (await context.cookies()).find((c) => c.name === 'toewijzing_sessie')!;
  expect(session).toBeDefined();
  await submit(page, 'Uitloggen');
  expect(page.url()).toContain('/app/inloggen');
  expect(await page.getByRole('status').textContent()).toContain('U bent uitgelogd');
  // Someone who kept a copy of the cookie gets nowhere.
  await context.addCookies([session]);
  await page.goto(`${app.baseUrl}/app/casussen`);
  expect(page.url()).toContain('/app/inloggen');
  expect(problems).toEqual([]);
  await context.close();
});

test('without local mode there is no banner', async () => {
  const context = await loggedIn(browser, t.h.baseUrl, {
    sub: 'u-cons-1',
    org: 'wijkteam-noord',
    roles: ['consulent'],
  });
  const page = await context.newPage();
  const problems = watch(page);
  await visit(page, `${t.h.baseUrl}/app/casussen`, 'zonder-lokaal');
  expect(await page.locator('h1').textContent()).toBe('Mijn casussen');
  expect(await page.locator('.omgeving-lokaal').count()).toBe(0);
  expect(problems).toEqual([]);
  await context.close();
});
