/**
 * The Hopfield–Tank network for the travelling salesman (Hopfield and Tank 1985): n² analog
 * neurons V_xi ∈ (0, 1), "city x is at position i", with the energy
 *
 *   E = A/2 Σ_x Σ_i Σ_{j≠i} V_xi V_xj           (one position per city)
 *     + B/2 Σ_i Σ_x Σ_{y≠x} V_xi V_yi           (one city per position)
 *     + C/2 (Σ_xi V_xi − ñ)²                    (n neurons on in all)
 *     + D/2 Σ_x Σ_{y≠x} Σ_i d_xy V_xi (V_{y,i+1} + V_{y,i−1})   (tour length)
 *
 * and the dynamics du_xi/dt = −u_xi/τ − ∂E/∂V_xi, V = ½(1 + tanh(u/u₀)), integrated here by
 * explicit Euler steps, from u = u₀₀ + noise with u₀₀ chosen so that Σ V = ñ at the start. The continuous-time dynamics decreases the Lyapunov function
 * L = E + (u₀/2τ) Σ [V ln V + (1 − V) ln(1 − V)] (reported at every recorded step).
 *
 * Defaults are the published ones: A = B = 500, C = 200, D = 500, u₀ = 0.02, τ = 1 and
 * ñ = 1.5 n (15 for their 10 cities). The method is famously fragile: Wilson and Pawley (1988)
 * got valid tours from only a small fraction of starts, and the valid ones are often far from
 * optimal. This module reports every attempt — valid or not — and never repairs a decode.
 *
 * Measured with the defaults (random cities in the unit square, 20 starts per instance):
 * - 8 cities, 20 instances: 19.8% of starts decode to a valid tour, 1% to the optimal one; the
 *   valid tours are 1.12× the optimum (median); 19 instances got a valid tour, 4 the optimum.
 * - 10 cities, 20 instances: 11.8% valid, 0.5% optimal, valid tours 1.16× the optimum
 *   (median); 15 instances got a valid tour, 2 the optimum.
 * - 12 cities, 10 instances × 10 starts: 5% valid, 1% optimal.
 * Simulated annealing (`annealTour`, defaults) found the optimum on all 50 of these instances.
 */
import { fold, type Key, portableExp, portableLog, RandomStream } from '../../core/random/index.js';
import { assertInteger, assertKey, assertOptions, assertPositive } from '../../core/validate.js';
import { canonicalTour, type TspInstance, tourLength } from './instance.js';

/** Parameters of the Hopfield–Tank dynamics (all optional; defaults as published). */
export interface HopfieldTankParameters {
  /** Penalty for a city at two positions (default 500). */
  rowPenalty?: number;
  /** Penalty for two cities at one position (default 500). */
  columnPenalty?: number;
  /** Penalty on the total activity Σ V − ñ (default 200). */
  globalPenalty?: number;
  /** Weight of the tour length (default 500). */
  distanceWeight?: number;
  /** ñ, the target total activity (default 1.5 n: 15 for 10 cities, as published). */
  targetActivity?: number;
  /** Gain parameter u₀ of the sigmoid (default 0.02). */
  gain?: number;
  /** Membrane time constant τ (default 1). */
  timeConstant?: number;
  /**
   * Euler step Δt (default 2e-6). The equations are stiff (gains up to 1/(2u₀) = 25 times
   * penalties of 500): at 1e-5 the Lyapunov function rises in the first steps, from 3e-6 down
   * it decreases monotonically on 8–12 cities (measured).
   */
  stepSize?: number;
  /** Most Euler steps per attempt (default 50 000). */
  maxSteps?: number;
  /** Stop once max_xi |dV_xi/dt| ≤ tolerance (default 0.01, per unit of time τ). */
  tolerance?: number;
  /** Noise of the start: u = u₀₀ + δ, δ uniform in ±noise·u₀ (default 0.1). */
  initialNoise?: number;
}

/** Options of {@link solveHopfieldTank}. */
export interface HopfieldTankOptions extends HopfieldTankParameters {
  /** Fixes the perturbed starts (attempt k uses `fold(key, k)`). */
  key: Key;
  /** Independent starts, an integer in [1, 10^4] (default 10). */
  attempts?: number;
  /** Record the Lyapunov function every this many steps (default 0: never). */
  recordEvery?: number;
}

