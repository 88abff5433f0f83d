/**
 * The page of a mechanism without an explorable yet: it says plainly whether the library has
 * the mechanism (the page is coming) or not (not yet in physml), and shows nothing fake.
 */
import { t } from '../i18n.js';
import type { MountedPage, PageContext } from '../page.js';
import { ESSAYS, type PageEntry } from '../pages.js';
import { h } from '../ui/dom.js';

/** Renders the status page of `entry`. */
export function mountStatusPage(context: PageContext, entry: PageEntry): MountedPage {
  const notYet = entry.status === 'not-in-library';
  const message = notYet
    ? t({
        en: 'This mechanism is not yet in physml. The page will be added when the library has it; until then there is nothing to run here, and nothing is simulated in its place.',
        zh: 'physml 尚未实现这一机制。库中加入后会添加本页面；在此之前这里没有可运行的内容，也不会用假数据代替。',
      })
    : t({
        en: 'The library already has this mechanism; its explorable page is coming. Meanwhile it runs from the command line (physml list).',
        zh: '库中已有这一机制，交互页面即将推出。目前可以在命令行中运行（physml list）。',
      });
  const essays = ESSAYS.filter((essay) => entry.essays.includes(essay.id));
  context.root.append(
    h(
      'article',
      { class: 'status-page', 'data-page': entry.id, 'data-status': entry.status },
      h('p', {}, h('a', { href: '#/' }, `← ${t('home')}`)),
      h(
        'h1',
        {},
        t(entry.title),
        ' ',
        h('span', { class: `badge badge-${entry.status}` }, t(notYet ? 'notYet' : 'coming')),
      ),
      h('p', { class: 'lead' }, t(entry.summary)),
      h('div', { class: 'notice notice-info', role: 'status' }, message),
      h('h2', {}, t('essays')),
      h('ul', {}, ...essays.map((essay) => h('li', {}, `${essay.id}: ${t(essay.title)}`))),
    ),
  );
  return { destroy() {} };
}
