import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkGrad } from '../../../src/core/autodiff/index.js';
import { determinant, matrix } from '../../../src/core/linalg/index.js';
import { makeKey, normal, split } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import {
  coordinateMlp,
  dataEfficiency,
  egnn,
  forceEquivarianceErrors,
  permuteParticles,
  randomOrthogonalMatrix,
} from '../../../src/models/egnn/index.js';
import { simulateSprings, springSystem } from '../../../src/models/interaction/index.js';

const particleCount = 5;
const spatialDimension = 3;
const model = egnn({ particleCount, spatialDimension, hiddenSize: 16, layerCount: 2 });
// A baseline of comparable size: 3855 parameters against the EGNN's 3842.
const baseline = coordinateMlp({ particleCount, spatialDimension, hiddenSizes: [48, 48] });
const theta = model.initialize(makeKey(1));
const baselineTheta = baseline.initialize(makeKey(2));
const positions = normal(makeKey(3), 4 * particleCount * spatialDimension);

function asFunction(forces: (p: Float64Array, x: T.Tensor) => T.Tensor, parameters: Float64Array) {
  return (x: Float64Array) =>
    Float64Array.from(
      forces(
        parameters,
        T.fromData(x, [x.length / (particleCount * spatialDimension), particleCount, spatialDimension]),
      ).data,
    );
}

describe('randomOrthogonalMatrix', () => {
  it('draws orthogonal matrices with the requested determinant', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        (seed, n, improper) => {
          const q = randomOrthogonalMatrix(makeKey(seed), n, { improper });
          for (let i = 0; i < n; i++) {
            for (let j = 0; j < n; j++) {
              let dot = 0;
              for (let k = 0; k < n; k++) dot += q[k * n + i] * q[k * n + j];
              if (Math.abs(dot - (i === j ? 1 : 0)) > 1e-14) return false;
            }
          }
          return Math.abs(determinant(matrix(n, n, q)) - (improper ? -1 : 1)) < 1e-13;
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('egnn', () => {
  it('is E(3)- and permutation-equivariant to float64 round-off; the baseline is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e6 }), (seed) => {
        const errors = forceEquivarianceErrors(asFunction(model.forces, theta), positions, {
          particleCount,
          spatialDimension,
          key: makeKey(seed),
        });
        // Measured ≤ 3e-15 over 20 draws (the coordinate update is summed layer by layer, so a small force is
        // not the difference of two O(1) positions).
        return Object.values(errors).every((error) => error < 1e-12);
      }),
      { numRuns: 5 },
    );
    const errors = forceEquivarianceErrors(asFunction(baseline.forces, baselineTheta), positions, {
      particleCount,
      spatialDimension,
      key: makeKey(4),
    });
    // Measured 2.2, 2.0, 1.6 and 1.7: the output changes by as much as it is.
    for (const [kind, error] of Object.entries(errors))
      assert.ok(error > 0.1, `baseline ${kind} error ${error}`);
  });

  it('is equivariant in the plane and with per-particle features too', () => {
    const planar = egnn({
      particleCount: 4,
      spatialDimension: 2,
      featureSize: 2,
      hiddenSize: 8,
      layerCount: 3,
    });
    const parameters = planar.initialize(makeKey(5));
    const x = normal(makeKey(6), 3 * 8);
    const features = normal(makeKey(7), 3 * 4 * 2);
    const forces = (points: Float64Array) =>
      Float64Array.from(
        planar.forces(parameters, T.fromData(points, [3, 4, 2]), T.fromData(features, [3, 4, 2])).data,
      );
    // Rotations, reflections and translations leave per-particle features alone.
    const { rotation, reflection, translation } = forceEquivarianceErrors(forces, x, {
      particleCount: 4,
      spatialDimension: 2,
      key: makeKey(8),
    });
    assert.ok(
      Math.max(rotation, reflection, translation) < 1e-12,
      `${rotation}, ${reflection}, ${translation}`,
    );
    // A relabelling permutes features along with positions.
    const order = [2, 0, 3, 1];
    const permuted = planar.forces(
      parameters,
      T.fromData(permuteParticles(x, order, 4, 2), [3, 4, 2]),
      T.fromData(permuteParticles(features, order, 4, 2), [3, 4, 2]),
    ).data;
    const expected = permuteParticles(forces(x), order, 4, 2);
    for (let i = 0; i < expected.length; i++) assert.ok(Math.abs(permuted[i] - expected[i]) < 1e-14);
  });

  it('returns x_L = x_0 + forces and has exact parameter gradients', () => {
    const x = T.fromData(positions, [4, particleCount, spatialDimension]);
    const { positions: moved, features, displacement } = model.apply(theta, x);
    assert.deepEqual(features.shape, [4, particleCount, 16]);
    for (let i = 0; i < positions.length; i++) {
      assert.ok(Math.abs(moved.data[i] - positions[i] - displacement.data[i]) < 1e-15);
    }
    const small = egnn({ particleCount: 3, spatialDimension: 2, hiddenSize: 4, layerCount: 2 });
    const points = T.fromData(normal(makeKey(9), 2 * 6), [2, 3, 2]);
    const report = checkGrad(
      (p) => T.sum(T.mul(small.forces(p, points), small.forces(p, points))),
      T.tensor(small.initialize(makeKey(10))),
      {
        step: 1e-5,
        tolerance: 1e-7,
      },
    );
    assert.ok(report.ok);
  });

  it('rejects bad shapes and options', () => {
    assert.throws(() => egnn({ particleCount: 1 }), /particleCount must be an integer in \[2, 1024\]/);
    assert.throws(() => egnn({ particleCount: 3, layerCount: 0 }), /layerCount/);
    assert.throws(
      () => model.forces(theta, T.zeros([1, 4, 3])),
      /positions must be a tensor of shape \[batch, 5, 3\]/,
    );
    assert.throws(() => model.forces(theta.subarray(1), T.zeros([1, 5, 3])), /parameterCount/);
    assert.throws(() => randomOrthogonalMatrix(makeKey(1), 0), /dimension must be/);
  });
});