/** One run of the network. */
export interface HopfieldTankAttempt {
  /** True when exactly one V > ½ in every row and every column: a permutation matrix. */
  valid: boolean;
  /** The decoded tour (canonical form) when valid, else null. */
  tour: Int32Array | null;
  /** Its length when valid, else NaN. */
  length: number;
  /** Euler steps taken. */
  steps: number;
  /** True when the state stopped moving before `maxSteps`. */
  converged: boolean;
  /** The final outputs V, row-major n×n (row: city, column: position). */
  outputs: Float64Array;
  /** Lyapunov function every `recordEvery` steps (empty unless recorded). */
  lyapunov: number[];
}

/** All attempts on one instance, summarized. */
export interface HopfieldTankResult {
  attempts: HopfieldTankAttempt[];
  /** Number of valid decodes. */
  validCount: number;
  /** validCount / attempts. */
  validFraction: number;
  /** The shortest valid tour found (canonical form), or null when no attempt was valid. */
  bestTour: Int32Array | null;
  /** Its length, or NaN. */
  bestLength: number;
}

interface Settings {
  a: number;
  b: number;
  c: number;
  d: number;
  target: number;
  gain: number;
  tau: number;
  stepSize: number;
  maxSteps: number;
  tolerance: number;
  noise: number;
}

function settingsFrom(where: string, count: number, options: HopfieldTankParameters): Settings {
  const read = (name: keyof HopfieldTankParameters, fallback: number) => {
    const value = options[name] ?? fallback;
    assertPositive(where, name, value);
    return value;
  };
  const maxSteps = options.maxSteps ?? 50_000;
  assertInteger(where, 'maxSteps', maxSteps, 1, 1e8);
  return {
    a: read('rowPenalty', 500),
    b: read('columnPenalty', 500),
    c: read('globalPenalty', 200),
    d: read('distanceWeight', 500),
    target: read('targetActivity', 1.5 * count),
    gain: read('gain', 0.02),
    tau: read('timeConstant', 1),
    stepSize: read('stepSize', 2e-6),
    maxSteps,
    tolerance: read('tolerance', 0.01),
    noise: read('initialNoise', 0.1),
  };
}

/** ∂E/∂V at `outputs` into `gradient`; returns E. Row x = city, column i = position. */
function energyGradient(
  instance: TspInstance,
  settings: Settings,
  outputs: Float64Array,
  gradient: Float64Array,
): number {
  const n = instance.count;
  const { distances } = instance;
  const rowSums = new Float64Array(n);
  const columnSums = new Float64Array(n);
  let total = 0;
  for (let x = 0; x < n; x++) {
    for (let i = 0; i < n; i++) {
      const v = outputs[x * n + i];
      rowSums[x] += v;
      columnSums[i] += v;
      total += v;
    }
  }
  let rowTerm = 0;
  let columnTerm = 0;
  let distanceTerm = 0;
  for (let x = 0; x < n; x++) {
    for (let i = 0; i < n; i++) {
      const v = outputs[x * n + i];
      const next = (i + 1) % n;
      const previous = (i - 1 + n) % n;
      // Σ_y d_xy (V_{y,i+1} + V_{y,i−1}); d_xx = 0 leaves out y = x.
      let neighbours = 0;
      for (let y = 0; y < n; y++)
        neighbours += distances[x * n + y] * (outputs[y * n + next] + outputs[y * n + previous]);
      const rowOthers = rowSums[x] - v;
      const columnOthers = columnSums[i] - v;
      gradient[x * n + i] =
        settings.a * rowOthers +
        settings.b * columnOthers +
        settings.c * (total - settings.target) +
        settings.d * neighbours;
      rowTerm += v * rowOthers;
      columnTerm += v * columnOthers;
      distanceTerm += v * neighbours;
    }
  }
  const excess = total - settings.target;
  return (
    0.5 *
    (settings.a * rowTerm +
      settings.b * columnTerm +
      settings.c * excess * excess +
      settings.d * distanceTerm)
  );
}

/** ½(1 + tanh(u/u₀)) = 1 / (1 + e^{−2u/u₀}), overflow-safe. */
function sigmoid(u: number, gain: number): number {
  const z = (2 * u) / gain;
  if (z >= 0) return 1 / (1 + portableExp(-z));
  const e = portableExp(z);
  return e / (1 + e);
}

