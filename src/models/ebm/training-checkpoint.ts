/**
 * EBM training states as JSON, for checkpoints: parameters, the optimizer's state (whatever
 * records and typed arrays its transformations keep), the replay buffer and the step. The
 * per-step keys are `fold(trainingKey, step)`, so the step and the run's seed restore them.
 *
 * Float64Arrays are written as `{ "float64": [...] }`; `JSON.stringify` writes the shortest
 * decimal that reads back to the same double, so a resumed run continues bit for bit.
 */

import type { EbmState } from './maximum-likelihood.js';
import type { ReplayBuffer } from './replay-buffer.js';

/** The JSON form of an {@link EbmState}. */
export interface EbmStateJson {
  format: 'physml-ebm-state';
  version: 1;
  step: number;
  parameters: number[];
  optimizerState: unknown;
  buffer: { dimension: number; capacity: number; positions: number[] } | null;
}

/** Typed arrays to tagged arrays, recursively; throws on values JSON cannot keep exactly. */
export function encodeTypedArrays(value: unknown, path = 'state'): unknown {
  if (value instanceof Float64Array) {
    const bad = value.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`${path}[${bad}] is ${value[bad]}; only finite values can be checkpointed`);
    return { float64: Array.from(value) };
  }
  if (ArrayBuffer.isView(value))
    throw new Error(`${path}: only Float64Array typed arrays can be checkpointed`);
  if (Array.isArray(value)) return value.map((item, i) => encodeTypedArrays(item, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, encodeTypedArrays(item, `${path}.${name}`)]),
    );
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`${path} is ${value}; only finite numbers can be checkpointed`);
  }
  return value;
}

/** The inverse of {@link encodeTypedArrays}. */
export function decodeTypedArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeTypedArrays);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === 'float64' && Array.isArray(record.float64)) {
      return Float64Array.from(record.float64 as number[]);
    }
    return Object.fromEntries(keys.map((name) => [name, decodeTypedArrays(record[name])]));
  }
  return value;
}

/** The state as a JSON-safe record. */
export function ebmStateToJson<S>(state: EbmState<S>): EbmStateJson {
  return {
    format: 'physml-ebm-state',
    version: 1,
    step: state.step,
    parameters: (encodeTypedArrays(state.parameters, 'parameters') as { float64: number[] }).float64,
    optimizerState: encodeTypedArrays(state.optimizerState, 'optimizerState'),
    buffer:
      state.buffer === null
        ? null
        : {
            dimension: state.buffer.dimension,
            capacity: state.buffer.capacity,
            positions: (encodeTypedArrays(state.buffer.positions, 'buffer') as { float64: number[] }).float64,
          },
  };
}

function finiteArray(value: unknown, name: string, length?: number): Float64Array {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    throw new Error(
      `EBM checkpoint ${name} must be an array${length === undefined ? '' : ` of ${length} numbers`}`,
    );
  }
  const out = Float64Array.from(value as number[]);
  const bad = out.findIndex((v, i) => !Number.isFinite(v) || typeof value[i] !== 'number');
  if (bad >= 0) throw new Error(`EBM checkpoint ${name}[${bad}] must be a finite number`);
  return out;
}

/**
 * The state from {@link ebmStateToJson}'s record. `parameterCount` is checked; the optimizer
 * state is trusted to match the optimizer (it was written by the same experiment).
 */
export function ebmStateFromJson<S>(json: unknown, parameterCount: number): EbmState<S> {
  if (json === null || typeof json !== 'object') throw new Error('EBM checkpoint must be an object');
  const record = json as Partial<EbmStateJson>;
  if (record.format !== 'physml-ebm-state' || record.version !== 1) {
    throw new Error('EBM checkpoint must have format "physml-ebm-state" and version 1');
  }
  if (!Number.isInteger(record.step) || (record.step as number) < 0) {
    throw new Error(`EBM checkpoint step must be an integer ≥ 0, got ${String(record.step)}`);
  }
  let buffer: ReplayBuffer | null = null;
  if (record.buffer !== null && record.buffer !== undefined) {
    const { dimension, capacity, positions } = record.buffer;
    if (!Number.isInteger(dimension) || !Number.isInteger(capacity) || dimension < 1 || capacity < 1) {
      throw new Error('EBM checkpoint buffer must have positive integer dimension and capacity');
    }
    buffer = {
      dimension,
      capacity,
      positions: finiteArray(positions, 'buffer.positions', dimension * capacity),
    };
  }
  return {
    step: record.step as number,
    parameters: finiteArray(record.parameters, 'parameters', parameterCount),
    optimizerState: decodeTypedArrays(record.optimizerState) as S,
    buffer,
  };
}
