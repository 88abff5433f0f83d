/**
 * Thermodynamic integration of the partition function of a spin system:
 *
 *   log Z(β) = log Z(0) − ∫₀^β ⟨E⟩_β' dβ',   log Z(0) = N ln 2,
 *
 * since ∂ log Z/∂β = −⟨E⟩. ⟨E⟩ is measured by Monte Carlo at the nodes of a quadrature rule
 * (Gauss–Legendre by default, or composite Simpson) and the integral is the weighted sum.
 *
 * The chains visit the nodes in increasing β, each starting from where it left the previous
 * node (a slow anneal, which shortens equilibration), then burn in and record the energy after
 * every sweep. A node's standard error comes from batch means over all chains' records
 * (`batchMeansStandardError`, robust to autocorrelation); the error of log Z propagates them as
 * independent, σ² = Σ wₖ² σₖ². This is the statistical error only: the quadrature error of a
 * smooth ⟨E⟩(β) falls quickly with the number of nodes and is not included. Nodes are nearly
 * independent because each is burnt in anew; a strongly glassy system at large β, where single
 * spin flips do not equilibrate, breaks that and every other assumption here.
 */
import { fold, type Key, RandomStream, split } from '../core/random/index.js';
import {
  assertInteger,
  assertKey,
  assertOneOf,
  assertOptions,
  assertPositive,
  describe,
} from '../core/validate.js';
import { batchMeansStandardError } from '../diagnostics/batch-means.js';
import { randomSpinState, refreshSpinState, type SpinState } from '../models/spin-glass/spin-state.js';
import { SPIN_UPDATE_RULES, type SpinUpdateRule, spinSweep } from '../models/spin-glass/spin-sweeps.js';
import type { SpinSystem } from '../models/spin-glass/spin-system.js';
import { entropyPerSpin, freeEnergyPerSpin } from './free-energy.js';
import { gaussLegendreRule, type QuadratureRule, simpsonRule } from './quadrature-rule.js';

/** The quadrature rules for the β integral. */
export type IntegrationRule = 'gauss-legendre' | 'simpson';

/** Options of {@link thermodynamicIntegration}. */
export interface ThermodynamicIntegrationOptions {
  /** The system. */
  system: SpinSystem;
  /** The target β > 0. */
  inverseTemperature: number;
  /** Quadrature nodes, an integer ≥ 1 (default 16; odd and ≥ 3 for Simpson). */
  nodes?: number;
  /** 'gauss-legendre' (default) or 'simpson'. */
  quadrature?: IntegrationRule;
  /** Independent chains, an integer ≥ 1 (default 4). */
  chains?: number;
  /** Recorded sweeps per chain at each node, an integer ≥ 8. */
  sweepsPerNode: number;
  /** Sweeps discarded at each node before recording, an integer ≥ 0 (default sweepsPerNode / 4, rounded down). */
  burnInSweeps?: number;
  /** 'metropolis' (default) or 'heat-bath'. */
  rule?: SpinUpdateRule;
  /** Fixes every random decision; chain c uses `fold(·, c)`. */
  key: Key;
}

/** What {@link thermodynamicIntegration} returns. */
export interface ThermodynamicIntegrationResult {
  /** log Ẑ(β). */
  readonly logPartitionFunction: number;
  /** Its statistical standard error √(Σ wₖ² σₖ²). */
  readonly standardError: number;
  /** The quadrature rule on [0, β]. */
  readonly rule: QuadratureRule;
  /** ⟨E⟩ at each node. */
  readonly meanEnergies: Float64Array;
  /** Batch-means standard error of each. */
  readonly meanEnergyErrors: Float64Array;
  /** ⟨E⟩ at β (the last Simpson node, or one more run at β after the Gauss–Legendre nodes). */
  readonly meanEnergy: number;
  /** Its standard error. */
  readonly meanEnergyError: number;
  /** −log Ẑ/(βN). */
  readonly freeEnergyPerSpin: number;
  /** σ/(βN). */
  readonly freeEnergyError: number;
  /** (β⟨E⟩ + log Ẑ)/N. */
  readonly entropyPerSpin: number;
  /** Its error, combining those of ⟨E⟩ and log Ẑ as independent. */
  readonly entropyError: number;
}

