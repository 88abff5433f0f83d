/**
 * Thermodynamic observables of an Ising chain, with autocorrelation-corrected error bars, from
 * the time series of the per-spin energy e = E/N and magnetisation m = M/N.
 *
 * | observable                       | definition                        | error bar               |
 * |----------------------------------|-----------------------------------|-------------------------|
 * | `energyPerSpin`                  | ⟨e⟩                               | binning                 |
 * | `magnetizationPerSpin`           | ⟨m⟩                               | binning                 |
 * | `absMagnetizationPerSpin`        | ⟨|m|⟩                             | binning                 |
 * | `specificHeat`                   | N(⟨e²⟩ − ⟨e⟩²)/T²                 | jackknife over bins     |
 * | `susceptibility`                 | N(⟨m²⟩ − ⟨|m|⟩²)/T                | jackknife over bins     |
 * | `susceptibilityFromSecondMoment` | N⟨m²⟩/T                           | jackknife over bins     |
 * | `susceptibilityConnected`        | N(⟨m²⟩ − ⟨m⟩²)/T                  | jackknife over bins     |
 * | `binder`                         | U = 1 − ⟨m⁴⟩/(3⟨m²⟩²)             | jackknife over bins     |
 *
 * Which susceptibility: on a finite lattice in zero field ⟨m⟩ = 0 by symmetry (given a long
 * enough run), so the connected N(⟨m²⟩ − ⟨m⟩²)/T is just N⟨m²⟩/T, which grows like N below T_c;
 * the usual finite-size estimator of the ordered phase's response is `susceptibility`, with |m|.
 * Above T_c, N⟨m²⟩/T is the standard choice; in a field, use the connected one. All three agree
 * with exact enumeration when compared definition by definition.
 *
 * The jackknife bins are the longest binning-plateau bin size among e, |m| and m² (so every
 * observable's bins outlast its autocorrelation), capped to keep at least 16 bins. Estimates
 * of non-linear observables are bias-corrected (see `jackknife`).
 */
import { type BinningAnalysis, binningAnalysis } from './binning.js';
import type { Estimate } from './estimate.js';
import { jackknife } from './jackknife.js';
import { assertSeries, requiredInteger, requiredPositive } from './validate.js';

/** The time series of one chain, one value per measurement. */
export interface IsingSeries {
  /** Energy per spin e = E/N. */
  energy: ArrayLike<number>;
  /** Magnetisation per spin m = M/N (signed). */
  magnetization: ArrayLike<number>;
}

/** Options of `isingObservables`. */
export interface IsingObservablesOptions {
  /** Number of spins N, an integer ≥ 1. */
  sites: number;
  /** Temperature T > 0. */
  temperature: number;
  /** Minimum bins of a converged binning analysis; 32 by default. */
  minimumBins?: number;
}

/** The observables, each with its error bar. */
export interface IsingObservables {
  /** ⟨e⟩. */
  energyPerSpin: Estimate;
  /** ⟨m⟩. */
  magnetizationPerSpin: Estimate;
  /** ⟨|m|⟩. */
  absMagnetizationPerSpin: Estimate;
  /** C = N(⟨e²⟩ − ⟨e⟩²)/T², per spin. */
  specificHeat: Estimate;
  /** χ = N(⟨m²⟩ − ⟨|m|⟩²)/T, per spin. */
  susceptibility: Estimate;
  /** χ' = N⟨m²⟩/T, per spin. */
  susceptibilityFromSecondMoment: Estimate;
  /** N(⟨m²⟩ − ⟨m⟩²)/T, per spin (the response to h). */
  susceptibilityConnected: Estimate;
  /** U = 1 − ⟨m⁴⟩/(3⟨m²⟩²). */
  binder: Estimate;
}

/** The observables together with the analyses behind their error bars. */
export interface IsingObservablesAnalysis {
  /** The estimates. */
  observables: IsingObservables;
  /** Binning analysis of e. */
  energy: BinningAnalysis;
  /** Binning analysis of m. */
  magnetization: BinningAnalysis;
  /** Binning analysis of |m|. */
  absMagnetization: BinningAnalysis;
  /** Binning analysis of m² (whose plateau sets the jackknife bins together with e and |m|). */
  squaredMagnetization: BinningAnalysis;
  /** Values per jackknife bin. */
  jackknifeBinSize: number;
  /** Number of jackknife bins. */
  jackknifeBins: number;
  /** True when the binning analyses of e, |m| and m² all reached their plateau. */
  converged: boolean;
}

