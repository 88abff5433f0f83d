/**
 * Labelled, keyboard-accessible controls: sliders (linear or logarithmic, with marks such as
 * 2/λmax or T_c drawn on the track), selects, number fields and buttons. Every control has an
 * id (`control-<name>`) and a visible <label>, and reports its value through a callback.
 */
import { type Text, t } from '../i18n.js';
import { h } from './dom.js';

/** Three significant digits, without trailing zeros (0.2, 1.5e-3). */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const size = Math.abs(value);
  if (size !== 0 && (size >= 1e5 || size < 1e-3)) return value.toExponential(2).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(3)));
}

/** A mark on a slider's track. */
export interface SliderMark {
  value: number;
  label: string;
  /** `'danger'` draws the mark in the warning colour (a stability bound). */
  tone?: 'danger' | 'info';
}

/** Options of {@link slider}. */
export interface SliderOptions {
  /** The control's name: the input gets the id `control-<name>`. */
  name: string;
  label: Text;
  min: number;
  max: number;
  value: number;
  /** Linear sliders: the step (default (max − min)/100). Log sliders move in 1/200 of a decade. */
  step?: number;
  scale?: 'linear' | 'log';
  format?: (value: number) => string;
  onInput(value: number): void;
  marks?: SliderMark[];
}

/** A slider and its current value. */
export interface Slider {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  value: number;
  /** Sets the value without calling `onInput`. */
  set(value: number): void;
  setMarks(marks: SliderMark[]): void;
  setDisabled(disabled: boolean): void;
}

const logResolution = 1000;

/** A labelled range input with its value shown beside it. */
export function slider(options: SliderOptions): Slider {
  const { name, min, max, scale = 'linear' } = options;
  const format = options.format ?? formatValue;
  const id = `control-${name}`;
  const logMin = Math.log10(min);
  const logMax = Math.log10(max);
  const toPosition = (value: number) =>
    scale === 'log' ? Math.round(((Math.log10(value) - logMin) / (logMax - logMin)) * logResolution) : value;
  const fromPosition = (position: number) =>
    scale === 'log'
      ? Number((10 ** (logMin + (position / logResolution) * (logMax - logMin))).toPrecision(3))
      : position;
  const fraction = (value: number) =>
    scale === 'log' ? (Math.log10(value) - logMin) / (logMax - logMin) : (value - min) / (max - min);
  const input = h('input', {
    type: 'range',
    id,
    name,
    min: scale === 'log' ? 0 : min,
    max: scale === 'log' ? logResolution : max,
    step: scale === 'log' ? 1 : (options.step ?? (max - min) / 100),
  });
  const output = h('output', { for: id, id: `${id}-value` });
  const marks = h('div', { class: 'slider-marks', 'aria-hidden': 'true' });
  const element = h(
    'div',
    { class: 'control control-slider' },
    h('label', { for: id }, t(options.label)),
    output,
    h('div', { class: 'slider-track' }, input, marks),
  );
  const state: Slider = {
    element,
    input,
    value: options.value,
    set(value: number) {
      state.value = value;
      input.value = String(toPosition(value));
      output.textContent = format(value);
      input.setAttribute('aria-valuetext', format(value));
    },
    setMarks(list: SliderMark[]) {
      marks.replaceChildren(
        ...list
          .filter(
            (mark) => Number.isFinite(mark.value) && fraction(mark.value) >= 0 && fraction(mark.value) <= 1,
          )
          .map((mark) =>
            h(
              'span',
              {
                class: `slider-mark slider-mark-${mark.tone ?? 'info'}`,
                style: `left: ${(100 * fraction(mark.value)).toFixed(2)}%`,
                title: mark.label,
              },
              mark.label,
            ),
          ),
      );
      const description = list.map((mark) => mark.label).join('; ');
      if (description) input.setAttribute('aria-description', description);
    },
    setDisabled(disabled: boolean) {
      input.disabled = disabled;
      element.classList.toggle('control-disabled', disabled);
    },
  };
  input.addEventListener('input', () => {
    const value = fromPosition(Number(input.value));
    state.value = value;
    output.textContent = format(value);
    input.setAttribute('aria-valuetext', format(value));
    options.onInput(value);
  });
  state.set(options.value);
  state.setMarks(options.marks ?? []);
  return state;
}

