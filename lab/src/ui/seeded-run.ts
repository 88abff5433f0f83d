/**
 * The "seeded run" panel: a form for an experiment's parameters and seed, the equivalent
 * `physml run` command, a Run button that runs the experiment in a worker with progress, and
 * the metrics (mean ± standard error, and the exact reference) in a table whose cells keep the
 * full-precision numbers in `data-mean` / `data-stderr`. Same parameters and seed as the
 * command, same numbers, bit for bit: the library computes its elementary functions with the
 * portable ones of `src/core/math`, whose last bit does not depend on the JavaScript engine.
 *
 * Besides its fields, a panel may set parameters the user does not edit (`fixed`: the quick
 * settings that keep a browser run short) or computes from the fields (`derived`, e.g. the
 * hidden sizes from a width and a depth); both appear in the command. A page whose own controls
 * correspond to the experiment's parameters passes `pageSettings`, and a button copies them in.
 */
import type { MetricValue, ReferenceValue } from '../../../src/experiments/framework/define.js';
import { type Text, t } from '../i18n.js';
import { ExperimentClient, type ExperimentRun } from '../workers/experiment-client.js';
import type { LabExperiment } from '../workers/experiment-protocol.js';
import { button, formatValue, numberField, select } from './controls.js';
import { h } from './dom.js';

/** A parameter value as the panel passes it to the experiment (lists as `--set a=1,2`). */
export type SeededValue = number | string | boolean | readonly number[];

/** The usual title of the panel. */
export const SEEDED_RUN_TITLE: Text = {
  en: 'Seeded run: the same numbers as the command line',
  zh: '带种子的运行：与命令行完全相同的数值',
};

/** One parameter of the form. */
export interface SeededField {
  /** The permalink name of the field (also the control's name). */
  name: string;
  /**
   * The experiment's parameter it sets (`--set <parameter>=…`); `seed` for the seed. Left out
   * for a field that only feeds `derived`.
   */
  parameter?: string;
  label: Text;
  kind: 'number' | 'integer' | 'enum';
  min?: number;
  max?: number;
  values?: readonly string[];
}

/** Options of {@link seededRunPanel}. */
export interface SeededRunOptions {
  experiment: LabExperiment;
  title: Text;
  description: Text;
  fields: SeededField[];
  /** Current values by field name (read and written by the panel). */
  values: Record<string, number | string | boolean>;
  /** Called when a field changes (to update the permalink). */
  onChange(name: string, value: number | string): void;
  /** Metric names shown first (the rest follow). */
  highlight?: string[];
  /** Parameters always set, whatever the fields say (after the fields in the command). */
  fixed?: Readonly<Record<string, SeededValue>>;
  /** Parameters computed from the field values (between the fields and `fixed` in the command). */
  derived?: (values: Readonly<Record<string, number | string | boolean>>) => Record<string, SeededValue>;
  /**
   * The page's current settings, as values of the panel's fields (by field name), for the
   * parameters the page and the experiment share; adds a button that copies them into the form.
   */
  pageSettings?: () => Record<string, number | string>;
}

/** A mounted panel. */
export interface SeededRunPanel {
  element: HTMLElement;
  /** Runs the experiment with the current values. */
  run(): Promise<void>;
  /** The last result, if any. */
  readonly last: ExperimentRun | undefined;
  /** The experiment's parameters and seed that a run would use now (what the command says). */
  settings(): { parameters: Record<string, SeededValue>; seed: number };
  destroy(): void;
}

function metricCells(value: MetricValue | undefined): [string, string, string, string] {
  if (value === undefined) return ['—', '', '', ''];
  if (typeof value === 'number') return [formatValue(value), '', String(value), ''];
  return [
    `${formatValue(value.mean)} ± ${formatValue(value.stderr)}`,
    '',
    String(value.mean),
    String(value.stderr),
  ];
}

function referenceText(value: ReferenceValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatValue(value);
  return `${formatValue(value.mean)} ± ${formatValue(value.stderr)}`;
}

/** A value as `--set` writes it: lists comma-separated, as the CLI parses them back. */
function commandText(value: SeededValue): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

