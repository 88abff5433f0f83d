/**
 * An E(n)-equivariant graph neural network (Satorras, Hoogeboom & Welling 2021, "E(n)
 * Equivariant Graph Neural Networks"), on the fully connected graph of N particles. Layer l:
 *
 *   m_ij   = φ_e(h_i, h_j, ‖x_i − x_j‖²)                       (messages, invariant)
 *   x_i   ← x_i + C Σ_{j≠i} (x_i − x_j) φ_x(m_ij),  C = 1/(N − 1) (coordinates, equivariant)
 *   h_i   ← h_i + φ_h(h_i, Σ_{j≠i} m_ij)                         (features, invariant)
 *
 * Positions enter only through squared distances (invariant under rotations, reflections and
 * translations) and the coordinate update is a combination of differences x_i − x_j with
 * invariant weights, so rotating/reflecting the input rotates/reflects x, translating it
 * translates x, and permuting the particles permutes everything: E(n) × S_N equivariance by
 * construction. The predicted FORCE is the total coordinate update x_L − x_0 (summed layer by
 * layer, not subtracted), which rotates with the input and is unchanged by translations. φ_e, φ_h are two-layer SiLU MLPs (theirs);
 * φ_x is a two-layer MLP with a scalar output whose last layer starts small (their xavier
 * gain 0.001) so that deep stacks start close to the identity. The input features h⁰ are a
 * linear embedding of per-particle attributes (ones when there are none).
 */
import type { Key } from '../../core/random/index.js';
import { split } from '../../core/random/index.js';
import * as T from '../../core/tensor/index.js';
import {
  type ActivationName,
  type MlpArchitecture,
  type MlpParameters,
  mlpArchitecture,
} from '../mlp/index.js';

/** Options of {@link egnn}. */
export interface EgnnOptions {
  /** N ≥ 2 particles (the graph is fully connected). */
  particleCount: number;
  /** D ≥ 1 (default 3). */
  spatialDimension?: number;
  /** F ≥ 1 attributes per particle (default 1; pass ones when particles are alike). */
  featureSize?: number;
  /** Width H of features and messages (default 32). */
  hiddenSize?: number;
  /** Number L ≥ 1 of equivariant layers (default 4, theirs). */
  layerCount?: number;
  /** Activation of φ_e, φ_x, φ_h (default 'swish', i.e. SiLU, theirs). */
  activation?: ActivationName;
}

/** The output of one forward pass. */
export interface EgnnOutput {
  /** x_L [B, N, D]. */
  positions: T.Tensor;
  /** h_L [B, N, H]. */
  features: T.Tensor;
  /** x_L − x_0 [B, N, D], accumulated layer by layer (no cancellation against x_0). */
  displacement: T.Tensor;
}

/** An EGNN architecture: a pure function of (parameters, positions, features). */
export interface Egnn {
  readonly particleCount: number;
  readonly spatialDimension: number;
  readonly featureSize: number;
  readonly hiddenSize: number;
  readonly layerCount: number;
  readonly parameterCount: number;
  /** Fresh parameters: Xavier everywhere, φ_x's last layer scaled by 0.001. */
  initialize(key: Key): Float64Array;
  /** x_L and h_L for positions [B, N, D] and features [B, N, F] (default ones). */
  apply(parameters: MlpParameters, positions: T.Tensor, features?: T.Tensor): EgnnOutput;
  /** The predicted forces: the displacement x_L − x_0 [B, N, D]; differentiable in both. */
  forces(parameters: MlpParameters, positions: T.Tensor, features?: T.Tensor): T.Tensor;
}

interface Block {
  network: MlpArchitecture;
  offset: number;
}

function checkInteger(value: number, name: string, low: number, high: number): number {
  if (!Number.isInteger(value) || value < low || value > high) {
    throw new Error(`${name} must be an integer in [${low}, ${high}], got ${String(value)}`);
  }
  return value;
}

/** The parameters of one sub-network, as a view (array) or a slice (tensor). */
function blockParameters(parameters: MlpParameters, block: Block): MlpParameters {
  const end = block.offset + block.network.parameterCount;
  return parameters instanceof T.Tensor
    ? T.slice(parameters, [block.offset], [end])
    : parameters.subarray(block.offset, end);
}

