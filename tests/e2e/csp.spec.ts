// The Content-Security-Policy (a <meta> in index.html, so it holds on any static host): present with a strict
// script-src, and the app's own screens never trip it; a request to an origin it does not list is refused and
// reported by the app as "CSP violation: …".
import { test, expect, type Page } from './fixtures';
import { openApp, exampleRows } from './helpers';

/** The policy's directives as a map: name → sources. */
function parsePolicy(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

/** Records `securitypolicyviolation` events and console messages about the CSP, from the first script on. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|CSP violation/i.test(m.text())) console.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  return async () => [...console, ...(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []))];
}

test('the served page carries the policy: script-src without unsafe-inline or unsafe-eval, no plugins, no base or form hijack', async ({ page, request }) => {
  const html = await (await request.get('./')).text();
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  expect(meta, 'CSP meta tag in index.html').not.toBeNull();
  const policy = parsePolicy(meta![1]);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('worker-src')).toEqual(["'self'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'self'"]);
  expect(policy.get('form-action')).toEqual(["'none'"]);
  const connect = policy.get('connect-src') ?? [];
  for (const origin of ["'self'", 'https://api.openai.com', 'https://*.openai.azure.com', 'http://localhost:*', 'http://127.0.0.1:*'])
    expect(connect).toContain(origin);
  expect(connect).not.toContain('*');
  expect(connect).not.toContain('https:');
  for (const sources of policy.values()) {
    expect(sources).not.toContain("'unsafe-eval'");
    expect(sources).not.toContain('*');
  }
  // The browser reads the same tag (it must come before any script to apply to it).
  await openApp(page);
  const live = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(live).toBe(meta![1]);
  const firstScript = await page.evaluate(() => {
    const all = [...document.head.children];
    return { meta: all.findIndex((e) => e.matches('meta[http-equiv="Content-Security-Policy"]')), script: all.findIndex((e) => e.tagName === 'SCRIPT') };
  });
  expect(firstScript.meta).toBeGreaterThanOrEqual(0);
  expect(firstScript.meta).toBeLessThan(firstScript.script);
});

test('walking the library, editor, raw JSONL, statistics and Train screens trips no CSP directive', async ({ page }) => {
  const violations = await watchCsp(page);
  await openApp(page);
  await page.getByRole('button', { name: 'Open the sample dataset' }).click();
  await expect(exampleRows(page).first()).toBeVisible();
  // Editor: every example of the sample (tools, images, preference pairs…), then an edit.
  const count = await exampleRows(page).count();
  for (let i = 0; i < count; i++) await exampleRows(page).nth(i).click();
  await exampleRows(page).first().click();
  await page.getByLabel('Content').first().fill('Be brief, and kind.');
  await expect(page.getByTestId('example-tokens')).toBeVisible();
  await page.getByRole('tab', { name: 'Raw JSONL' }).click();
  await expect(page.getByTestId('raw-editor').locator('.cm-content')).toBeVisible();
  await page.getByTestId('raw-editor').locator('.cm-content').click();
  await page.keyboard.press('Control+f');
  await expect(page.getByRole('textbox', { name: 'Find' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Statistics' }).click();
  await expect(page.getByText(/Counting tokens/)).toHaveCount(0);
  await page.getByLabel('Model', { exact: true }).selectOption('gpt-3.5-turbo-0125');
  await expect(page.getByText(/Counting tokens/)).toHaveCount(0);
  await page.getByRole('tab', { name: 'Train' }).click();
  await expect(page.getByLabel(/API key/).first()).toBeVisible();
  await page.keyboard.press('Shift+?');
  expect(await violations()).toEqual([]);
});

test.describe('a provoked violation', () => {
  test.use({ allowCspViolations: true }); // this test trips the policy on purpose (tests/e2e/fixtures.ts)

  test('a request to an origin the policy does not list is refused, and the app reports it as "CSP violation:"', async ({ page }) => {
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await openApp(page);
    const outcome = await page.evaluate(() =>
      fetch('https://example.com/v1/models').then(
        () => 'fetched',
        (e: Error) => e.name,
      ),
    );
    expect(outcome).toBe('TypeError');
    await expect.poll(() => errors.find((e) => e.startsWith('CSP violation:'))).toBe('CSP violation: connect-src blocked https://example.com/v1/models');
  });
});
