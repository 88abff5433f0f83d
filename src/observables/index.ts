/**
 * Observables of Monte Carlo chains with honest error bars: binning analysis, Sokal's windowed
 * integrated autocorrelation time, jackknife over bins for non-linear observables,
 * equilibration checks (MSER, halves test), and the Ising thermodynamic observables.
 *
 * ```ts
 * const analysis = binningAnalysis(energySeries);
 * analysis.mean, analysis.standardError, analysis.tauIntegrated, analysis.effectiveSamples;
 * const { observables } = isingObservables({ energy, magnetization }, { sites: 256, temperature: 2.3 });
 * observables.specificHeat;   // { mean, stderr }
 * ```
 * Convention: τ = 1 + 2 Σ_{t≥1} ρ(t) (independent samples: τ = 1; n/τ effective samples).
 */

export {
  type AutocorrelationTime,
  type AutocorrelationTimeOptions,
  windowedAutocorrelationTime,
} from './autocorrelation-time.js';
export { type BinningAnalysis, type BinningLevel, type BinningOptions, binningAnalysis } from './binning.js';
export {
  compareHalves,
  type EquilibrationOptions,
  type EquilibrationReport,
  equilibrationReport,
  type HalvesComparison,
  type MserOptions,
  mserTruncation,
} from './equilibration.js';
export type { Estimate } from './estimate.js';
export {
  type IsingObservables,
  type IsingObservablesAnalysis,
  type IsingObservablesOptions,
  type IsingSeries,
  isingObservables,
} from './ising-observables.js';
export { type JackknifeOptions, type JackknifeResult, jackknife } from './jackknife.js';
