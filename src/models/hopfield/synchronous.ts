/**
 * Synchronous (parallel) dynamics of a Hopfield network, for a batch of probe states at once:
 * every neuron of every probe takes the sign of its local field at the same time,
 * s(t + 1) = sign(W s(t) + θ) (self-couplings left out, as everywhere here; a neuron with
 * h_i = 0 keeps its state). At T > 0 each neuron is +1 with probability σ(2h_i/T) (Little's
 * dynamics).
 *
 * For symmetric weights the synchronous dynamics ends on a fixed point or a 2-cycle (Goles
 * 1985), both detected here; the energy E(s) need not decrease on the way.
 *
 * Local fields, two ways (the results agree: every sum is of float32 weights in float64, or
 * exact in float32 / int32 where the weights allow it, see resident-weights.ts):
 * - dense: one product H = S·W for all probes that moved (a matrix–vector product for a single
 *   probe, a matrix product for a batch; `fieldPath` names the kernel), O(N²) per probe;
 * - incremental: h += 2 s_j W_j· for each flipped neuron j (symmetric weights), O(N) per flip.
 *   After the first step only a few neurons flip, so a whole recall costs about one dense
 *   product. `'auto'` picks incremental per probe when it flipped at most N/4 neurons.
 * Couplings that live in WebAssembly memory (large networks, see resident-weights.ts) get the
 * SIMD kernels for the dense products and for the incremental update (several flipped rows per
 * pass over h, added in the same order as the loop here).
 */
import type { RandomStream } from '../../core/random/index.js';
import { portableExp } from '../../core/random/index.js';
import { energyFromFields, finishFields, type HopfieldNetwork } from './network.js';
import { spinOverlaps } from './patterns.js';
import { fieldKernels, incrementalSumsExact, rawFieldProducts } from './resident-weights.js';

/** How local fields are brought up to date after a synchronous step. */
export type FieldUpdate = 'auto' | 'dense' | 'incremental';

/** The field-update strategies, for validation and option lists. */
export const FIELD_UPDATES: readonly FieldUpdate[] = ['auto', 'dense', 'incremental'];

/** In `'auto'` mode a probe whose flips exceed this fraction of N gets a dense product. */
const INCREMENTAL_FLIP_FRACTION = 0.25;

/** Settings of {@link runSynchronous} (already validated by the caller). */
export interface SynchronousSettings {
  /** Most synchronous steps per probe (each updates all N neurons). */
  maxSteps: number;
  /** T ≥ 0; at T > 0 `stream` must be given and no convergence is detected. */
  temperature: number;
  stream: RandomStream | null;
  fieldUpdate: FieldUpdate;
  /** Keep the energy and flip count of every step (otherwise only the final energy). */
  recordTrajectory: boolean;
  /** Also keep the overlaps with the stored patterns at every step (needs `recordTrajectory`). */
  recordOverlaps: boolean;
}

/** What happened to one probe under synchronous dynamics. */
export interface SynchronousTrajectory {
  /** The final state. */
  state: Int8Array;
  /** Synchronous steps taken, counting the last one that changed nothing at a fixed point. */
  steps: number;
  /** 1: fixed point; 2: 2-cycle (the state alternates with the one before); null: neither seen. */
  cycleLength: 1 | 2 | null;
  /** Energy of the final state. */
  energy: number;
  /** Energies E(s(0)), E(s(1)), … (empty unless recorded). */
  energies: number[];
  /** Neurons flipped at steps 1, 2, … (empty unless recorded). */
  flips: number[];
  /** Overlaps with the stored patterns at steps 0, 1, … (empty unless recorded). */
  overlaps: Float64Array[];
}

/** Scratch for the flip lists of the SIMD incremental update. */
let flipRows = new Int32Array(0);
let flipScales = new Float64Array(0);

/**
 * Dense local fields of the probes listed in `probes`, whose spins are rows of `spins`,
 * written to the same rows of `fields`: one product for all of them, by the path
 * `fieldPath(network, probes.length)` names (resident-weights.ts).
 */
function denseFields(
  network: HopfieldNetwork,
  spins: Int8Array,
  fields: Float64Array,
  probes: readonly number[],
): void {
  const size = network.size;
  if (probes.length === 0) return;
  const offsets = probes.map((b) => b * size);
  rawFieldProducts(network, spins, offsets, fields);
  for (const offset of offsets) finishFields(network, spins, fields, offset, offset);
}