/** Builds an EGNN (see the module comment). */
export function egnn(options: EgnnOptions): Egnn {
  if (options === null || typeof options !== 'object') throw new Error('options must be an object');
  const n = checkInteger(options.particleCount, 'particleCount', 2, 1024);
  const d = checkInteger(options.spatialDimension ?? 3, 'spatialDimension', 1, 64);
  const featureSize = checkInteger(options.featureSize ?? 1, 'featureSize', 1, 4096);
  const hidden = checkInteger(options.hiddenSize ?? 32, 'hiddenSize', 1, 4096);
  const layerCount = checkInteger(options.layerCount ?? 4, 'layerCount', 1, 64);
  const activation = options.activation ?? 'swish';
  let offset = 0;
  const block = (sizes: number[], outputActivation: ActivationName): Block => {
    const network = mlpArchitecture({ sizes, activation, outputActivation });
    const made = { network, offset };
    offset += network.parameterCount;
    return made;
  };
  const embedding = block([featureSize, hidden], 'identity');
  const layers = Array.from({ length: layerCount }, () => ({
    edge: block([2 * hidden + 1, hidden, hidden], activation),
    coordinate: block([hidden, hidden, 1], 'identity'),
    node: block([2 * hidden, hidden, hidden], 'identity'),
  }));
  const parameterCount = offset;

  // Ordered edges (i, j), i ≠ j; `toNode` [N, E] sums edge quantities onto their node i.
  const edgeCount = n * (n - 1);
  const source = new Int32Array(edgeCount);
  const target = new Int32Array(edgeCount);
  const toNode = new Float64Array(n * edgeCount);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      source[e] = i;
      target[e] = j;
      toNode[i * edgeCount + e] = 1;
      e++;
    }
  }
  const aggregate = T.fromData(toNode, [n, edgeCount]);
  const normalization = 1 / (n - 1);

  const checkInputs = (positions: T.Tensor, features?: T.Tensor): T.Tensor => {
    if (
      !(positions instanceof T.Tensor) ||
      positions.rank !== 3 ||
      positions.shape[1] !== n ||
      positions.shape[2] !== d
    ) {
      const shape = positions instanceof T.Tensor ? T.formatShape(positions.shape) : String(positions);
      throw new Error(`positions must be a tensor of shape [batch, ${n}, ${d}], got ${shape}`);
    }
    const batch = positions.shape[0];
    if (features === undefined) return T.ones([batch, n, featureSize]);
    if (!(features instanceof T.Tensor) || features.rank !== 3 || features.shape[0] !== batch) {
      throw new Error(`features must be a tensor of shape [${batch}, ${n}, ${featureSize}]`);
    }
    if (features.shape[1] !== n || features.shape[2] !== featureSize) {
      throw new Error(`features must be a tensor of shape [${batch}, ${n}, ${featureSize}]`);
    }
    return features;
  };

  // An MLP on the last axis of a rank-3 tensor (the MLP itself takes [rows, inputs]).
  const applyRows = (blockOf: Block, parameters: MlpParameters, x: T.Tensor): T.Tensor => {
    const [a, b, c] = x.shape;
    const out = blockOf.network.apply(blockParameters(parameters, blockOf), T.reshape(x, [a * b, c]));
    return T.reshape(out, [a, b, out.shape[1]]);
  };

  const apply = (parameters: MlpParameters, positions: T.Tensor, features?: T.Tensor): EgnnOutput => {
    const length = parameters instanceof T.Tensor ? parameters.size : parameters?.length;
    if (length !== parameterCount) {
      throw new Error(
        `parameters must have length parameterCount = ${parameterCount}, got ${String(length)}`,
      );
    }
    let h = applyRows(embedding, parameters, checkInputs(positions, features));
    let x = positions;
    // Σ_l Δx_l, accumulated on its own: x_L − x_0 would cancel O(|x|) digits of a small force.
    let displacement: T.Tensor | null = null;
    for (const layer of layers) {
      const difference = T.sub(T.gather(x, 1, source), T.gather(x, 1, target));
      const squaredDistance = T.sum(T.mul(difference, difference), 2, true);
      const messages = applyRows(
        layer.edge,
        parameters,
        T.concat([T.gather(h, 1, source), T.gather(h, 1, target), squaredDistance], 2),
      );
      const weights = applyRows(layer.coordinate, parameters, messages);
      const update = T.mul(normalization, T.matmul(aggregate, T.mul(difference, weights)));
      x = T.add(x, update);
      displacement = displacement === null ? update : T.add(displacement, update);
      const received = T.matmul(aggregate, messages);
      h = T.add(h, applyRows(layer.node, parameters, T.concat([h, received], 2)));
    }
    return { positions: x, features: h, displacement: displacement as T.Tensor };
  };

  return {
    particleCount: n,
    spatialDimension: d,
    featureSize,
    hiddenSize: hidden,
    layerCount,
    parameterCount,
    initialize(key) {
      const parameters = new Float64Array(parameterCount);
      const blocks = [embedding, ...layers.flatMap((layer) => [layer.edge, layer.coordinate, layer.node])];
      const keys = split(key, blocks.length);
      blocks.forEach((b, index) => {
        parameters.set(b.network.initialize('xavier', keys[index]), b.offset);
      });
      for (const layer of layers) {
        const last = layer.coordinate.network.views(
          blockParameters(parameters, layer.coordinate) as Float64Array,
        )[1];
        for (let i = 0; i < last.weight.length; i++) last.weight[i] *= 0.001;
      }
      return parameters;
    },
    apply,
    forces: (parameters, positions, features) => apply(parameters, positions, features).displacement,
  };
}
