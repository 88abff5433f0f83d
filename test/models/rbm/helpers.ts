/** Shared helpers of the RBM tests: small random models and brute-force references. */
import { makeKey, normal, split, uniform } from '../../../src/core/random/index.js';
import { createRbm, type Rbm, rbmEnergy, type VisibleUnits } from '../../../src/models/rbm/index.js';

/** An RBM with N(0, scale²) weights and biases, all from `seed`. */
export function randomRbm(
  visibleCount: number,
  hiddenCount: number,
  seed: number,
  scale = 1,
  visibleUnits: VisibleUnits = 'bernoulli',
): Rbm {
  const [w, b, c] = split(makeKey(seed), 3);
  return createRbm({
    visibleCount,
    hiddenCount,
    visibleUnits,
    weights: normal(w, visibleCount * hiddenCount, { std: scale }),
    visibleBias: normal(b, visibleCount, { std: scale }),
    hiddenBias: normal(c, hiddenCount, { std: scale }),
  });
}

/** The bits of `index` as a 0/1 vector of `length`. */
export function bits(index: number, length: number): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (index >> i) & 1;
  return out;
}

/** log Σ_{v,h} e^−E(v,h) over all joint configurations of a Bernoulli RBM (brute force). */
export function bruteForceLogZ(rbm: Rbm): number {
  const terms: number[] = [];
  for (let v = 0; v < 2 ** rbm.visibleCount; v++) {
    const visible = bits(v, rbm.visibleCount);
    for (let h = 0; h < 2 ** rbm.hiddenCount; h++)
      terms.push(-rbmEnergy(rbm, visible, bits(h, rbm.hiddenCount)));
  }
  const maximum = Math.max(...terms);
  return maximum + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - maximum), 0));
}

/** log Σ_h e^−E(v,h) for one visible vector (brute force over h) = −F(v). */
export function bruteForceNegativeFreeEnergy(rbm: Rbm, visible: ArrayLike<number>): number {
  const terms: number[] = [];
  for (let h = 0; h < 2 ** rbm.hiddenCount; h++)
    terms.push(-rbmEnergy(rbm, visible, bits(h, rbm.hiddenCount)));
  const maximum = Math.max(...terms);
  return maximum + Math.log(terms.reduce((sum, t) => sum + Math.exp(t - maximum), 0));
}

/** Rows of binary data around three prototypes, each bit flipped with probability `noise`. */
export function noisyPrototypes(visibleCount: number, rows: number, seed: number, noise = 0.1): Float64Array {
  const draws = uniform(makeKey(seed), rows * visibleCount);
  const prototypes = [0, 1, 2].map((p) => bits((0x9e3779b9 * (p + 1)) >>> (32 - visibleCount), visibleCount));
  const data = new Float64Array(rows * visibleCount);
  for (let r = 0; r < rows; r++) {
    const prototype = prototypes[r % 3];
    for (let i = 0; i < visibleCount; i++) {
      const flip = draws[r * visibleCount + i] < noise;
      data[r * visibleCount + i] = flip ? 1 - prototype[i] : prototype[i];
    }
  }
  return data;
}
