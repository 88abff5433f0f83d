/**
 * The home page: the one idea behind physml, then every explorable grouped by the seed essay
 * it illustrates, with its state (explorable, coming, not yet in physml). It imports no page,
 * no chart and no math renderer, so the first load stays small.
 */
import { t } from '../i18n.js';
import type { MountedPage, PageContext } from '../page.js';
import { ESSAYS, PAGES, type PageEntry } from '../pages.js';
import { h } from '../ui/dom.js';

function badge(entry: PageEntry): HTMLElement {
  const key = entry.status === 'ready' ? 'ready' : entry.status === 'coming' ? 'coming' : 'notYet';
  return h('span', { class: `badge badge-${entry.status}` }, t(key));
}

function card(entry: PageEntry): HTMLElement {
  return h(
    'li',
    { class: `card card-${entry.status}` },
    h('a', { href: `#/${entry.id}`, class: 'card-link', 'data-page': entry.id }, t(entry.title)),
    ' ',
    badge(entry),
    h('p', {}, t(entry.summary)),
  );
}

/** Renders the home page. */
export function mountHome(context: PageContext): MountedPage {
  const intro = h(
    'section',
    { class: 'intro' },
    h('h1', {}, t({ en: 'The physics of learning, runnable', zh: '可运行的学习物理学' })),
    h(
      'p',
      {},
      t({
        en: 'A model is an energy U(x). An optimizer or a sampler is a dynamics on U. Temperature T decides which: at T = 0 the dynamics descends, at T > 0 it samples p(x) ∝ exp(−U(x)/T). Every page runs the physml library itself, in your browser, and checks it against exact physics where it can.',
        zh: '模型就是能量 U(x)，优化器或采样器就是 U 上的动力学。温度 T 决定是哪一种：T = 0 时动力学下降，T > 0 时它按 p(x) ∝ exp(−U(x)/T) 采样。每个页面都在浏览器中直接运行 physml 库，并尽可能与精确物理结果对照。',
      }),
    ),
  );
  const groups = ESSAYS.map((essay) =>
    h(
      'section',
      { class: 'essay', 'aria-labelledby': `essay-${essay.id}` },
      h('h2', { id: `essay-${essay.id}` }, h('span', { class: 'essay-id' }, essay.id), ' ', t(essay.title)),
      h('ul', { class: 'cards' }, ...PAGES.filter((page) => page.essays.includes(essay.id)).map(card)),
    ),
  );
  context.root.append(intro, h('h2', { class: 'visually-hidden' }, t('essays')), ...groups);
  return { destroy() {} };
}
