/**
 * The run controls of a page whose computation lives in a worker: Run/Pause, Step and Reset
 * buttons, and the page state in `data-state` on the article (`running`, `paused`, or, when the
 * engine stopped by itself, `finished` or `diverged`), which the browser tests wait on. A
 * speed cap select (`rate`) is offered for dynamics worth watching slowly.
 */
import { type Text, t } from '../i18n.js';
import { button, select } from './controls.js';
import { h } from './dom.js';

/** What the buttons drive (a `LiveClient`, or two of them). */
export interface RunTarget {
  setRunning(running: boolean): void;
  advance(units: number): void;
}

/** How a computation ended by itself. */
export type HaltKind = 'finished' | 'diverged';

/** Options of {@link runButtons}. */
export interface RunButtonsOptions {
  target: RunTarget;
  article: HTMLElement;
  running: boolean;
  step: { label: Text; units: number };
  reset: { label: Text; run(): void };
  /** Run pressed after the engine halted: start afresh (default: `reset.run`). */
  restart?(): void;
}

/** The mounted buttons. */
export interface RunButtons {
  readonly element: HTMLElement;
  readonly running: boolean;
  /** Sets running or paused (and tells the target). */
  setRunning(running: boolean): void;
  /** The engine stopped by itself (null: it is fine again, e.g. after a reset). */
  halted(kind: HaltKind | null): void;
}

/** Run/Pause, Step and Reset. */
export function runButtons(options: RunButtonsOptions): RunButtons {
  let running = options.running;
  let halt: HaltKind | null = null;
  const sync = () => {
    options.article.dataset.state = halt ?? (running ? 'running' : 'paused');
    runButton.textContent = running && halt === null ? t('pause') : t('run');
  };
  const runButton = button('run', t('pause'), () => {
    if (halt !== null) {
      (options.restart ?? options.reset.run)();
      buttons.setRunning(true);
      return;
    }
    buttons.setRunning(!running);
  });
  const stepButton = button('step', options.step.label, () => {
    if (halt === null) options.target.advance(options.step.units);
  });
  const resetButton = button('reset', options.reset.label, () => options.reset.run());
  const buttons: RunButtons = {
    element: h('div', { class: 'control-row buttons' }, runButton, stepButton, resetButton),
    get running() {
      return running;
    },
    setRunning(next) {
      running = next;
      options.target.setRunning(next);
      sync();
    },
    halted(kind) {
      // The worker stops itself when its engine halts: once the cause is gone, Run resumes.
      if (kind !== null) running = false;
      halt = kind;
      sync();
    },
  };
  sync();
  return buttons;
}

/** The speed caps offered: units per second, or none. */
export const RATE_CHOICES = ['1', '10', '100', '1000', '10000', 'max'] as const;
export type RateChoice = (typeof RATE_CHOICES)[number];

/** The cap of a choice (null: none). */
export function rateOf(choice: string): number | null {
  return choice === 'max' ? null : Number(choice);
}

/** A select of speed caps, `unit` naming what is counted (sweeps, minibatches). */
export function rateSelect(options: {
  value: string;
  unit: Text;
  choices?: readonly string[];
  onChange(value: string): void;
}): { element: HTMLElement; input: HTMLSelectElement } {
  const choices = options.choices ?? RATE_CHOICES;
  return select({
    name: 'rate',
    label: { en: 'Speed', zh: '速度' },
    options: choices.map((choice) => ({
      value: choice,
      label:
        choice === 'max'
          ? { en: 'as fast as it goes', zh: '全速' }
          : {
              en: `at most ${choice} ${options.unit.en} per second`,
              zh: `每秒至多 ${choice} ${options.unit.zh}`,
            },
    })),
    value: options.value,
    onChange: options.onChange,
  });
}
