/**
 * English and Chinese text. Every string shown to a user is a `Text` (both languages side by
 * side, so a missing translation is a type error) or a key of the shared dictionary below.
 * The language is part of the permalink (`lang=en|zh`) and remembered in localStorage.
 */

/** The languages of the lab. */
export type Language = 'en' | 'zh';

/** A string in both languages. */
export interface Text {
  en: string;
  zh: string;
}

const dictionary = {
  home: { en: 'Home', zh: '首页' },
  switchLanguage: { en: '中文', zh: 'English' },
  footer: {
    en: 'Runs the physml library in your browser; nothing leaves this machine.',
    zh: '在浏览器中运行 physml 库；数据不会离开本机。',
  },
  skip: { en: 'Skip to content', zh: '跳到正文' },
  run: { en: 'Run', zh: '运行' },
  pause: { en: 'Pause', zh: '暂停' },
  reset: { en: 'Reset', zh: '重置' },
  step: { en: 'Step', zh: '单步' },
  controls: { en: 'Controls', zh: '控制' },
  equation: { en: 'Governing equation', zh: '控制方程' },
  permalink: { en: 'Permalink', zh: '永久链接' },
  permalinkHint: {
    en: 'The parameters and the seed of this view; open it to reproduce it.',
    zh: '本视图的参数与随机种子；打开即可重现。',
  },
  exportPng: { en: 'Figure (PNG)', zh: '图像 (PNG)' },
  exportSvg: { en: 'Chart (SVG)', zh: '曲线 (SVG)' },
  exportJson: { en: 'Numbers (JSON)', zh: '数据 (JSON)' },
  exports: { en: 'Export', zh: '导出' },
  seed: { en: 'Seed', zh: '随机种子' },
  essays: { en: 'Seed essays', zh: '源文章' },
  notYet: { en: 'not yet in physml', zh: 'physml 尚未实现' },
  coming: { en: 'coming', zh: '即将推出' },
  ready: { en: 'explorable', zh: '可交互' },
  loading: { en: 'Loading…', zh: '加载中…' },
  unknownPage: { en: 'There is no such page.', zh: '没有这个页面。' },
  pageFailed: { en: 'This page failed to load:', zh: '页面加载失败：' },
  noFiniteData: {
    en: 'No finite values to draw yet.',
    zh: '暂无可绘制的有限数值。',
  },
  step_: { en: 'step', zh: '步' },
  sweep: { en: 'sweep', zh: '扫描' },
  running: { en: 'running', zh: '运行中' },
  paused: { en: 'paused', zh: '已暂停' },
} satisfies Record<string, Text>;

/** A key of the shared dictionary. */
export type TextKey = keyof typeof dictionary;

let current: Language = 'en';

/** The language in use. */
export function language(): Language {
  return current;
}

/** Sets the language (the caller re-renders). */
export function setLanguage(next: Language): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  try {
    localStorage.setItem('physml-lab-language', next);
  } catch {
    // Storage may be unavailable (private mode); the permalink still carries the language.
  }
}

/** The language a first visit starts in: the stored choice, else the browser's. */
export function preferredLanguage(): Language {
  try {
    const stored = localStorage.getItem('physml-lab-language');
    if (stored === 'en' || stored === 'zh') return stored;
  } catch {
    // Fall through to the browser's language.
  }
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A `Text` or dictionary key in the current language. */
export function t(text: Text | TextKey): string {
  const entry = typeof text === 'string' ? dictionary[text] : text;
  return entry[current];
}

/** Parses a language name; undefined for anything else. */
export function parseLanguage(value: string | null): Language | undefined {
  return value === 'en' || value === 'zh' ? value : undefined;
}
