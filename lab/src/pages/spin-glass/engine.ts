/**
 * The live spin glass: R replicas of one Sherrington–Kirkpatrick instance, swept by the
 * library's single-spin-flip kernels at a temperature that the user sets or that cools
 * geometrically (T halves every τ sweeps, down to a floor). After every sweep the overlap of
 * every pair of replicas is recorded; P(q) and its moments are taken over a sliding window of
 * the last W sweeps by the library's `overlapStatistics`. For N ≤ 20 the exact P(q) at the
 * current temperature (enumeration) and the exact ground-state energy are the references.
 *
 * Randomness follows `sampleOverlaps` exactly: the couplings come from fold(key, 0), and the
 * replicas from fold(key, 1) split into an initialisation and a sweep key, replica r using
 * fold(·, r). At a fixed temperature the recorded overlaps are those of `sampleOverlaps` with
 * no burn-in (tested).
 */
import { fold, makeKey, RandomStream, split } from '../../../../src/core/random/index.js';
import {
  type CouplingDistribution,
  exactGroundState,
  exactOverlapDistribution,
  overlap,
  overlapStatistics,
  randomSpinState,
  refreshSpinState,
  type SherringtonKirkpatrickSystem,
  type SpinState,
  type SpinUpdateRule,
  sherringtonKirkpatrick,
  spinSweep,
} from '../../../../src/models/spin-glass/index.js';
import type { LiveEngine } from '../../workers/live-runner.js';

/** The engine's parameters. */
export interface SpinGlassParams {
  /** N spins. */
  size: number;
  couplings: CouplingDistribution;
  /** R replicas, 2…8. */
  replicas: number;
  rule: SpinUpdateRule;
  /** The temperature now (cooling lowers it from here). */
  temperature: number;
  cooling: boolean;
  /** Sweeps over which T halves while cooling. */
  halving: number;
  /** Sweeps in the P(q) window. */
  window: number;
  seed: number;
}

/** The lowest temperature cooling reaches. */
export const COOLING_FLOOR = 0.1;
/** Largest N with exact references (enumeration of 2^N states). */
export const EXACT_LIMIT = 20;

/** Moments of the window's overlaps, with the jackknife error of ⟨q²⟩. */
export interface WindowMoments {
  meanAbsolute: number;
  secondMoment: number;
  secondMomentError: number;
  binder: number;
  susceptibility: number;
}

/** What the page draws. */
export interface SpinGlassFrame {
  size: number;
  replicas: number;
  temperature: number;
  sweeps: number;
  /** Replica-major spins, R × N. */
  spins: Int8Array;
  /** P(q) over the window at q = −1 + 2k/N. */
  histogram: Float64Array;
  /** Overlaps in the window (measurements × pairs). */
  windowCount: number;
  moments: WindowMoments | null;
  /** Mean energy per spin of the replicas now. */
  energyPerSpin: number;
  /** One point for the traces: averages over the sweeps since the previous frame. */
  trace: { sweep: number; temperature: number; energyPerSpin: number; secondMoment: number } | null;
  /** Exact P(q) at `exact.temperature` (N ≤ 20), when computed. */
  exact: { temperature: number; probabilities: Float64Array; secondMoment: number; binder: number } | null;
  /** Exact ground-state energy per spin (N ≤ 20). */
  groundStateEnergyPerSpin: number | null;
  /** Fraction of attempted updates that flipped a spin since the previous frame. */
  flipRate: number;
}

/** The R replicas of an instance, advanced sweep by sweep. */
export class SpinGlassEngine implements LiveEngine<SpinGlassParams, SpinGlassFrame> {
  readonly system: SherringtonKirkpatrickSystem;
  readonly states: SpinState[];
  private readonly streams: RandomStream[];
  private readonly params: SpinGlassParams;
  private readonly pairs: number;
  sweeps = 0;
  /** The window: `window` rows of `pairs` overlaps, a ring. */
  private ring: Float64Array;
  private ringStart = 0;
  private ringCount = 0;
  private readonly groundState: number | null;
  private exact: SpinGlassFrame['exact'] = null;
  private exactAt = Number.NEGATIVE_INFINITY;
  private exactCost = 0;
  private sinceFrame = { sweeps: 0, energy: 0, secondMoment: 0, flips: 0 };
  readonly halted = null;

  constructor(params: SpinGlassParams) {
    this.params = { ...params };
    const key = makeKey(params.seed);
    this.system = sherringtonKirkpatrick({
      size: params.size,
      key: fold(key, 0),
      couplingDistribution: params.couplings,
    });
    const [initKey, sweepKey] = split(fold(key, 1));
    this.states = Array.from({ length: params.replicas }, (_, r) =>
      randomSpinState(this.system, fold(initKey, r)),
    );
    this.streams = Array.from({ length: params.replicas }, (_, r) => new RandomStream(fold(sweepKey, r)));
    this.pairs = (params.replicas * (params.replicas - 1)) / 2;
    this.ring = new Float64Array(params.window * this.pairs);
    this.groundState = params.size <= EXACT_LIMIT ? exactGroundState(this.system).energy / params.size : null;
  }

  /** The temperature now. */
  get temperature(): number {
    return this.params.temperature;
  }

