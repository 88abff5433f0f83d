/**
 * The registered experiments, in the order `physml list` and the tour show them.
 * To add one: import it and append it to `experiments` (one import, one entry).
 */

import { cyclicalLr } from './cyclical-lr.js';
import { denseMemory } from './dense-memory.js';
import { doubleWellAnnealing } from './double-well-annealing.js';
import { ebm2d } from './ebm-2d.js';
import { egnnExperiment } from './egnn.js';
import type { Experiment } from './framework/define.js';
import { ExperimentDefinitionError, InputError } from './framework/errors.js';
import { closeNames } from './framework/suggest.js';
import { gradientFlow } from './gradient-flow.js';
import { hmcExperiment } from './hmc.js';
import { hnn } from './hnn.js';
import { hopfieldCapacity } from './hopfield-capacity.js';
import { hopfieldRecall } from './hopfield-recall.js';
import { interactionNetworkExperiment } from './interaction-network.js';
import { ising } from './ising.js';
import { isingExact } from './ising-exact.js';
import { isingPhase } from './ising-phase.js';
import { langevinWideNarrow } from './langevin-wide-narrow.js';
import { linearSystem } from './linear-system.js';
import { momentum } from './momentum.js';
import { optimizers } from './optimizers.js';
import { orthonormal } from './orthonormal.js';
import { partitionFunction } from './partition-function.js';
import { pinnBurgers } from './pinn-burgers.js';
import { pinnElasticity } from './pinn-elasticity.js';
import { pinnHeat } from './pinn-heat.js';
import { pinnInverseHeat } from './pinn-inverse-heat.js';
import { pinnPoisson } from './pinn-poisson.js';
import { rbm } from './rbm.js';
import { rbmExact } from './rbm-exact.js';
import { spinGlass } from './spin-glass.js';
import { tensorContraction } from './tensor-contraction.js';
import { tspHopfield } from './tsp-hopfield.js';

/** Every runnable experiment, in display order. */
export const experiments: readonly Experiment[] = [
  linearSystem,
  tensorContraction,
  orthonormal,
  gradientFlow,
  momentum,
  optimizers,
  cyclicalLr,
  langevinWideNarrow,
  doubleWellAnnealing,
  hmcExperiment,
  ising,
  isingExact,
  isingPhase,
  spinGlass,
  partitionFunction,
  ebm2d,
  hopfieldRecall,
  hopfieldCapacity,
  denseMemory,
  tspHopfield,
  rbm,
  rbmExact,
  pinnHeat,
  pinnPoisson,
  pinnBurgers,
  pinnElasticity,
  pinnInverseHeat,
  hnn,
  egnnExperiment,
  interactionNetworkExperiment,
];

/** Throws at import time if two experiments share a name (a registry bug, not a user error). */
function assertUniqueNames(list: readonly Experiment[]): void {
  const seen = new Set<string>();
  for (const experiment of list) {
    if (seen.has(experiment.name)) {
      throw new ExperimentDefinitionError(`two experiments are registered as "${experiment.name}"`);
    }
    seen.add(experiment.name);
  }
}
assertUniqueNames(experiments);

/** The names of all registered experiments, in display order. */
export function experimentNames(): string[] {
  return experiments.map((experiment) => experiment.name);
}

/**
 * The experiment called `name`; throws an InputError listing the available ones (and the
 * closest names) otherwise.
 */
export function getExperiment(name: string): Experiment {
  const found = experiments.find((experiment) => experiment.name === name);
  if (found !== undefined) return found;
  const names = experimentNames();
  const close = closeNames(name, names);
  const suggestion = close.length > 0 ? `; did you mean ${close.map((c) => `"${c}"`).join(' or ')}?` : '';
  throw new InputError(`unknown experiment "${name}"; available: ${names.join(', ')}${suggestion}`);
}
