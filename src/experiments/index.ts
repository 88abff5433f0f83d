/**
 * Runnable experiments: the framework, the registry and the experiments themselves.
 */
export * from './framework/index.js';
export { linearSystem, randomSpdMatrix } from './linear-system.js';
export { orthonormal } from './orthonormal.js';
export { experimentNames, experiments, getExperiment } from './registry.js';
export { tensorContraction } from './tensor-contraction.js';
