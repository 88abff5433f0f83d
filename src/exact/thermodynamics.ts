/**
 * Exact thermodynamics of a small Ising lattice from its density of states g(B, M): with
 * E = −J B − h M, every average is a finite sum
 *
 *   ⟨f⟩ = Σ g(B, M) f(B, M) exp(−E/T) / Z,   Z = Σ g(B, M) exp(−E/T),
 *
 * evaluated with log-sum-exp (weights exp(−E/T − max)), so any temperature works, however low.
 * Variances are taken about the mean (two passes), free of cancellation.
 */
import type { IsingModel, IsingModelOptions } from '../models/ising/model.js';
import { type IsingDensityOfStates, isingDensityOfStates } from './enumeration.js';
import { assertFinite, assertPositive, describe } from './validate.js';

/** Options of `exactIsingObservables`: J and h other than the model's. */
export interface ExactIsingOptions {
  /** Coupling J; the enumerated model's by default. */
  coupling?: number;
  /** Field h; the enumerated model's by default. */
  field?: number;
}

/** Exact equilibrium observables of a finite lattice (per spin where it says so). */
export interface ExactIsingObservables {
  /** T. */
  temperature: number;
  /** Number of spins N. */
  sites: number;
  /** ln Z. */
  logPartitionFunction: number;
  /** f = −T ln Z / N. */
  freeEnergyPerSpin: number;
  /** s = (u − f)/T. */
  entropyPerSpin: number;
  /** u = ⟨E⟩/N. */
  energyPerSpin: number;
  /** C = Var(E)/(N T²) = N(⟨e²⟩ − ⟨e⟩²)/T². */
  specificHeat: number;
  /** ⟨m⟩ = ⟨M⟩/N. */
  magnetizationPerSpin: number;
  /** ⟨|m|⟩. */
  absMagnetizationPerSpin: number;
  /** ⟨m²⟩. */
  secondMoment: number;
  /** ⟨m⁴⟩. */
  fourthMoment: number;
  /** χ = N(⟨m²⟩ − ⟨|m|⟩²)/T. */
  susceptibility: number;
  /** χ' = N⟨m²⟩/T. */
  susceptibilityFromSecondMoment: number;
  /** N(⟨m²⟩ − ⟨m⟩²)/T. */
  susceptibilityConnected: number;
  /** U = 1 − ⟨m⁴⟩/(3⟨m²⟩²). */
  binder: number;
}

/**
 * Exact observables at `temperature` from a density of states (from `isingDensityOfStates`).
 */
export function exactIsingObservables(
  densityOfStates: IsingDensityOfStates,
  temperature: number,
  options: ExactIsingOptions = {},
): ExactIsingObservables {
  const where = 'exactIsingObservables';
  if (
    densityOfStates === null ||
    typeof densityOfStates !== 'object' ||
    !(densityOfStates.counts instanceof Float64Array)
  ) {
    throw new TypeError(
      `${where}: densityOfStates must come from isingDensityOfStates, got ${describe(densityOfStates)}`,
    );
  }
  assertPositive(where, 'temperature', temperature);
  const coupling = options.coupling ?? densityOfStates.model.coupling;
  const field = options.field ?? densityOfStates.model.field;
  assertFinite(where, 'coupling', coupling);
  assertFinite(where, 'field', field);
  const { bondSums, magnetizations, counts } = densityOfStates;
  const sites = densityOfStates.model.sites;
  const entries = counts.length;
  const exponents = new Float64Array(entries);
  let top = Number.NEGATIVE_INFINITY;
  for (let e = 0; e < entries; e++) {
    exponents[e] = Math.log(counts[e]) + (coupling * bondSums[e] + field * magnetizations[e]) / temperature;
    if (exponents[e] > top) top = exponents[e];
  }
  const weights = new Float64Array(entries);
  let total = 0;
  for (let e = 0; e < entries; e++) {
    weights[e] = Math.exp(exponents[e] - top);
    total += weights[e];
  }
  const average = (f: (e: number) => number): number => {
    let sum = 0;
    for (let e = 0; e < entries; e++) sum += weights[e] * f(e);
    return sum / total;
  };
  const energy = (e: number) => -coupling * bondSums[e] - field * magnetizations[e];
  const meanEnergy = average(energy);
  const energyVariance = average((e) => (energy(e) - meanEnergy) ** 2);
  const meanM = average((e) => magnetizations[e]);
  const meanAbsM = average((e) => Math.abs(magnetizations[e]));
  const varianceM = average((e) => (magnetizations[e] - meanM) ** 2);
  const varianceAbsM = average((e) => (Math.abs(magnetizations[e]) - meanAbsM) ** 2);
  const meanM2 = average((e) => magnetizations[e] ** 2);
  const meanM4 = average((e) => magnetizations[e] ** 4);
  const logPartitionFunction = top + Math.log(total);
  const energyPerSpin = meanEnergy / sites;
  const freeEnergyPerSpin = (-temperature * logPartitionFunction) / sites;
  return {
    temperature,
    sites,
    logPartitionFunction,
    freeEnergyPerSpin,
    entropyPerSpin: (energyPerSpin - freeEnergyPerSpin) / temperature,
    energyPerSpin,
    specificHeat: energyVariance / (sites * temperature * temperature),
    magnetizationPerSpin: meanM / sites,
    absMagnetizationPerSpin: meanAbsM / sites,
    secondMoment: meanM2 / sites ** 2,
    fourthMoment: meanM4 / sites ** 4,
    susceptibility: varianceAbsM / (sites * temperature),
    susceptibilityFromSecondMoment: meanM2 / (sites * temperature),
    susceptibilityConnected: varianceM / (sites * temperature),
    // Divided in two steps so ⟨m²⟩ ≈ 1e-200 (frozen antiferromagnets) cannot overflow to −∞.
    binder: 1 - meanM4 / meanM2 / (3 * meanM2),
  };
}

/**
 * Exact observables of a small lattice at one temperature: `isingDensityOfStates` then
 * `exactIsingObservables`. To scan temperatures, enumerate once and call the latter repeatedly.
 */
export function enumerateIsing(
  model: IsingModel | IsingModelOptions,
  temperature: number,
): ExactIsingObservables {
  return exactIsingObservables(isingDensityOfStates(model), temperature);
}
