// Offline and installed: registers the generated service worker (vite-plugin-pwa, generateSW, registerType
// 'prompt') and reports Content-Security-Policy violations. A new version never takes over by itself: it waits
// until the user clicks "Reload" in the update banner (src/ui/UpdateBanner.svelte, mounted by main.ts).
/// <reference types="vite-plugin-pwa/vanillajs" />
import { registerSW } from 'virtual:pwa-register';
import { z } from 'zod/mini';

// zod compiles object parsers with `new Function` unless told not to, and probes for it when the first object
// schema is built (module load), which the CSP (no 'unsafe-eval') reports as a violation even though zod catches
// it. jitless = the same results without eval. This must run before any schema module loads: main.ts imports
// this module first. The setting lives in zod/v4/core, shared by zod/mini and the classic zod of the lazy Train tab.
z.config({ jitless: true });

/**
 * An update the user can apply. `waiting`: a new service worker is installed and waits; `apply` activates it and
 * reloads this tab. `active`: another tab already activated it; `apply` reloads this tab.
 */
export interface PendingUpdate {
  kind: 'waiting' | 'active';
  apply: () => void;
}

/**
 * Registers the service worker (production builds only: `vite dev` has none) and calls `onUpdate` when a new
 * version is ready. The page reloads only after `apply()`, and only the tab whose user asked for it reloads.
 */
export function registerServiceWorker(onUpdate: (update: PendingUpdate) => void): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  let requested = false;
  const updateSW = registerSW({
    onNeedRefresh() {
      onUpdate({
        kind: 'waiting',
        apply: () => {
          requested = true;
          // onNeedReload is not called when this page was not yet controlled at load (an update found during the
          // very first visit): reload on the controller change itself.
          navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
          void updateSW(true);
        },
      });
    },
    // The new worker took control (after skipWaiting). Without this callback every open tab would reload at once,
    // including one where the user is typing: only the tab that asked reloads, the others offer it.
    onNeedReload() {
      if (requested) location.reload();
      else onUpdate({ kind: 'active', apply: () => location.reload() });
    },
    onRegisterError(error: unknown) {
      console.warn('Tuneset: the service worker could not be registered; the app works but not offline.', error);
    },
  });
}

/** Logs every Content-Security-Policy violation as "CSP violation: <directive> blocked <URI>" (tests watch for it). */
export function reportCspViolations(target: EventTarget = document): void {
  target.addEventListener('securitypolicyviolation', (event) => {
    const e = event as SecurityPolicyViolationEvent;
    const where = e.sourceFile ? ` (${e.sourceFile}:${e.lineNumber}:${e.columnNumber})` : '';
    console.error(`CSP violation: ${e.effectiveDirective || e.violatedDirective} blocked ${e.blockedURI || 'inline'}${where}`);
  });
}
