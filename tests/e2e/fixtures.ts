// Every browser test fails on a Content-Security-Policy violation: specs import `test` (and anything else they used
// from '@playwright/test') from here. An automatic fixture records, in every page of the test's context,
// `securitypolicyviolation` events (from the first script on, reloads included) and console messages about the
// policy ("… violates the following Content Security Policy directive …", the app's own "CSP violation: …"), and
// asserts after the test that there were none. A test that provokes one on purpose sets
// `test.use({ allowCspViolations: true })`.
// Likewise no test may see a native dialog (alert, confirm, prompt): the app asks in its own dialogs. Any one that
// opens, in any page of the test's context, is dismissed (so the test does not hang) and fails the test. The
// browser's "Leave site?" (beforeunload, asked while changes are unsaved) is allowed.
import { test as base, expect, type Dialog } from '@playwright/test';

export * from '@playwright/test';

/** Name of the binding the init script reports through (exposed by Playwright, outside the page's CSP). */
const BINDING = '__tunesetReportCsp';

export const test = base.extend<{ allowCspViolations: boolean; cspGuard: void; nativeDialogGuard: void }>({
  allowCspViolations: [false, { option: true }],
  cspGuard: [
    async ({ context, allowCspViolations }, use, testInfo) => {
      const seen: string[] = [];
      await context.exposeBinding(BINDING, ({ page }, text: string) => {
        seen.push(`${text} (on ${page?.url() ?? '?'})`);
      });
      await context.addInitScript((binding: string) => {
        document.addEventListener('securitypolicyviolation', (e) => {
          const report = (window as unknown as Record<string, (t: string) => Promise<void>>)[binding];
          void report?.(
            `securitypolicyviolation: ${e.effectiveDirective} blocked ${e.blockedURI || 'inline'}${e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}` : ''}`,
          );
        });
      }, BINDING);
      const onConsole = (m: { type(): string; text(): string }) => {
        if (m.type() === 'error' && /Content Security Policy|CSP violation/i.test(m.text())) seen.push(`console.error: ${m.text()}`);
      };
      context.on('console', onConsole);
      await use();
      context.off('console', onConsole);
      if (allowCspViolations) return;
      if (seen.length) await testInfo.attach('csp-violations', { body: seen.join('\n'), contentType: 'text/plain' });
      expect(seen, 'Content-Security-Policy violations during the test').toEqual([]);
    },
    { auto: true },
  ],
  nativeDialogGuard: [
    async ({ context }, use, testInfo) => {
      const seen: string[] = [];
      const onDialog = (d: Dialog) => {
        // "Leave site?" (beforeunload) is the browser's own guard for unsaved work, not a question the app could ask
        // in a dialog of its own: allowed, and left as Playwright leaves it without a listener (leave the page).
        // Answered a moment later, so that a test's own handler answers first.
        const leave = d.type() === 'beforeunload';
        if (!leave) seen.push(`${d.type()}: ${d.message()}`);
        setTimeout(() => (leave ? d.accept() : d.dismiss()).catch(() => {}), 0);
      };
      context.on('dialog', onDialog);
      await use();
      context.off('dialog', onDialog);
      if (seen.length) await testInfo.attach('native-dialogs', { body: seen.join('\n'), contentType: 'text/plain' });
      expect(seen, 'native dialogs (alert, confirm, prompt) opened during the test').toEqual([]);
    },
    { auto: true },
  ],
});