/**
 * Estimates log Z(β) by integrating the Monte Carlo mean energy over β from 0.
 *
 * ```ts
 * const ti = thermodynamicIntegration({ system, inverseTemperature: 1, sweepsPerNode: 2000, key });
 * ti.logPartitionFunction ± ti.standardError;
 * ```
 */
export function thermodynamicIntegration(
  options: ThermodynamicIntegrationOptions,
): ThermodynamicIntegrationResult {
  const where = 'thermodynamicIntegration';
  assertOptions(where, options);
  const { system, inverseTemperature: beta, sweepsPerNode, key } = options;
  if (system === null || typeof system !== 'object' || !(system.neighborOffsets instanceof Int32Array)) {
    throw new TypeError(`${where}: system must be a SpinSystem, got ${describe(system)}`);
  }
  assertPositive(where, 'inverseTemperature', beta);
  const quadrature = options.quadrature ?? 'gauss-legendre';
  assertOneOf(where, 'quadrature', quadrature, ['gauss-legendre', 'simpson']);
  const nodeCount = options.nodes ?? (quadrature === 'simpson' ? 17 : 16);
  const rule =
    quadrature === 'simpson' ? simpsonRule(nodeCount, 0, beta) : gaussLegendreRule(nodeCount, 0, beta);
  const chains = options.chains ?? 4;
  assertInteger(where, 'chains', chains, 1, 1e6);
  assertInteger(where, 'sweepsPerNode', sweepsPerNode, 8, 1e9);
  const burnInSweeps = options.burnInSweeps ?? Math.floor(sweepsPerNode / 4);
  assertInteger(where, 'burnInSweeps', burnInSweeps, 0, 1e9);
  const updateRule = options.rule ?? 'metropolis';
  assertOneOf(where, 'rule', updateRule, SPIN_UPDATE_RULES);
  assertKey(where, key);

  const [initKey, sweepKey] = split(key);
  const states: SpinState[] = Array.from({ length: chains }, (_, c) =>
    randomSpinState(system, fold(initKey, c)),
  );
  const streams = Array.from({ length: chains }, (_, c) => new RandomStream(fold(sweepKey, c)));
  const draws = Array.from({ length: chains }, () => new Float64Array(sweepsPerNode));
  /** Mean energy and its batch-means error at one β, continuing every chain from its state. */
  const measure = (nodeBeta: number): [number, number] => {
    let total = 0;
    for (let c = 0; c < chains; c++) {
      const state = states[c];
      for (let s = 0; s < burnInSweeps; s++) spinSweep(state, nodeBeta, streams[c], updateRule);
      refreshSpinState(state);
      for (let s = 0; s < sweepsPerNode; s++) {
        spinSweep(state, nodeBeta, streams[c], updateRule);
        draws[c][s] = state.energy;
        total += state.energy;
      }
    }
    return [total / (chains * sweepsPerNode), batchMeansStandardError(draws)];
  };
  const meanEnergies = new Float64Array(nodeCount);
  const meanEnergyErrors = new Float64Array(nodeCount);
  let integral = 0;
  let variance = 0;
  for (let k = 0; k < nodeCount; k++) {
    [meanEnergies[k], meanEnergyErrors[k]] = measure(rule.nodes[k]);
    integral += rule.weights[k] * meanEnergies[k];
    variance += (rule.weights[k] * meanEnergyErrors[k]) ** 2;
  }
  const [meanEnergy, meanEnergyError] =
    quadrature === 'simpson' ? [meanEnergies[nodeCount - 1], meanEnergyErrors[nodeCount - 1]] : measure(beta);
  const logZ = system.size * Math.LN2 - integral;
  const standardError = Math.sqrt(variance);
  return {
    logPartitionFunction: logZ,
    standardError,
    rule,
    meanEnergies,
    meanEnergyErrors,
    meanEnergy,
    meanEnergyError,
    freeEnergyPerSpin: freeEnergyPerSpin(logZ, beta, system.size),
    freeEnergyError: standardError / (beta * system.size),
    entropyPerSpin: entropyPerSpin(meanEnergy, logZ, beta, system.size),
    entropyError: Math.hypot(beta * meanEnergyError, standardError) / system.size,
  };
}
