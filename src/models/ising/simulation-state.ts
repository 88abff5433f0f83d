/**
 * The checkpoint of an Ising simulation: plain JSON-safe data (spins, random stream position,
 * accumulated series, counters) from which `resumeIsingSimulation` continues bit-identically.
 * Everything read back is validated, so a corrupt or hand-edited checkpoint fails with a message
 * naming the bad field instead of producing a wrong chain.
 *
 * Spins are stored as hexadecimal text, 4 spins per digit (bit b of digit i is spin 4i + b,
 * 1 = up): N/4 characters, e.g. 64 KiB for a 512 × 512 lattice.
 */
import type { RandomStreamState } from '../../core/random/index.js';
import { describe } from '../../core/validate.js';
import { assertIsingAlgorithm, type IsingAlgorithm } from './algorithm.js';
import { type IsingModel, toIsingModel } from './model.js';

/** Format tag of a checkpoint. */
export const ISING_CHECKPOINT_FORMAT = 'physml.ising-simulation';

/** Counts accumulated over the measured sweeps. */
export interface IsingSweepTotals {
  /** Spins flipped. */
  flippedSpins: number;
  /** Single-site updates (Metropolis, heat-bath). */
  siteUpdates: number;
  /** Clusters (Wolff, Swendsen–Wang). */
  clusters: number;
}

/** A resumable snapshot of an Ising simulation (JSON-safe). */
export interface IsingSimulationState {
  /** Always `'physml.ising-simulation'`. */
  format: typeof ISING_CHECKPOINT_FORMAT;
  /** Format version; currently 1. */
  version: 1;
  /** The model. */
  model: IsingModel;
  /** Temperature T. */
  temperature: number;
  /** Update algorithm. */
  algorithm: IsingAlgorithm;
  /** Measured sweeps requested (after burn-in). */
  sweeps: number;
  /** Burn-in sweeps. */
  burnIn: number;
  /** Sweeps between measurements. */
  measureEvery: number;
  /** Sweeps done so far, burn-in included. */
  completedSweeps: number;
  /** Wolff clusters per sweep (adapted during burn-in, fixed afterwards); 1 for other algorithms. */
  clustersPerSweep: number;
  /** Whether Wolff adapts `clustersPerSweep` during burn-in (false when the user fixed it). */
  adaptiveClusters: boolean;
  /** Wolff burn-in tally used for that adaptation: clusters grown and spins they flipped. */
  adaptation: { clusters: number; flippedSpins: number };
  /** Counts over the measured sweeps. */
  totals: IsingSweepTotals;
  /** The spins, hexadecimal (see the module comment). */
  spins: string;
  /** The random stream's position. */
  stream: RandomStreamState;
  /** Energy per spin measured during burn-in (for the equilibration checks). */
  burnInEnergy: number[];
  /** Energy per spin at each measurement. */
  energy: number[];
  /** Magnetisation per spin at each measurement. */
  magnetization: number[];
}

/** Spins as hexadecimal text, 4 per digit. */
export function encodeSpins(spins: Int8Array): string {
  const digits = new Array<string>(Math.ceil(spins.length / 4));
  for (let d = 0; d < digits.length; d++) {
    let value = 0;
    for (let b = 0; b < 4; b++) {
      const i = 4 * d + b;
      if (i < spins.length && spins[i] > 0) value |= 1 << b;
    }
    digits[d] = value.toString(16);
  }
  return digits.join('');
}

/** The `sites` spins of hexadecimal text written by `encodeSpins`; throws on malformed text. */
export function decodeSpins(text: unknown, sites: number): Int8Array {
  const where = 'resumeIsingSimulation';
  const expected = Math.ceil(sites / 4);
  if (typeof text !== 'string' || text.length !== expected || !/^[0-9a-f]*$/.test(text)) {
    throw new RangeError(
      `${where}: state.spins must be ${expected} lowercase hexadecimal digits (4 spins each), got ${describe(text)}`,
    );
  }
  const spins = new Int8Array(sites);
  for (let d = 0; d < expected; d++) {
    const value = Number.parseInt(text[d], 16);
    for (let b = 0; b < 4; b++) {
      const i = 4 * d + b;
      if (i < sites) spins[i] = (value >> b) & 1 ? 1 : -1;
      else if ((value >> b) & 1)
        throw new RangeError(`${where}: state.spins has bits set beyond the ${sites} sites`);
    }
  }
  return spins;
}

