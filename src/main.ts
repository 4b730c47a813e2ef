// ./lib/pwa first: it switches zod to jitless (no eval, see there) before any schema is built.
import { registerServiceWorker, reportCspViolations } from './lib/pwa';
import { mount, unmount } from 'svelte';
import App from './App.svelte';
import { initialLocale } from './lib/state/settings.svelte';
import { loadChinese } from './lib/i18n/load';
import UpdateBanner from './ui/UpdateBanner.svelte';
import './app.css';

reportCspViolations();
// A Chinese page loads its texts before the first render (an English page never downloads them).
const ready = initialLocale() === 'zh' ? loadChinese().catch(() => undefined) : Promise.resolve();
void ready.then(() => mount(App, { target: document.getElementById('app')! }));

// Offline support; a new version is offered in a banner of its own (outside App), applied only on click.
let banner: ReturnType<typeof mount> | undefined;
const bannerTarget = document.createElement('div');
registerServiceWorker((update) => {
  if (!bannerTarget.isConnected) document.body.append(bannerTarget);
  if (banner) void unmount(banner);
  banner = mount(UpdateBanner, { target: bannerTarget, props: { update } });
});
