/**
 * The exact finite-lattice values experiment `ising` checks a run against, from the best exact
 * method that applies to the lattice:
 * - exact enumeration of all 2^N states for N ≤ 25 (every metric; P(M) from the row transfer
 *   matrix);
 * - a chain of up to 1024 spins: the row transfer matrix (every metric, and P(M)); longer chains:
 *   the eigenvalue transfer matrix (energy, specific heat, ⟨m⟩);
 * - a periodic 2D lattice in zero field (or an antiferromagnet on an even torus): Kaufman's
 *   formula (energy, specific heat), for |J|/T ≤ 100;
 * - otherwise none.
 */
import {
  exactIsingObservables,
  isingChainTransferMatrix,
  isingDensityOfStates,
  isingRowTransfer,
  kaufmanIsing,
  MAX_ROW_TRANSFER_CHAIN,
} from '../exact/index.js';
import type { IsingModel } from '../models/ising/index.js';

/** The exact finite-lattice values a run is checked against, and what they come from. */
export interface IsingReference {
  /** The method, in words, for the reference block. */
  method: string;
  /** The exact values of the metrics the method gives. */
  values: Partial<
    Record<
      'energyPerSpin' | 'absMagnetization' | 'magnetization' | 'specificHeat' | 'susceptibility' | 'binder',
      number
    >
  >;
  /** P(M), entry u for M = 2u − N, where it is known. */
  distribution?: Float64Array;
}

/**
 * The exact values for a finite lattice at `temperature`, from the best method that applies
 * (see the module comment); `values` is empty when none does.
 */
export function isingReference(model: IsingModel, temperature: number): IsingReference {
  const { dimension, sites, width, coupling, field, boundary } = model;
  const all = (o: {
    energyPerSpin: number;
    absMagnetizationPerSpin: number;
    magnetizationPerSpin: number;
    specificHeat: number;
    susceptibility: number;
    binder: number;
  }) => ({
    energyPerSpin: o.energyPerSpin,
    absMagnetization: o.absMagnetizationPerSpin,
    magnetization: o.magnetizationPerSpin,
    specificHeat: o.specificHeat,
    susceptibility: o.susceptibility,
    binder: o.binder,
  });
  if (sites <= 25) {
    const exact = exactIsingObservables(isingDensityOfStates(model), temperature);
    return {
      method: `exact enumeration of all 2^${sites} states`,
      values: all(exact),
      // The enumeration gives no P(M); the row transfer matrix does, exactly, in milliseconds.
      distribution: isingRowTransfer(model, temperature).magnetizationDistribution,
    };
  }
  if (dimension === 1 && width <= MAX_ROW_TRANSFER_CHAIN) {
    const exact = isingRowTransfer(model, temperature);
    return {
      method: 'exact row transfer matrix over (spin, up spins) of the chain',
      values: all(exact),
      distribution: exact.magnetizationDistribution,
    };
  }
  if (dimension === 1) {
    const chain = isingChainTransferMatrix({ length: width, temperature, coupling, field, boundary });
    return {
      method: '1D transfer matrix (eigenvalues): energy, specific heat and ⟨m⟩ only',
      values: {
        energyPerSpin: chain.energyPerSpin,
        magnetization: chain.magnetizationPerSpin,
        specificHeat: chain.specificHeat,
      },
    };
  }
  // An antiferromagnet on an even torus has the ferromagnet's Z (flip one sublattice).
  const kaufmanApplies =
    boundary === 'periodic' && field === 0 && coupling !== 0 && (coupling > 0 || width % 2 === 0);
  if (kaufmanApplies && Math.abs(coupling) / temperature <= 100) {
    const exact = kaufmanIsing({ width, temperature, coupling: Math.abs(coupling) });
    return {
      method: 'Kaufman (1949), exact for the periodic L × L lattice: energy and specific heat',
      values: { energyPerSpin: exact.energyPerSpin, specificHeat: exact.specificHeat },
    };
  }
  return { method: 'none: no exact result for this finite lattice (open boundary or field)', values: {} };
}