/** Options of {@link select}. */
export interface SelectOptions {
  name: string;
  label: Text;
  options: ReadonlyArray<{ value: string; label: Text }>;
  value: string;
  onChange(value: string): void;
}

/** A labelled <select>. */
export function select(options: SelectOptions): { element: HTMLElement; input: HTMLSelectElement } {
  const id = `control-${options.name}`;
  const input = h(
    'select',
    { id, name: options.name },
    ...options.options.map((option) => h('option', { value: option.value }, t(option.label))),
  );
  input.value = options.value;
  input.addEventListener('change', () => options.onChange(input.value));
  const element = h(
    'div',
    { class: 'control control-select' },
    h('label', { for: id }, t(options.label)),
    input,
  );
  return { element, input };
}

/** Options of {@link numberField}. */
export interface NumberFieldOptions {
  name: string;
  label: Text;
  min: number;
  max: number;
  step?: number;
  value: number;
  integer?: boolean;
  onChange(value: number): void;
}

/**
 * A labelled number input. A value out of range or not a number is refused with a message
 * naming the allowed range (shown by the browser's validation and in `title`).
 */
export function numberField(options: NumberFieldOptions): { element: HTMLElement; input: HTMLInputElement } {
  const id = `control-${options.name}`;
  const input = h('input', {
    type: 'number',
    id,
    name: options.name,
    min: options.min,
    max: options.max,
    step: options.step ?? (options.integer ? 1 : 'any'),
    value: options.value,
    inputmode: options.integer ? 'numeric' : 'decimal',
  });
  input.addEventListener('change', () => {
    const value = Number(input.value);
    const valid =
      input.value.trim() !== '' &&
      Number.isFinite(value) &&
      value >= options.min &&
      value <= options.max &&
      (!options.integer || Number.isInteger(value));
    const message = valid
      ? ''
      : `${t(options.label)}: ${options.integer ? 'an integer' : 'a number'} in [${options.min}, ${options.max}]`;
    input.setCustomValidity(message);
    input.title = message;
    if (valid) options.onChange(value);
    else input.reportValidity();
  });
  const element = h(
    'div',
    { class: 'control control-number' },
    h('label', { for: id }, t(options.label)),
    input,
  );
  return { element, input };
}

/** A button with a visible label. */
export function button(name: string, label: Text | string, onClick: () => void): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', id: `control-${name}`, onclick: () => onClick() },
    typeof label === 'string' ? label : t(label),
  );
}

/** A labelled read-out (`<dt>`/`<dd>`), with the exact number in `data-value`. */
export function readout(
  name: string,
  label: Text,
): { element: HTMLElement; set(value: number | string): void } {
  const value = h('dd', { id: `readout-${name}`, 'data-value': '' }, '—');
  return {
    element: h('div', { class: 'readout' }, h('dt', {}, t(label)), value),
    set(next: number | string) {
      value.dataset.value = String(next);
      value.textContent = typeof next === 'number' ? formatValue(next) : next;
    },
  };
}

/** Options of {@link checkbox}. */
export interface CheckboxOptions {
  name: string;
  label: Text;
  value: boolean;
  onChange(value: boolean): void;
}

/** A labelled checkbox (the label wraps the box, so clicking the text toggles it). */
export function checkbox(options: CheckboxOptions): { element: HTMLElement; input: HTMLInputElement } {
  const id = `control-${options.name}`;
  const input = h('input', { type: 'checkbox', id, name: options.name });
  input.checked = options.value;
  input.addEventListener('change', () => options.onChange(input.checked));
  const element = h(
    'div',
    { class: 'control control-checkbox' },
    h('label', { for: id }, input, ` ${t(options.label)}`),
  );
  return { element, input };
}