function lyapunov(energy: number, outputs: Float64Array, settings: Settings): number {
  let entropyTerm = 0;
  for (const v of outputs) {
    if (v > 0 && v < 1) entropyTerm += v * portableLog(v) + (1 - v) * portableLog(1 - v);
  }
  return energy + (settings.gain / (2 * settings.tau)) * entropyTerm;
}

/** Exactly one V > ½ per row and per column gives the tour (position → city); else null. */
export function decodeTour(outputs: ArrayLike<number>, count: number): Int32Array | null {
  const tour = new Int32Array(count).fill(-1);
  const rowUsed = new Uint8Array(count);
  for (let x = 0; x < count; x++) {
    for (let i = 0; i < count; i++) {
      if (outputs[x * count + i] <= 0.5) continue;
      if (rowUsed[x] === 1 || tour[i] !== -1) return null;
      rowUsed[x] = 1;
      tour[i] = x;
    }
  }
  return tour.includes(-1) ? null : tour;
}

function runAttempt(
  instance: TspInstance,
  settings: Settings,
  key: Key,
  recordEvery: number,
): HopfieldTankAttempt {
  const n = instance.count;
  const size = n * n;
  const stream = new RandomStream(key);
  const u = new Float64Array(size);
  const outputs = new Float64Array(size);
  const gradient = new Float64Array(size);
  // Start with every V ≈ ñ/n² — the total activity the C term asks for — plus noise.
  const start = Math.min(Math.max(settings.target / size, 1e-6), 1 - 1e-6);
  const base = 0.5 * settings.gain * portableLog(start / (1 - start));
  for (let k = 0; k < size; k++) {
    u[k] = base + settings.noise * settings.gain * (2 * stream.nextUniform() - 1);
    outputs[k] = sigmoid(u[k], settings.gain);
  }
  const trace: number[] = [];
  let steps = 0;
  let converged = false;
  while (steps < settings.maxSteps) {
    const energy = energyGradient(instance, settings, outputs, gradient);
    if (recordEvery > 0 && steps % recordEvery === 0) trace.push(lyapunov(energy, outputs, settings));
    let largestChange = 0;
    for (let k = 0; k < size; k++) {
      u[k] += settings.stepSize * (-u[k] / settings.tau - gradient[k]);
      const v = sigmoid(u[k], settings.gain);
      largestChange = Math.max(largestChange, Math.abs(v - outputs[k]));
      outputs[k] = v;
    }
    steps++;
    if (largestChange <= settings.tolerance * settings.stepSize) {
      converged = true;
      break;
    }
  }
  if (recordEvery > 0)
    trace.push(lyapunov(energyGradient(instance, settings, outputs, gradient), outputs, settings));
  const decoded = decodeTour(outputs, n);
  return {
    valid: decoded !== null,
    tour: decoded === null ? null : canonicalTour(decoded),
    length: decoded === null ? Number.NaN : tourLength(instance, decoded),
    steps,
    converged,
    outputs,
    lyapunov: trace,
  };
}

/**
 * Runs the Hopfield–Tank network from `attempts` perturbed starts and reports every outcome:
 * how many decoded to valid tours, and the best valid one. Invalid decodes are counted, never
 * repaired.
 */
export function solveHopfieldTank(instance: TspInstance, options: HopfieldTankOptions): HopfieldTankResult {
  const where = 'solveHopfieldTank';
  assertOptions(where, options);
  assertKey(where, options.key);
  const attemptsCount = options.attempts ?? 10;
  assertInteger(where, 'attempts', attemptsCount, 1, 10_000);
  const recordEvery = options.recordEvery ?? 0;
  assertInteger(where, 'recordEvery', recordEvery, 0);
  const settings = settingsFrom(where, instance.count, options);
  const attempts: HopfieldTankAttempt[] = [];
  let bestTour: Int32Array | null = null;
  let bestLength = Number.NaN;
  let validCount = 0;
  for (let k = 0; k < attemptsCount; k++) {
    const attempt = runAttempt(instance, settings, fold(options.key, k), recordEvery);
    attempts.push(attempt);
    if (!attempt.valid) continue;
    validCount++;
    if (bestTour === null || attempt.length < bestLength) {
      bestTour = attempt.tour;
      bestLength = attempt.length;
    }
  }
  return { attempts, validCount, validFraction: validCount / attemptsCount, bestTour, bestLength };
}