function assertCount(name: string, value: unknown, min: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(
      `resumeIsingSimulation: state.${name} must be an integer ≥ ${min}, got ${describe(value)}`,
    );
  }
}

function assertFiniteArray(name: string, value: unknown, length: number): asserts value is number[] {
  if (!Array.isArray(value) || value.length !== length) {
    throw new RangeError(
      `resumeIsingSimulation: state.${name} must be an array of ${length} numbers (one per measurement so far), got ${describe(value)}`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    if (typeof value[i] !== 'number' || !Number.isFinite(value[i])) {
      throw new RangeError(
        `resumeIsingSimulation: state.${name}[${i}] must be a finite number, got ${describe(value[i])}`,
      );
    }
  }
}

/**
 * Checks every field of a checkpoint (types, ranges, and that the series lengths agree with the
 * sweeps done) and returns it with the model re-validated. The random stream's own fields are
 * checked by `RandomStream.fromState`.
 */
export function validateIsingState(state: unknown): IsingSimulationState {
  const where = 'resumeIsingSimulation';
  if (state === null || typeof state !== 'object') {
    throw new TypeError(`${where}: state must be an object from getState(), got ${describe(state)}`);
  }
  const record = state as Record<string, unknown>;
  if (record.format !== ISING_CHECKPOINT_FORMAT) {
    throw new RangeError(
      `${where}: state.format must be '${ISING_CHECKPOINT_FORMAT}', got ${describe(record.format)}`,
    );
  }
  if (record.version !== 1)
    throw new RangeError(`${where}: state.version must be 1, got ${describe(record.version)}`);
  const model = toIsingModel(record.model as IsingModel);
  const temperature = record.temperature;
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || !(temperature > 0)) {
    throw new RangeError(
      `${where}: state.temperature must be a finite number > 0, got ${describe(temperature)}`,
    );
  }
  assertIsingAlgorithm(where, record.algorithm);
  assertCount('sweeps', record.sweeps, 1);
  assertCount('burnIn', record.burnIn, 0);
  assertCount('measureEvery', record.measureEvery, 1);
  assertCount('completedSweeps', record.completedSweeps, 0);
  assertCount('clustersPerSweep', record.clustersPerSweep, 1);
  const { sweeps, burnIn, measureEvery, completedSweeps } = record as unknown as IsingSimulationState;
  if (completedSweeps > sweeps + burnIn) {
    throw new RangeError(
      `${where}: state.completedSweeps (${completedSweeps}) exceeds burnIn + sweeps (${burnIn + sweeps})`,
    );
  }
  if (typeof record.adaptiveClusters !== 'boolean') {
    throw new TypeError(
      `${where}: state.adaptiveClusters must be true or false, got ${describe(record.adaptiveClusters)}`,
    );
  }
  for (const group of ['adaptation', 'totals'] as const) {
    const value = record[group] as Record<string, unknown> | null;
    if (value === null || typeof value !== 'object') {
      throw new TypeError(`${where}: state.${group} must be an object, got ${describe(value)}`);
    }
    const fields =
      group === 'adaptation' ? ['clusters', 'flippedSpins'] : ['flippedSpins', 'siteUpdates', 'clusters'];
    for (const field of fields) assertCount(`${group}.${field}`, value[field], 0);
  }
  const burnInDone = Math.min(completedSweeps, burnIn);
  const measuredDone = completedSweeps - burnInDone;
  assertFiniteArray('burnInEnergy', record.burnInEnergy, Math.floor(burnInDone / measureEvery));
  assertFiniteArray('energy', record.energy, Math.floor(measuredDone / measureEvery));
  assertFiniteArray('magnetization', record.magnetization, Math.floor(measuredDone / measureEvery));
  decodeSpins(record.spins, model.sites);
  if (record.stream === null || typeof record.stream !== 'object') {
    throw new TypeError(
      `${where}: state.stream must be a RandomStream state, got ${describe(record.stream)}`,
    );
  }
  return { ...(record as unknown as IsingSimulationState), model };
}
