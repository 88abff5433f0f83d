/**
 * The energy trace of the `spin-glass` experiment's ground-state search on instance 0: a replay
 * of restart 0 of `annealSpins`, or of the coldest slot of `temperSpins`, with the same keys,
 * temperatures and sweeps as the search itself, so the plotted run is the very run the metrics
 * come from. Recording the energy inside the search would cost every instance; the replay costs
 * one search.
 */

import { portablePow } from '../core/math/index.js';
import { fold, type Key, portableExp, RandomStream, split } from '../core/random/index.js';
import { randomSpinState, refreshSpinState, type SpinSystem, spinSweep } from '../models/spin-glass/index.js';

/** Most points kept of the energy trace. */
const TRACE_POINTS = 1000;

/** Energy per spin along a search, at most TRACE_POINTS points. */
export interface Trace {
  /** The sweep of each point (1-based). */
  sweep: number[];
  /** Energy per spin then. */
  energy: number[];
  /** Lowest energy per spin met so far. */
  best: number[];
}

/** Sweep indices at which the trace records a point (every k-th, at most TRACE_POINTS). */
function traceStride(sweeps: number): number {
  return Math.max(1, Math.ceil(sweeps / TRACE_POINTS));
}

/**
 * Energy per spin along restart 0 of `annealSpins` with the same key and schedule (the same
 * keys, temperatures and sweeps, so the very run the metrics come from).
 */
export function traceAnnealing(
  system: SpinSystem,
  sweeps: number,
  high: number,
  low: number,
  key: Key,
): Trace {
  const [initKey, sweepKey] = split(fold(key, 0));
  const state = randomSpinState(system, initKey);
  const stream = new RandomStream(sweepKey);
  const stride = traceStride(sweeps);
  const trace: Trace = { sweep: [], energy: [], best: [] };
  let best = state.energy;
  for (let t = 0; t < sweeps; t++) {
    const temperature = sweeps === 1 ? low : high * portablePow(low / high, t / (sweeps - 1));
    spinSweep(state, 1 / temperature, stream, 'metropolis');
    if ((t & 255) === 255) refreshSpinState(state);
    best = Math.min(best, state.energy);
    if ((t + 1) % stride === 0 || t === sweeps - 1) {
      trace.sweep.push(t + 1);
      trace.energy.push(state.energy / system.size);
      trace.best.push(best / system.size);
    }
  }
  return trace;
}

/**
 * Energy per spin at the coldest slot of the tempering ladder, and the lowest energy met so
 * far, replaying `temperSpins` (one copy, swaps every sweep) with the same keys.
 */
export function traceTempering(system: SpinSystem, ladder: Float64Array, sweeps: number, key: Key): Trace {
  const [initKey, sweepKey, swapKey] = split(key, 3);
  const count = ladder.length;
  const betas = Float64Array.from(ladder, (t) => 1 / t);
  const states = Array.from({ length: count }, (_, k) => randomSpinState(system, fold(fold(initKey, 0), k)));
  const streams = Array.from({ length: count }, (_, k) => new RandomStream(fold(fold(sweepKey, 0), k)));
  const swapStream = new RandomStream(swapKey);
  const stride = traceStride(sweeps);
  const trace: Trace = { sweep: [], energy: [], best: [] };
  let best = Math.min(...states.map((state) => state.energy));
  for (let sweep = 1, parity = 0; sweep <= sweeps; sweep++, parity ^= 1) {
    for (let k = 0; k < count; k++) {
      spinSweep(states[k], betas[k], streams[k], 'metropolis');
      if ((sweep & 255) === 0) refreshSpinState(states[k]);
      best = Math.min(best, states[k].energy);
    }
    for (let k = parity; k + 1 < count; k += 2) {
      const logRatio = (betas[k] - betas[k + 1]) * (states[k].energy - states[k + 1].energy);
      if (!(swapStream.nextUniform() < (logRatio >= 0 ? 1 : portableExp(logRatio)))) continue;
      [states[k], states[k + 1]] = [states[k + 1], states[k]];
      [streams[k], streams[k + 1]] = [streams[k + 1], streams[k]];
    }
    if (sweep % stride === 0 || sweep === sweeps) {
      trace.sweep.push(sweep);
      trace.energy.push(states[0].energy / system.size);
      trace.best.push(best / system.size);
    }
  }
  return trace;
}