function estimateOf(analysis: BinningAnalysis): Estimate {
  return { mean: analysis.mean, stderr: analysis.standardError };
}

/** Values minus their mean (variances of the centred values cancel less). */
function centred(values: ArrayLike<number>): Float64Array {
  let mean = 0;
  for (let t = 0; t < values.length; t++) mean += values[t];
  mean /= values.length;
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) out[t] = values[t] - mean;
  return out;
}

function squares(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  for (let t = 0; t < values.length; t++) out[t] = values[t] * values[t];
  return out;
}

const variance = (means: Float64Array) => means[1] - means[0] * means[0];

/**
 * The Ising observables of one chain's measurements with their error bars.
 *
 * @param series per-spin energy and magnetisation, equal lengths, at least 32 measurements.
 */
export function isingObservables(
  series: IsingSeries,
  options: IsingObservablesOptions,
): IsingObservablesAnalysis {
  const where = 'isingObservables';
  if (series === null || typeof series !== 'object') {
    throw new TypeError(`${where}: series must be an object { energy, magnetization }`);
  }
  assertSeries(where, 'series.energy', series.energy, 32);
  assertSeries(where, 'series.magnetization', series.magnetization, 32);
  const n = series.energy.length;
  if (series.magnetization.length !== n) {
    throw new RangeError(
      `${where}: series.magnetization has ${series.magnetization.length} values, series.energy ${n}; they must match`,
    );
  }
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`${where}: options must be an object { sites, temperature }`);
  }
  const sites = requiredInteger(where, 'options.sites', options.sites, 1);
  const temperature = requiredPositive(where, 'options.temperature', options.temperature);
  const binning = { minimumBins: options.minimumBins };
  const m = series.magnetization;
  const absolute = new Float64Array(n);
  for (let t = 0; t < n; t++) absolute[t] = Math.abs(m[t]);
  const m2 = squares(m);
  const m4 = squares(m2);
  const energy = binningAnalysis(series.energy, binning);
  const magnetization = binningAnalysis(m, binning);
  const absMagnetization = binningAnalysis(absolute, binning);
  const squaredMagnetization = binningAnalysis(m2, binning);
  const binSize = Math.max(
    1,
    Math.min(
      Math.floor(n / 16),
      Math.max(energy.plateauBinSize, absMagnetization.plateauBinSize, squaredMagnetization.plateauBinSize),
    ),
  );
  const e = centred(series.energy);
  const a = centred(absolute);
  const c = centred(m);
  const specificHeat = jackknife(
    [e, squares(e)],
    (x) => (sites * variance(x)) / (temperature * temperature),
    {
      binSize,
    },
  );
  const susceptibility = jackknife([a, squares(a)], (x) => (sites * variance(x)) / temperature, { binSize });
  const connected = jackknife([c, squares(c)], (x) => (sites * variance(x)) / temperature, { binSize });
  const secondMoment = jackknife([m2], (x) => (sites * x[0]) / temperature, { binSize });
  const binder = jackknife([m2, m4], (x) => 1 - x[1] / (3 * x[0] * x[0]), { binSize });
  const pick = (result: { mean: number; stderr: number }): Estimate => ({
    mean: result.mean,
    stderr: result.stderr,
  });
  return {
    observables: {
      energyPerSpin: estimateOf(energy),
      magnetizationPerSpin: estimateOf(magnetization),
      absMagnetizationPerSpin: estimateOf(absMagnetization),
      specificHeat: pick(specificHeat),
      susceptibility: pick(susceptibility),
      susceptibilityFromSecondMoment: pick(secondMoment),
      susceptibilityConnected: pick(connected),
      binder: pick(binder),
    },
    energy,
    magnetization,
    absMagnetization,
    squaredMagnetization,
    jackknifeBinSize: binSize,
    jackknifeBins: specificHeat.bins,
    converged: energy.converged && absMagnetization.converged && squaredMagnetization.converged,
  };
}
