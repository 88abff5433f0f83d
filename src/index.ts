/**
 * physml: the physics of learning. The numeric core at the top level; the building blocks
 * and the experiment framework under their own subpaths (`physml/energies`, `physml/mcmc`,
 * `physml/experiments`, …), which tree-shake independently.
 */
export * from './core/index.js';
