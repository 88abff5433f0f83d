/**
 * The result of an Ising simulation: observables with error bars from the measured series,
 * autocorrelation times, equilibration checks and warnings, built from a finished run's state.
 */
import {
  type EquilibrationReport,
  equilibrationReport,
  type IsingObservables,
  type IsingObservablesAnalysis,
  isingObservables,
} from '../../observables/index.js';
import type { IsingAlgorithm } from './algorithm.js';
import type { IsingLattice } from './lattice.js';
import type { IsingModel } from './model.js';
import type { IsingSimulationState } from './simulation-state.js';

/** The outcome of a simulation. */
export interface IsingSimulationResult {
  /** The model. */
  model: IsingModel;
  /** Temperature. */
  temperature: number;
  /** Algorithm. */
  algorithm: IsingAlgorithm;
  /** Measured sweeps. */
  sweeps: number;
  /** Burn-in sweeps. */
  burnIn: number;
  /** Sweeps between measurements. */
  measureEvery: number;
  /** Number of measurements. */
  measurements: number;
  /** Every observable with its error bar (see `isingObservables` for the definitions). */
  observables: IsingObservables;
  /** Integrated autocorrelation times (binning; τ = 1 + 2Σρ), in measurements. */
  tauIntegrated: { energy: number; absMagnetization: number };
  /** Effectively independent measurements, measurements/τ. */
  effectiveSamples: { energy: number; absMagnetization: number };
  /** The full error analysis behind the numbers. */
  analysis: IsingObservablesAnalysis;
  /** Equilibration checks over burn-in and measurements. */
  equilibration: EquilibrationReport;
  /** Everything that makes the error bars or the equilibration doubtful (empty when fine). */
  warnings: string[];
  /** Per measurement: energy per spin, |m| and m. */
  timeSeries: { energy: Float64Array; absMagnetization: Float64Array; magnetization: Float64Array };
  /** The spins after the last sweep (a copy). */
  finalSpins: Int8Array;
  /** Metropolis: flips accepted / attempted; heat-bath: fraction of updates that changed a spin. */
  acceptanceRate: number | null;
  /** Wolff: mean cluster size; Swendsen–Wang: mean cluster size (N / clusters per sweep). */
  meanClusterSize: number | null;
  /** Wolff clusters per sweep; 1 for other algorithms. */
  clustersPerSweep: number;
}

/** The result of a finished run from its accumulated state and final lattice. */
export function buildIsingResult(
  state: Omit<IsingSimulationState, 'spins' | 'stream'>,
  lattice: IsingLattice,
): IsingSimulationResult {
  const { model, temperature, algorithm, totals } = state;
  const energy = Float64Array.from(state.energy);
  const magnetization = Float64Array.from(state.magnetization);
  const absMagnetization = magnetization.map(Math.abs);
  const analysis = isingObservables({ energy, magnetization }, { sites: model.sites, temperature });
  const equilibration = equilibrationReport(state.burnInEnergy, energy);
  const warnings = [...equilibration.warnings];
  for (const [name, part] of [
    ['energy', analysis.energy],
    ['|m|', analysis.absMagnetization],
    ['m²', analysis.squaredMagnetization],
  ] as const) {
    if (!part.converged) {
      warnings.push(
        `the binning error of ${name} did not reach a plateau (τ ≈ ${part.windowed.tau.toFixed(1)} measurements, ` +
          `${part.count} measurements): its error bar may be too small; run longer`,
      );
    }
  }
  let acceptanceRate: number | null = null;
  let meanClusterSize: number | null = null;
  if (algorithm === 'metropolis' || algorithm === 'heatbath') {
    acceptanceRate = totals.siteUpdates > 0 ? totals.flippedSpins / totals.siteUpdates : null;
  } else if (algorithm === 'wolff') {
    meanClusterSize = totals.clusters > 0 ? totals.flippedSpins / totals.clusters : null;
  } else {
    meanClusterSize = totals.clusters > 0 ? (model.sites * state.sweeps) / totals.clusters : null;
  }
  return {
    model,
    temperature,
    algorithm,
    sweeps: state.sweeps,
    burnIn: state.burnIn,
    measureEvery: state.measureEvery,
    measurements: energy.length,
    observables: analysis.observables,
    tauIntegrated: {
      energy: analysis.energy.tauIntegrated,
      absMagnetization: analysis.absMagnetization.tauIntegrated,
    },
    effectiveSamples: {
      energy: analysis.energy.effectiveSamples,
      absMagnetization: analysis.absMagnetization.effectiveSamples,
    },
    analysis,
    equilibration,
    warnings,
    timeSeries: { energy, absMagnetization, magnetization },
    finalSpins: lattice.spins.slice(),
    acceptanceRate,
    meanClusterSize,
    clustersPerSweep: state.clustersPerSweep,
  };
}