/** Builds the panel. */
export function seededRunPanel(options: SeededRunOptions): SeededRunPanel {
  const { fields, values } = options;
  const client = new ExperimentClient();
  let last: ExperimentRun | undefined;
  const command = h('pre', { class: 'command', id: `command-${options.experiment}` });
  const progress = h('progress', { id: `progress-${options.experiment}`, max: 1, value: 0, hidden: true });
  const status = h('p', { class: 'run-status', role: 'status', 'aria-live': 'polite' });
  const table = h('table', { class: 'metrics', id: `metrics-${options.experiment}` });
  const settings = () => {
    const parameters: Record<string, SeededValue> = {};
    let seed = 0;
    for (const field of fields) {
      if (field.parameter === 'seed') seed = Number(values[field.name]);
      else if (field.parameter !== undefined) parameters[field.parameter] = values[field.name];
    }
    Object.assign(parameters, options.derived?.(values), options.fixed);
    return { parameters, seed };
  };
  const updateCommand = () => {
    const { parameters, seed } = settings();
    const sets = Object.entries(parameters).map(([name, value]) => `--set ${name}=${commandText(value)}`);
    command.textContent = `physml run ${options.experiment} --seed ${seed} ${sets.join(' ')} --json`;
  };
  /** Each field's input, to show values copied from the page. */
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement>();
  const controls = fields.map((field) => {
    if (field.kind === 'enum') {
      const control = select({
        name: field.name,
        label: field.label,
        options: (field.values ?? []).map((value) => ({ value, label: { en: value, zh: value } })),
        value: String(values[field.name]),
        onChange(value) {
          values[field.name] = value;
          options.onChange(field.name, value);
          updateCommand();
        },
      });
      inputs.set(field.name, control.input);
      return control.element;
    }
    const control = numberField({
      name: field.name,
      label: field.label,
      min: field.min ?? Number.NEGATIVE_INFINITY,
      max: field.max ?? Number.POSITIVE_INFINITY,
      integer: field.kind === 'integer',
      value: Number(values[field.name]),
      onChange(value) {
        values[field.name] = value;
        options.onChange(field.name, value);
        updateCommand();
      },
    });
    inputs.set(field.name, control.input);
    return control.element;
  });
  const copyPageSettings = () => {
    for (const [name, value] of Object.entries(options.pageSettings?.() ?? {})) {
      const input = inputs.get(name);
      if (input === undefined) continue;
      values[name] = value;
      input.value = String(value);
      options.onChange(name, value);
    }
    updateCommand();
  };
  const render = (run: ExperimentRun) => {
    const { metrics, reference } = run.result;
    const names = [
      ...(options.highlight ?? []).filter((name) => name in metrics),
      ...Object.keys(metrics).filter((name) => !(options.highlight ?? []).includes(name)),
    ];
    table.replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, t({ en: 'metric', zh: '指标' })),
          h('th', { scope: 'col' }, t({ en: 'mean ± standard error', zh: '均值 ± 标准误差' })),
          h('th', { scope: 'col' }, t({ en: 'exact reference', zh: '精确参考值' })),
        ),
      ),
      h(
        'tbody',
        {},
        ...names.map((name) => {
          const [text, , mean, stderr] = metricCells(metrics[name]);
          return h(
            'tr',
            { 'data-metric': name, 'data-mean': mean, 'data-stderr': stderr },
            h('th', { scope: 'row' }, name),
            h('td', { class: 'number' }, text),
            h('td', { class: 'number' }, referenceText(reference[name])),
          );
        }),
      ),
    );
    const method = reference.method ?? reference.source;
    status.textContent = `${t({ en: 'Finished in', zh: '完成，用时' })} ${run.seconds.toFixed(2)} s${
      typeof method === 'string' ? ` — ${t({ en: 'reference', zh: '参考' })}: ${method}` : ''
    }`;
  };
  const run = async () => {
    progress.hidden = false;
    progress.value = 0;
    runButton.disabled = true;
    status.textContent = t({ en: 'Running…', zh: '运行中…' });
    const { parameters, seed } = settings();
    try {
      last = await client.run(options.experiment, parameters, seed, (done, total, label) => {
        progress.value = total > 0 ? done / total : 0;
        status.textContent = `${Math.round((100 * done) / Math.max(1, total))}%${label ? ` — ${label}` : ''}`;
      });
      render(last);
      panel.element.dataset.state = 'finished';
    } catch (error) {
      last = undefined;
      table.replaceChildren();
      status.textContent = `${t({ en: 'The run failed:', zh: '运行失败：' })} ${(error as Error).message}`;
      panel.element.dataset.state = 'failed';
    } finally {
      progress.hidden = true;
      runButton.disabled = false;
    }
  };
  const runButton = button(
    `run-${options.experiment}`,
    { en: 'Run seeded experiment', zh: '运行带种子的实验' },
    () => {
      void run();
    },
  );
  updateCommand();
  const panel: SeededRunPanel = {
    element: h(
      'section',
      { class: 'seeded-run', id: `seeded-${options.experiment}`, 'data-state': 'idle' },
      h('h2', {}, t(options.title)),
      h('p', {}, t(options.description)),
      h(
        'fieldset',
        {},
        h('legend', {}, t({ en: 'Parameters', zh: '参数' })),
        ...controls,
        ...(options.pageSettings
          ? [
              button(
                `page-settings-${options.experiment}`,
                { en: 'Use this page’s settings', zh: '采用本页的设置' },
                copyPageSettings,
              ),
            ]
          : []),
        runButton,
      ),
      h('p', {}, t({ en: 'The same run from the command line:', zh: '命令行中的同一次运行：' })),
      command,
      progress,
      status,
      table,
    ),
    run,
    get last() {
      return last;
    },
    settings,
    destroy() {
      client.cancel();
    },
  };
  return panel;
}