describe('dataEfficiency', () => {
  it('shows the EGNN learning spring forces from far fewer configurations than the baseline', () => {
    // 4 particles in 3-D, all pairs joined by springs (k = 1, L = 1); EGNN: 1 layer of width 8
    // (521 parameters); baseline: MLP [12, 16, 16, 12] (684); 60 Adam steps at 1e-2 per fit.
    const system = springSystem({ particleCount: 4, spatialDimension: 3 });
    const [trainKey, testKey, fitKey] = split(makeKey(0), 3);
    const train = simulateSprings(system, { simulationCount: 8, framesPerSimulation: 7, key: trainKey });
    const test = simulateSprings(system, { simulationCount: 4, framesPerSimulation: 7, key: testKey });
    const result = dataEfficiency({
      models: {
        egnn: egnn({ particleCount: 4, spatialDimension: 3, hiddenSize: 8, layerCount: 1 }),
        baseline: coordinateMlp({ particleCount: 4, spatialDimension: 3, hiddenSizes: [16, 16] }),
      },
      train,
      test,
      trainingSizes: [4, 32],
      numSteps: 60,
      key: fitKey,
    });
    const { egnn: equivariant, baseline: plain } = result.testMse;
    assert.deepEqual(result.trainingSizes, [4, 32]);
    // Measured: EGNN 0.019 and 0.026; baseline 1.82 and 1.74 (the forces' mean square is 1.9).
    assert.ok(
      equivariant[0] < plain[1] / 10,
      `EGNN with 4 configurations ${equivariant[0]}, baseline with 32 ${plain[1]}`,
    );
    assert.ok(Math.max(...equivariant) < 0.1, `EGNN ${equivariant}`);
    assert.throws(
      () => dataEfficiency({ ...{ models: {}, train, test, trainingSizes: [4], numSteps: 1, key: fitKey } }),
      /models/,
    );
  });
});
