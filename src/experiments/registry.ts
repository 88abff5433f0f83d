/**
 * The registered experiments, in the order `physml list` and the tour show them.
 * To add one: import it and append it to `experiments` (one import, one entry).
 */

import type { Experiment } from './framework/define.js';
import { ExperimentDefinitionError, InputError } from './framework/errors.js';
import { closeNames } from './framework/suggest.js';
import { linearSystem } from './linear-system.js';
import { orthonormal } from './orthonormal.js';
import { tensorContraction } from './tensor-contraction.js';

/** Every runnable experiment, in display order. */
export const experiments: readonly Experiment[] = [linearSystem, tensorContraction, orthonormal];

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
