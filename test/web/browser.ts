/// <reference lib="dom" />
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { tokenFor, type TokenClaims } from '../support/tokens';

/**
 * Headless Chromium (Debian's /usr/bin/chromium) driven by playwright-core,
 * axe-core on every page, screenshots under test/web/screenshots/.
 */
export const SCREENSHOTS = path.join(__dirname, 'screenshots');

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A browser context logged in as `claims`: the session cookie holds a token the app verifies like a bearer token. */
export async function loggedIn(
  browser: Browser,
  baseUrl: string,
  claims: TokenClaims,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const url = new URL(baseUrl);
  await context.addCookies([
    {
      name: 'toewijzing_sessie',
      value: tokenFor(claims),
      domain: url.hostname,
      path: '/app',
      httpOnly: true,
      sameSite: 'Strict',
      secure: false,
    },
  ]);
  context.setDefaultTimeout(10_000);
  return context;
}

/** A page of its own for `claims`, with the slow shared machine's timeout (the pages themselves are measured by bench:web). */
export async function pageAs(browser: Browser, baseUrl: string, claims: TokenClaims, timeout = 30_000) {
  const context = await loggedIn(browser, baseUrl, claims);
  context.setDefaultTimeout(timeout);
  return { context, page: await context.newPage() };
}

/** Clicks the (first) button named `name` and waits for the page it leads to. */
export const submit = (page: Page, name: string | RegExp) =>
  Promise.all([page.waitForNavigation({ timeout: 30_000 }), page.getByRole('button', { name }).first().click()]);

/** Follows the link named `name` and waits for the page it leads to. */
export const follow = (page: Page, name: string | RegExp) =>
  Promise.all([page.waitForNavigation({ timeout: 30_000 }), page.getByRole('link', { name }).first().click()]);

/** The aanmelding form's person and indicatie fields as one vraag for a zorgwoning (the parties are the caller's). */
export async function fillAanmelding(page: Page, referentie: string): Promise<void> {
  await page.getByLabel('Referentie van de persoon').fill(referentie);
  await page.getByLabel('Aantal personen in het huishouden').fill('1');
  await page.getByLabel('Binnen de huurtoeslaggrenzen').check();
  await page.getByLabel('Waar woont de persoon nu?').selectOption('thuis');
  await page.getByLabel('Verstoorde zelfregulering').check();
  await page.locator('#f-doelgroep').selectOption('vv');
  await page.getByLabel('Indicatie: wet').selectOption('wlz');
  await page.getByLabel('Indicatie: leveringsvorm').selectOption('vpt');
}

export interface AxeFinding {
  page: string;
  id: string;
  impact: string | null | undefined;
  nodes: number;
  help: string;
}
export const axeFindings: AxeFinding[] = [];
export const timings: Array<{ page: string; ms: number }> = [];

/** Runs axe (WCAG 2.0/2.1 A and AA rules) and saves a full-page screenshot; returns the serious and critical violations. */
export async function check(page: Page, name: string): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const findings = results.violations.map((v) => ({
    page: name,
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.length,
    help: v.help,
  }));
  axeFindings.push(...findings);
  await expectPlainDutch(page, name);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
  return findings.filter((f) => f.impact === 'serious' || f.impact === 'critical');
}

/** Navigates and records how long the page took to load (server render + browser). */
export async function visit(page: Page, url: string, name: string) {
  const started = Date.now();
  const response = await page.goto(url, { waitUntil: 'load' });
  timings.push({ page: name, ms: Date.now() - started });
  return response;
}

/** Whether the page scrolls sideways at this viewport (it should not). */
export const overflowsHorizontally = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);

/** Axe findings and load times of one test file, as report-<name>.json beside the screenshots. */
export function writeReport(name: string) {
  writeFileSync(path.join(SCREENSHOTS, `report-${name}.json`), JSON.stringify({ axe: axeFindings, timings }, null, 2));
}

/** zod's English defaults and raw codes (in_de_wijk, voldoet_niet): none may show on a page a person reads. */
const ENGLISH_ZOD =
  /\b(Invalid (input|option|string|number)|expected (string|number|one of)|Too (small|big)|Unrecognized key|Required)\b/;
const RAW_CODE = /\b[a-z0-9]+(?:_[a-z0-9]+)+\b/;

export async function expectPlainDutch(page: Page, name: string) {
  // Text in <code> is what a person types as written (the CSV columns' values), not a slip.
  const text = await page.evaluate(() => {
    const codes = Array.from(document.querySelectorAll('code'));
    const before = codes.map((c) => c.style.display);
    codes.forEach((c) => (c.style.display = 'none'));
    const shown = document.body.innerText;
    codes.forEach((c, i) => (c.style.display = before[i] ?? ''));
    return shown;
  });
  const english = ENGLISH_ZOD.exec(text);
  const code = RAW_CODE.exec(text);
  if (english || code)
    throw new Error(
      `${name}: ${english ? `English validation text "${english[0]}"` : `raw code "${code![0]}"`} on the page`,
    );
}