  /** One sweep of every replica, then the overlaps of every pair; then cooling. */
  step(): void {
    const { states, streams, params } = this;
    const beta = 1 / params.temperature;
    this.sweeps++;
    let flips = 0;
    let energy = 0;
    for (let r = 0; r < states.length; r++) {
      flips += spinSweep(states[r], beta, streams[r], params.rule);
      // As `sampleOverlaps`: clear the rounding of incremental energies every 256 sweeps.
      if ((this.sweeps & 255) === 0) refreshSpinState(states[r]);
      energy += states[r].energy;
    }
    const row = (this.ringStart + this.ringCount) % params.window;
    let p = row * this.pairs;
    let squares = 0;
    for (let a = 0; a < states.length; a++) {
      for (let b = a + 1; b < states.length; b++) {
        const q = overlap(states[a].spins, states[b].spins);
        this.ring[p++] = q;
        squares += q * q;
      }
    }
    if (this.ringCount < params.window) this.ringCount++;
    else this.ringStart = (this.ringStart + 1) % params.window;
    const since = this.sinceFrame;
    since.sweeps++;
    since.flips += flips;
    since.energy += energy / (states.length * this.system.size);
    since.secondMoment += squares / this.pairs;
    if (params.cooling) {
      params.temperature = Math.max(COOLING_FLOOR, params.temperature * 2 ** (-1 / params.halving));
    }
  }

  /** The window's overlaps in the order they were recorded. */
  windowOverlaps(): Float64Array {
    const out = new Float64Array(this.ringCount * this.pairs);
    for (let k = 0; k < this.ringCount; k++) {
      const row = (this.ringStart + k) % this.params.window;
      out.set(this.ring.subarray(row * this.pairs, (row + 1) * this.pairs), k * this.pairs);
    }
    return out;
  }

  update(params: Partial<SpinGlassParams>): void {
    const { temperature, cooling, halving, rule, window } = params;
    if (temperature !== undefined) this.params.temperature = temperature;
    if (cooling !== undefined) this.params.cooling = cooling;
    if (halving !== undefined) this.params.halving = halving;
    if (rule !== undefined) this.params.rule = rule;
    if (window !== undefined && window !== this.params.window) {
      const kept = this.windowOverlaps().slice(-Math.min(window, this.ringCount) * this.pairs);
      this.params.window = window;
      this.ring = new Float64Array(window * this.pairs);
      this.ring.set(kept);
      this.ringStart = 0;
      this.ringCount = kept.length / this.pairs;
    }
  }

  /** Recomputes the exact P(q) when T moved by more than 1%, at most every few times its cost. */
  private refreshExact(): void {
    const { size, temperature } = this.params;
    if (size > EXACT_LIMIT) return;
    if (this.exact !== null && Math.abs(this.exact.temperature - temperature) <= 0.01 * temperature) return;
    const now = performance.now();
    if (this.exact !== null && now - this.exactAt < Math.max(100, 4 * this.exactCost)) return;
    const exact = exactOverlapDistribution(this.system, temperature);
    this.exactCost = performance.now() - now;
    this.exactAt = now;
    this.exact = {
      temperature,
      probabilities: exact.probabilities,
      secondMoment: exact.secondMoment,
      binder: exact.binderRatio,
    };
  }

  frame(): { frame: SpinGlassFrame; transfer: Transferable[] } {
    const { size, replicas } = this.params;
    const spins = new Int8Array(replicas * size);
    this.states.forEach((state, r) => {
      spins.set(state.spins, r * size);
    });
    let histogram = new Float64Array(size + 1);
    let moments: WindowMoments | null = null;
    if (this.ringCount > 0) {
      const statistics = overlapStatistics(this.windowOverlaps(), size);
      histogram = Float64Array.from(statistics.probabilities);
      moments = {
        meanAbsolute: statistics.meanAbsolute,
        secondMoment: statistics.secondMoment,
        secondMomentError: statistics.standardErrors.secondMoment,
        binder: statistics.binderRatio,
        susceptibility: statistics.spinGlassSusceptibility,
      };
    }
    this.refreshExact();
    let energy = 0;
    for (const state of this.states) energy += state.energy;
    const since = this.sinceFrame;
    const trace =
      since.sweeps > 0
        ? {
            sweep: this.sweeps,
            temperature: this.params.temperature,
            energyPerSpin: since.energy / since.sweeps,
            secondMoment: since.secondMoment / since.sweeps,
          }
        : null;
    const flipRate = since.sweeps > 0 ? since.flips / (since.sweeps * replicas * size) : 0;
    this.sinceFrame = { sweeps: 0, energy: 0, secondMoment: 0, flips: 0 };
    const exact =
      this.exact === null ? null : { ...this.exact, probabilities: this.exact.probabilities.slice() };
    return {
      frame: {
        size,
        replicas,
        temperature: this.params.temperature,
        sweeps: this.sweeps,
        spins,
        histogram,
        windowCount: this.ringCount * this.pairs,
        moments,
        energyPerSpin: energy / (replicas * size),
        trace,
        exact,
        groundStateEnergyPerSpin: this.groundState,
        flipRate,
      },
      transfer: [spins.buffer, histogram.buffer],
    };
  }
}

/** The factory the worker serves. */
export function createSpinGlassEngine(params: SpinGlassParams): SpinGlassEngine {
  return new SpinGlassEngine(params);
}
