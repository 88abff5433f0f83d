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
 * Local fields, two ways (the results agree: every sum is of float32 weights in float64):
 * - dense: one kernel product H = S·W for all probes that moved (a matrix–vector product for
 *   a single probe, a matrix product for a batch), O(N²) per probe;
 * - incremental: h += 2 s_j W_j· for each flipped neuron j (symmetric weights), O(N) per flip.
 *   After the first step only a few neurons flip, so a whole recall costs about one dense
 *   product. `'auto'` picks incremental per probe when it flipped at most N/4 neurons.
 * Couplings that live in WebAssembly memory (large networks, see resident-weights.ts) get the
 * SIMD kernels for the single-probe product and for the incremental update (several flipped
 * rows per pass over h, added in the same order as the loop here).
 */
import { getKernels } from '../../core/kernels/index.js';
import type { RandomStream } from '../../core/random/index.js';
import { portableExp } from '../../core/random/index.js';
import { energyFromFields, finishFields, type HopfieldNetwork } from './network.js';
import { patternOverlaps } from './patterns.js';
import { fieldKernels } from './resident-weights.js';

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

/** Scratch for the dense products, grown on demand. */
let packedSpins = new Float32Array(0);
let packedFields = new Float64Array(0);
/** Scratch for the flip lists of the SIMD incremental update. */
let flipRows = new Int32Array(0);
let flipScales = new Float64Array(0);

/**
 * Dense local fields of the probes listed in `probes`, whose spins are rows of `spins`,
 * written to the same rows of `fields`.
 */
function denseFields(
  network: HopfieldNetwork,
  spins: Int8Array,
  fields: Float64Array,
  probes: readonly number[],
): void {
  const size = network.size;
  const count = probes.length;
  if (count === 0) return;
  // One probe: the SIMD matrix–vector kernel over the resident couplings. A batch keeps the
  // packed matrix product below, which reads W once for all probes (per-probe products would
  // read it once per probe: measured 2–3× slower at N = 4096, 32 probes).
  const resident = count === 1 ? fieldKernels(network.weights) : undefined;
  if (resident !== undefined) {
    const offset = probes[0] * size;
    resident.matVec(spins, fields, offset, offset);
    finishFields(network, spins, fields, offset, offset);
    return;
  }
  if (packedSpins.length < count * size) {
    packedSpins = new Float32Array(count * size);
    packedFields = new Float64Array(count * size);
  }
  for (let r = 0; r < count; r++) {
    const source = probes[r] * size;
    const target = r * size;
    for (let i = 0; i < size; i++) packedSpins[target + i] = spins[source + i];
  }
  // One probe: W·s (a matrix–vector product, rows of W dotted with s); several: S·Wᵀ (a
  // packed matrix product). Both read h_i = Σ_j W_ij s_j, right for asymmetric weights too.
  const single = count === 1;
  getKernels().matmul({
    a: single ? network.weights : packedSpins,
    b: single ? packedSpins : network.weights,
    c: packedFields,
    m: single ? size : count,
    n: single ? 1 : size,
    k: size,
    transA: false,
    transB: !single,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
    accumulate: false,
  });
  for (let r = 0; r < count; r++) {
    const target = probes[r] * size;
    fields.set(packedFields.subarray(r * size, (r + 1) * size), target);
    finishFields(network, spins, fields, target, target);
  }
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
    resident.addRows(flipRows, flipScales, count, fields, offset);
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
      result.overlaps.push(patternOverlaps(network.patterns, current.subarray(offset, offset + size)));
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
