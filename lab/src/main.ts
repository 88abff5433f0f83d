/**
 * The lab's shell: a hash router (`#/<page>?<parameters>`), the language switch, and lazy
 * loading of pages. The language travels in the permalink as `lang`; everything else in the
 * query belongs to the page.
 */
import './style.css';
import { type Language, language, parseLanguage, preferredLanguage, setLanguage, t } from './i18n.js';
import type { MountedPage, PageModule } from './page.js';
import { mountHome } from './pages/home.js';
import { mountStatusPage } from './pages/status.js';
import { findPage } from './pages.js';
import { parseRoute, routeHash } from './params.js';

const root = document.getElementById('page') as HTMLElement;
const toggle = document.getElementById('language-toggle') as HTMLButtonElement;
let mounted: MountedPage | undefined;
/** Bumped on every navigation, so a page that finishes loading late is not mounted over a newer one. */
let generation = 0;

function fullHash(page: string, query: URLSearchParams): string {
  const withLanguage = new URLSearchParams(query);
  withLanguage.delete('lang');
  withLanguage.set('lang', language());
  return routeHash(page, withLanguage);
}

function renderChrome(): void {
  toggle.textContent = t('switchLanguage');
  toggle.setAttribute('aria-label', language() === 'en' ? '切换到中文' : 'Switch to English');
  const footer = document.getElementById('footer-text');
  if (footer) footer.textContent = t('footer');
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('skip');
}

function showError(message: string): void {
  root.replaceChildren();
  const box = document.createElement('div');
  box.className = 'notice notice-error';
  box.setAttribute('role', 'alert');
  box.textContent = message;
  root.append(box);
}

async function navigate(): Promise<void> {
  const current = ++generation;
  const route = parseRoute(location.hash);
  const requested = parseLanguage(route.query.get('lang'));
  if (requested && requested !== language()) setLanguage(requested);
  renderChrome();
  route.query.delete('lang');
  mounted?.destroy();
  mounted = undefined;
  root.replaceChildren();
  const context = {
    root,
    query: route.query,
    setQuery(query: URLSearchParams): string {
      const hash = fullHash(route.page, query);
      history.replaceState(null, '', hash);
      return location.href;
    },
  };
  if (route.page === 'home') {
    mounted = mountHome(context);
    document.title = 'physml lab';
    return;
  }
  const entry = findPage(route.page);
  if (entry === undefined) {
    showError(`${t('unknownPage')} (${route.page})`);
    return;
  }
  document.title = `${entry.title[language()]} · physml lab`;
  if (entry.status !== 'ready' || entry.load === undefined) {
    mounted = mountStatusPage(context, entry);
    return;
  }
  const loading = document.createElement('p');
  loading.className = 'loading';
  loading.textContent = t('loading');
  root.append(loading);
  let module: PageModule;
  try {
    module = await entry.load();
  } catch (error) {
    if (current === generation) showError(`${t('pageFailed')} ${(error as Error).message}`);
    return;
  }
  if (current !== generation) return;
  root.replaceChildren();
  mounted = module.mount(context);
}

toggle.addEventListener('click', () => {
  const next: Language = language() === 'en' ? 'zh' : 'en';
  setLanguage(next);
  const route = parseRoute(location.hash);
  route.query.set('lang', next);
  // A new hash re-renders the page in the other language from its permalink parameters.
  location.hash = routeHash(route.page, route.query);
});

window.addEventListener('hashchange', () => void navigate());
setLanguage(parseLanguage(parseRoute(location.hash).query.get('lang')) ?? preferredLanguage());
void navigate();
