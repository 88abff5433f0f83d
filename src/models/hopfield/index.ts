/**
 * Hopfield networks: memory as energy minima.
 *
 * - Classical (Hopfield 1982): ±1 neurons, float32 couplings from Hebb's, the pseudo-inverse or
 *   Storkey's rule; asynchronous (energy never increases), synchronous (fixed points and
 *   2-cycles, batched through the kernel matrix product) and Glauber dynamics at temperature T;
 *   overlaps, and the classification of final states as retrieved, mixture or spurious.
 * - Modern: dense associative memory (Krotov–Hopfield polynomial and Demircigil exponential F)
 *   and the continuous modern network of Ramsauer et al. (ξ ← X softmax(β Xᵀξ)).
 * - Theory and measurement: the Amit–Gutfreund–Sompolinsky retrieval overlap m(α) and
 *   capacity α_c ≈ 0.138; measured capacity of every kind of memory on the same patterns.
 *
 * ```ts
 * const patterns = randomPatterns(makeKey(1), 10, 200);
 * const net = storePatterns(patterns, { rule: 'hebb' });
 * const probe = corruptPattern(makeKey(2), patterns[0], 0.1);
 * const result = recall(net, probe, { mode: 'asynchronous', key: makeKey(3) });
 * result.finalOverlaps[0];   // 1
 * ```
 */

export {
  type AgsCriticalPoint,
  type AgsSolution,
  agsCriticalPoint,
  agsRetrievalOverlap,
  erf,
} from './ags-theory.js';
export {
  asynchronousSweep,
  flipNeuron,
  type NeuronState,
  neuronState,
  neuronStateEnergy,
} from './asynchronous.js';
export {
  type CapacityOptions,
  type CapacityResult,
  MEMORY_KINDS,
  type MemoryKind,
  measureCapacity,
  type RetrievalSettings,
  type RetrievalTrial,
  type RetrievalTrialOptions,
  retrievalTrial,
} from './capacity.js';
export {
  type ClassifyStateOptions,
  classifyState,
  mixtureState,
  type StateClassification,
  type StateKind,
} from './classify.js';
export {
  type ContinuousHopfieldNetwork,
  type ContinuousHopfieldOptions,
  type ContinuousRecallOptions,
  type ContinuousRecallResult,
  continuousEnergy,
  continuousHopfield,
  continuousRecall,
  continuousUpdate,
  continuousUpdateBatch,
  patternSeparation,
  withBeta,
} from './continuous-hopfield.js';
export {
  type DenseAssociativeMemory,
  type DenseRecallOptions,
  type DenseRecallResult,
  denseAssociativeMemory,
  denseEnergy,
  denseRecall,
  type InteractionFunction,
} from './dense-associative-memory.js';
export {
  type HopfieldNetwork,
  type HopfieldNetworkOptions,
  hopfieldEnergy,
  hopfieldNetwork,
  localFields,
  localFieldsBatch,
  type StorageRule,
} from './network.js';
export {
  bitsFromSpins,
  corruptPattern,
  hammingDistance,
  MAX_NEURONS,
  overlap,
  patternOverlaps,
  type RandomPatternsOptions,
  randomPatterns,
  spinsFromBits,
} from './patterns.js';
export {
  type RecallOptions,
  type RecallResult,
  recall,
  recallBatch,
  UPDATE_MODES,
  type UpdateMode,
} from './recall.js';
export { type FieldPath, fieldPath, type WeightGrid } from './resident-weights.js';
export {
  hebbianWeights,
  type PseudoInverseOptions,
  pseudoInverseWeights,
  STORAGE_RULES,
  type StorePatternsOptions,
  storePatterns,
  storkeyWeights,
} from './storage.js';
export { FIELD_UPDATES, type FieldUpdate } from './synchronous.js';
