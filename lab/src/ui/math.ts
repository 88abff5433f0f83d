/**
 * Equations rendered by KaTeX, with its stylesheet and fonts bundled into the lab (no CDN:
 * the lab works offline). A formula that fails to parse is shown as its source, in red, rather
 * than breaking the page.
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';

/** Renders TeX into `element` (display style by default). */
export function renderMath(element: HTMLElement, tex: string, display = true): void {
  katex.render(tex, element, { displayMode: display, throwOnError: false, output: 'htmlAndMathml' });
}