/** Adds the change of every field row `probe` caused by the flips from `before` to `after`. */
function incrementalFields(
  network: HopfieldNetwork,
  before: Int8Array,
  after: Int8Array,
  fields: Float64Array,
  probe: number,
): void {
  const { size, weights, diagonal, hasSelfCouplings } = network;
  const offset = probe * size;
  const resident = fieldKernels(weights);
  if (resident !== undefined) {
    if (flipRows.length < size) {
      flipRows = new Int32Array(size);
      flipScales = new Float64Array(size);
    }
    let count = 0;
    for (let j = 0; j < size; j++) {
      const value = after[offset + j];
      if (value === before[offset + j]) continue;
      flipRows[count] = j;
      flipScales[count] = 2 * value;
      count++;
    }
    // Float32 sums where they are exact (weights and thresholds on a fine enough grid): the
    // same bits as the float64 kernel, about twice as fast.
    resident.addRows(flipRows, flipScales, count, fields, offset, incrementalSumsExact(network));
    if (hasSelfCouplings)
      for (let t = 0; t < count; t++) fields[offset + flipRows[t]] -= flipScales[t] * diagonal[flipRows[t]];
    return;
  }
  for (let j = 0; j < size; j++) {
    const value = after[offset + j];
    if (value === before[offset + j]) continue;
    const delta = 2 * value;
    const row = j * size;
    for (let k = 0; k < size; k++) fields[offset + k] += delta * weights[row + k];
    if (hasSelfCouplings) fields[offset + j] -= delta * diagonal[j];
  }
}

/**
 * Runs synchronous dynamics from each probe (±1 rows, already checked) until every probe
 * reaches a fixed point or a 2-cycle (T = 0), or `maxSteps`. Probes that have settled drop
 * out of the batch products.
 */
export function runSynchronous(
  network: HopfieldNetwork,
  probes: readonly ArrayLike<number>[],
  settings: SynchronousSettings,
): SynchronousTrajectory[] {
  const size = network.size;
  const count = probes.length;
  const { maxSteps, temperature, stream, fieldUpdate, recordTrajectory } = settings;
  const recordOverlaps = recordTrajectory && settings.recordOverlaps && network.patterns.length > 0;
  let previous = new Int8Array(count * size);
  let current = new Int8Array(count * size);
  let next = new Int8Array(count * size);
  probes.forEach((probe, b) => {
    current.set(probe, b * size);
  });
  const fields = new Float64Array(count * size);
  const energies = new Float64Array(count);
  const results: SynchronousTrajectory[] = probes.map(() => ({
    state: new Int8Array(0),
    steps: 0,
    cycleLength: null,
    energy: 0,
    energies: [],
    flips: [],
    overlaps: [],
  }));
  const record = (b: number, flips: number | null) => {
    const offset = b * size;
    energies[b] = energyFromFields(network, current, fields, offset, offset);
    if (!recordTrajectory) return;
    const result = results[b];
    result.energies.push(energies[b]);
    if (flips !== null) result.flips.push(flips);
    if (recordOverlaps)
      result.overlaps.push(spinOverlaps(network.patterns, current.subarray(offset, offset + size)));
  };
  let active = Array.from({ length: count }, (_, b) => b);
  denseFields(network, current, fields, active);
  for (const b of active) record(b, null);

  const flipLimit =
    fieldUpdate === 'dense' ? -1 : fieldUpdate === 'incremental' ? size : INCREMENTAL_FLIP_FRACTION * size;
  const flipCounts = new Int32Array(count);
  for (let step = 1; step <= maxSteps && active.length > 0; step++) {
    const moving: number[] = [];
    const dense: number[] = [];
    for (const b of active) {
      const offset = b * size;
      let flips = 0;
      for (let i = offset; i < offset + size; i++) {
        const field = fields[i];
        const spin = current[i];
        let value: number;
        if (temperature === 0) {
          value = field > 0 ? 1 : field < 0 ? -1 : spin;
        } else {
          const probabilityUp = 1 / (1 + portableExp((-2 * field) / temperature));
          value = (stream as RandomStream).nextUniform() < probabilityUp ? 1 : -1;
        }
        next[i] = value;
        if (value !== spin) flips++;
      }
      flipCounts[b] = flips;
      const result = results[b];
      if (temperature === 0 && flips === 0) {
        // A fixed point: this step changed nothing.
        result.steps = step;
        result.cycleLength = 1;
        result.state = current.slice(offset, offset + size);
        result.energy = energies[b];
        if (recordTrajectory) result.flips.push(0);
        continue;
      }
      moving.push(b);
      if (flips > flipLimit || !network.symmetric) dense.push(b);
      else incrementalFields(network, current, next, fields, b);
    }
    denseFields(network, next, fields, dense);
    [previous, current, next] = [current, next, previous];
    active = [];
    for (const b of moving) {
      record(b, flipCounts[b]);
      const offset = b * size;
      if (temperature === 0 && step >= 2 && sameRow(current, next, offset, size)) {
        // s(t) = s(t − 2): a 2-cycle (after the rotation `next` holds s(t − 2)).
        const result = results[b];
        result.steps = step;
        result.cycleLength = 2;
        result.state = current.slice(offset, offset + size);
        result.energy = energies[b];
        continue;
      }
      active.push(b);
    }
  }
  for (const b of active) {
    const offset = b * size;
    const result = results[b];
    result.steps = maxSteps;
    result.state = current.slice(offset, offset + size);
    result.energy = energies[b];
  }
  return results;
}

function sameRow(a: Int8Array, b: Int8Array, offset: number, size: number): boolean {
  for (let i = offset; i < offset + size; i++) if (a[i] !== b[i]) return false;
  return true;
}
