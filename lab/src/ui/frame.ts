/**
 * The frame every explorable shares: title, summary and essays; the governing equation
 * (KaTeX); a controls column and a figures column; notices (explained states such as a
 * divergence, announced to screen readers); read-outs; the permalink and the export buttons.
 * It also owns the page's parameters: reading them from the URL, and writing every change
 * back so that the permalink always reproduces the current view.
 */
import { type Text, type TextKey, t } from '../i18n.js';
import type { PageContext } from '../page.js';
import { ESSAYS, findPage } from '../pages.js';
import { type ParamSpecs, type ParamValues, readParams, writeParams } from '../params.js';
import { h } from './dom.js';
import { renderMath } from './math.js';

/** Options of {@link createFrame}. */
export interface FrameOptions<S extends ParamSpecs> {
  context: PageContext;
  /** The page id (`#/<id>`); title, summary and essays come from the page list. */
  pageId: string;
  /** The governing equation, in TeX. */
  equation: string;
  /** One sentence under the equation: what its symbols are. */
  equationNote?: Text;
  /** The page's permalink parameters. */
  specs: S;
  /**
   * Extra permalink entries written after the parameters (e.g. a user's small data set); read
   * back by the page itself from `context.query`.
   */
  extraQuery?: () => Record<string, string>;
}

/** The kinds of notice. */
export type NoticeKind = 'error' | 'warning' | 'info';

/** A mounted frame. */
export interface Frame<S extends ParamSpecs> {
  readonly article: HTMLElement;
  readonly controls: HTMLElement;
  readonly figures: HTMLElement;
  readonly readouts: HTMLElement;
  /** The current parameters (mutated by `update`). */
  readonly values: ParamValues<S>;
  /** Changes parameters and rewrites the URL and the permalink. */
  update(patch: Partial<ParamValues<S>>): void;
  /** Shows (text) or removes (null) the notice `key`. */
  notice(key: string, kind: NoticeKind, text: string | null): void;
  /** Adds an export button. */
  addExport(name: string, label: TextKey | Text, run: () => void): void;
  /** The full permalink of the current view. */
  readonly permalink: string;
}

/** Builds the frame into `options.context.root`. */
export function createFrame<S extends ParamSpecs>(options: FrameOptions<S>): Frame<S> {
  const { context, pageId, specs } = options;
  const entry = findPage(pageId);
  const { values, problems } = readParams(specs, context.query);
  const equation = h('div', { class: 'equation-body' });
  renderMath(equation, options.equation);
  const controls = h('form', {
    class: 'controls',
    'aria-label': t('controls'),
    onsubmit: (event: Event) => event.preventDefault(),
  });
  const notices = h('div', { class: 'notices', 'aria-live': 'polite' });
  const figures = h('div', { class: 'figures' });
  const readouts = h('dl', { class: 'readouts' });
  const link = h('a', { id: 'permalink', href: '#' }, t('permalink'));
  const exports = h('div', { class: 'exports', role: 'group', 'aria-label': t('exports') });
  const essays = ESSAYS.filter((essay) => entry?.essays.includes(essay.id));
  const article = h(
    'article',
    { class: 'lab-page', 'data-page': pageId },
    h(
      'header',
      { class: 'page-header' },
      h('p', { class: 'breadcrumb' }, h('a', { href: '#/' }, `← ${t('home')}`)),
      h('h1', {}, entry ? t(entry.title) : pageId),
      entry ? h('p', { class: 'lead' }, t(entry.summary)) : null,
      h(
        'p',
        { class: 'essays' },
        `${t('essays')}: `,
        ...essays.map((essay, index) =>
          h('span', { class: 'essay-tag', title: t(essay.title) }, `${index > 0 ? ', ' : ''}${essay.id}`),
        ),
      ),
    ),
    h(
      'section',
      { class: 'equation', 'aria-label': t('equation') },
      equation,
      options.equationNote ? h('p', { class: 'equation-note' }, t(options.equationNote)) : null,
    ),
    h(
      'div',
      { class: 'workspace' },
      controls,
      h('section', { class: 'figure-column' }, notices, figures, readouts),
    ),
    h(
      'footer',
      { class: 'page-tools' },
      h('p', {}, link, h('span', { class: 'hint' }, ` — ${t('permalinkHint')}`)),
      h('p', {}, `${t('exports')}: `, exports),
    ),
  );
  context.root.append(article);
  let permalink = '';
  const writeUrl = () => {
    const query = writeParams(specs, values);
    for (const [name, value] of Object.entries(options.extraQuery?.() ?? {})) query.set(name, value);
    permalink = context.setQuery(query);
    link.href = permalink;
  };
  const noticeElements = new Map<string, HTMLElement>();
  const frame: Frame<S> = {
    article,
    controls,
    figures,
    readouts,
    values,
    update(patch) {
      Object.assign(values, patch);
      writeUrl();
    },
    notice(key, kind, text) {
      noticeElements.get(key)?.remove();
      noticeElements.delete(key);
      if (text === null) return;
      const element = h(
        'div',
        {
          class: `notice notice-${kind}`,
          'data-notice': key,
          role: kind === 'error' ? 'alert' : 'status',
        },
        text,
      );
      noticeElements.set(key, element);
      notices.append(element);
    },
    addExport(name, label, run) {
      exports.append(h('button', { type: 'button', id: `export-${name}`, onclick: () => run() }, t(label)));
    },
    get permalink() {
      return permalink;
    },
  };
  writeUrl();
  if (problems.length > 0) {
    frame.notice(
      'permalink',
      'warning',
      `${t({ en: 'Some link parameters were out of range and were reset:', zh: '链接中的部分参数超出范围，已重置：' })} ${problems.join('; ')}`,
    );
  }
  return frame;
}
