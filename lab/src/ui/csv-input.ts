/**
 * "Your data (CSV)": a file picker and a paste box, read in the page (nothing leaves the
 * machine). The text goes through a reader (e.g. `readBinaryPatterns`); a problem is shown
 * under the box as an alert naming the row and column, and the page keeps its current data.
 */
import { type Text, t } from '../i18n.js';
import { CsvError } from './csv.js';
import { h } from './dom.js';

/** Options of {@link csvInput}. */
export interface CsvInputOptions<T> {
  /** The control's name: ids `csv-file-<name>`, `csv-text-<name>`, `csv-use-<name>`, `csv-message-<name>`. */
  name: string;
  title: Text;
  /** What the file must hold. */
  help: Text;
  /** An example to start from (put in the paste box). */
  example: string;
  read(text: string): T;
  /** A successful read; returns the sentence confirming it. */
  accept(value: T, source: string): string;
}

/** The mounted control. */
export interface CsvInput {
  readonly element: HTMLElement;
  /** Reads `text` as if pasted (true on success). */
  load(text: string, source: string): boolean;
}

/** Builds the control. */
export function csvInput<T>(options: CsvInputOptions<T>): CsvInput {
  const { name } = options;
  const message = h('p', { id: `csv-message-${name}`, class: 'csv-message', 'aria-live': 'polite' });
  const textArea = h('textarea', {
    id: `csv-text-${name}`,
    rows: 4,
    spellcheck: 'false',
    class: 'csv-text',
  });
  textArea.value = options.example;
  const load = (text: string, source: string): boolean => {
    try {
      const value = options.read(text);
      const confirmation = options.accept(value, source);
      message.className = 'csv-message csv-ok';
      message.setAttribute('role', 'status');
      message.textContent = confirmation;
      return true;
    } catch (error) {
      const detail = error instanceof CsvError || error instanceof Error ? error.message : String(error);
      message.className = 'csv-message csv-error notice notice-error';
      message.setAttribute('role', 'alert');
      message.textContent = `${t({ en: 'Your data were not loaded', zh: '数据未载入' })} (${source}): ${detail}`;
      return false;
    }
  };
  const fileInput = h('input', {
    type: 'file',
    id: `csv-file-${name}`,
    accept: '.csv,.txt,.tsv,text/csv,text/plain',
  });
  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (!file) return;
    file.text().then(
      (text) => load(text, file.name),
      (error: Error) => {
        message.className = 'csv-message csv-error notice notice-error';
        message.setAttribute('role', 'alert');
        message.textContent = `${file.name}: ${error.message}`;
      },
    );
  });
  const useButton = h(
    'button',
    {
      type: 'button',
      id: `csv-use-${name}`,
      onclick: () => load(textArea.value, t({ en: 'pasted', zh: '粘贴' })),
    },
    t({ en: 'Use the pasted data', zh: '使用粘贴的数据' }),
  );
  const element = h(
    'fieldset',
    { class: 'csv-input' },
    h('legend', {}, t(options.title)),
    h('p', { class: 'csv-help' }, t(options.help)),
    h(
      'div',
      { class: 'control' },
      h('label', { for: `csv-file-${name}` }, t({ en: 'CSV file', zh: 'CSV 文件' })),
      fileInput,
    ),
    h(
      'div',
      { class: 'control' },
      h('label', { for: `csv-text-${name}` }, t({ en: 'or paste it here', zh: '或粘贴到这里' })),
      textArea,
    ),
    useButton,
    message,
  );
  return { element, load };
}
