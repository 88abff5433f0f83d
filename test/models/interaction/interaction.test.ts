import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, normal, split } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import {
  forceMse,
  interactionNetwork,
  type ParticleRollout,
  particlePairs,
  simulateSprings,
  springSystem,
  totalMomentum,
  trainForceModel,
  velocityVerletRollout,
} from '../../../src/models/interaction/index.js';
import { mlp } from '../../../src/models/mlp/index.js';
import { adam } from '../../../src/optim/index.js';

const particleCount = 5;
const spatialDimension = 2;
const system = springSystem({ particleCount, spatialDimension, masses: [1, 2, 0.5, 1, 1.5] });
const [trainKey, testKey, initKey, batchKey, stateKey] = split(makeKey(2024), 5);
const train = simulateSprings(system, { simulationCount: 10, framesPerSimulation: 5, key: trainKey });
const test = simulateSprings(system, { simulationCount: 4, framesPerSimulation: 5, key: testKey });
const model = interactionNetwork({ particleCount, spatialDimension, hiddenSizes: [16, 16] });
const randomWeights = model.initialize(initKey);

// Initial conditions with a non-zero total momentum, so relative drift is meaningful.
const [positionKey, velocityKey] = split(stateKey);
const initialPositions = normal(positionKey, particleCount * spatialDimension);
const initialVelocities = normal(velocityKey, particleCount * spatialDimension, { mean: 0.3, std: 0.5 });

/**
 * max_t |P(t) − P(0)| / max_t Σ_i m_i|v_i(t)|: the change of total momentum relative to the
 * momentum scale it is rounded against (random weights can accelerate the particles a lot).
 */
function momentumDrift(path: ParticleRollout): number {
  const width = particleCount * spatialDimension;
  let scale = 0;
  for (let f = 0; f < path.times.length; f++) {
    let frameScale = 0;
    for (let i = 0; i < width; i++) {
      frameScale +=
        system.masses[Math.floor(i / spatialDimension)] * Math.abs(path.velocities[f * width + i]);
    }
    scale = Math.max(scale, frameScale);
  }
  let worst = 0;
  for (let i = spatialDimension; i < path.momentum.length; i++) {
    worst = Math.max(worst, Math.abs(path.momentum[i] - path.momentum[i % spatialDimension]));
  }
  return worst / scale;
}

function rollOut(force: (x: Float64Array, out: Float64Array) => void, numSteps: number) {
  return velocityVerletRollout(force, {
    masses: system.masses,
    spatialDimension,
    positions: initialPositions,
    velocities: initialVelocities,
    stepSize: 0.01,
    numSteps,
    saveEvery: 100,
  });
}

describe('springs data', () => {
  it('has forces −∇U that match finite differences and sum to zero', () => {
    const x = normal(makeKey(1), particleCount * spatialDimension);
    const forces = system.forces(x);
    const step = 1e-6;
    for (let i = 0; i < x.length; i++) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[i] += step;
      minus[i] -= step;
      const derivative = (system.potential.energy(plus) - system.potential.energy(minus)) / (2 * step);
      assert.ok(Math.abs(forces[i] + derivative) < 1e-8, `coordinate ${i}`);
    }
    const sum = totalMomentum([1, 1, 1, 1, 1], forces, spatialDimension);
    assert.ok(Math.hypot(...sum) < 1e-14);
    assert.equal(particlePairs(4).count, 6);
  });

  it('simulates with leapfrog: frames hold the true forces, energy and momentum are conserved', () => {
    assert.equal(train.count, 60);
    const width = particleCount * spatialDimension;
    for (const row of [0, 7, 59]) {
      const positions = train.positions.subarray(row * width, (row + 1) * width);
      assert.deepEqual(system.forces(positions), train.forces.subarray(row * width, (row + 1) * width));
    }
    const energy = (row: number) => {
      const v = train.velocities.subarray(row * width, (row + 1) * width);
      let kinetic = 0;
      for (let i = 0; i < width; i++)
        kinetic += 0.5 * system.masses[Math.floor(i / spatialDimension)] * v[i] ** 2;
      return kinetic + system.potential.energy(train.positions.subarray(row * width, (row + 1) * width));
    };
    const momentum = (row: number) =>
      totalMomentum(
        system.masses,
        train.velocities.subarray(row * width, (row + 1) * width),
        spatialDimension,
      );
    // Leapfrog at h = 0.01: an O(h²) ≈ 1e-4 relative energy oscillation, no drift.
    assert.ok(Math.abs(energy(5) - energy(0)) < 1e-3 * Math.abs(energy(0)));
    assert.ok(Math.abs(momentum(5)[0] - momentum(0)[0]) < 1e-13);
  });
});

describe('interactionNetwork', () => {
  it('makes pair forces antisymmetric, so the forces sum to zero for any weights', () => {
    const positions = test.positions.subarray(0, 3 * particleCount * spatialDimension);
    const batched = model.forces(
      randomWeights,
      T.fromData(positions, [3, particleCount, spatialDimension]),
    ).data;
    const single = model.evaluateForces(
      randomWeights,
      positions.subarray(0, particleCount * spatialDimension),
    );
    let scale = 0;
    for (let i = 0; i < single.length; i++) {
      assert.ok(Math.abs(batched[i] - single[i]) < 1e-14, 'the tensor and the fast path agree');
      scale += Math.abs(single[i]);
    }
    const sum = totalMomentum([1, 1, 1, 1, 1], single, spatialDimension);
    assert.ok(Math.hypot(...sum) < 1e-15 * scale, `Σ F = ${sum}`);
    assert.throws(
      () => model.forces(randomWeights, T.zeros([1, 4, 2])),
      /positions must be a tensor of shape/,
    );
    assert.throws(() => interactionNetwork({ particleCount: 1 }), /particleCount must be an integer/);
  });

  it('conserves total momentum to round-off over 10⁴ velocity-Verlet steps with random weights', () => {
    const path = rollOut((x, out) => model.evaluateForces(randomWeights, x, out), 10_000);
    assert.equal(path.times.length, 101);
    const drift = momentumDrift(path);
    // Measured 1.1e-15 (the random φ_θ is repulsive and the particles fly apart, |P| scale
    // 6.4 → 3069): each kick adds the rounding of Σ_i F_i, nothing else.
    assert.ok(drift < 1e-12, `relative momentum drift ${drift}`);
  });

  it('(control) a force without Newton’s third law does not conserve momentum', () => {
    // f_ij = g(x_i − x_j) with g a generic MLP ℝ² → ℝ²: g(−r) ≠ −g(r). (Non-zero biases: with
    // zero biases a tanh MLP is an odd function and would obey the third law by accident.)
    const g = mlp({ sizes: [2, 16, 2], init: { weightStd: 1, biasStd: 0.5 }, key: makeKey(5) });
    const force = (x: Float64Array, out: Float64Array) => {
      const differences: number[][] = [];
      for (let i = 0; i < particleCount; i++) {
        for (let j = 0; j < particleCount; j++) {
          if (i !== j) differences.push([x[2 * i] - x[2 * j], x[2 * i + 1] - x[2 * j + 1]]);
        }
      }
      const pairForces = g.apply(g.parameters, T.tensor(differences)).data;
      out.fill(0);
      let e = 0;
      for (let i = 0; i < particleCount; i++) {
        for (let j = 0; j < particleCount; j++) {
          if (i === j) continue;
          out[2 * i] += pairForces[2 * e];
          out[2 * i + 1] += pairForces[2 * e + 1];
          e++;
        }
      }
    };
    const drift = momentumDrift(rollOut(force, 200));
    assert.ok(drift > 1e-2, `relative momentum drift ${drift}`);
  });

  it('learns the spring forces: held-out error falls, φ_θ approaches the true pair law', () => {
    const { parameters, losses } = trainForceModel(model, train, {
      parameters: randomWeights,
      numSteps: 150,
      batchSize: 16,
      key: batchKey,
      optimizer: adam({ learningRate: 1e-2 }),
    });
    assert.ok(losses[149] < losses[0]);
    const before = forceMse(model, randomWeights, test);
    const after = forceMse(model, parameters, test);
    assert.ok(after < before / 10, `held-out force MSE ${before} → ${after}`);
    // The learned pair law against −k(r − L) between the 10% and 90% quantiles of the training
    // distances (0.71 and 2.74). Measured errors after 150 steps: 0.13, 0.09, 0.02, −0.03,
    // −0.01 (held-out MSE 10.2 → 0.046); they keep shrinking with more steps.
    const distances = Float64Array.of(0.75, 1, 1.5, 2, 2.5);
    const learned = model.pairForceMagnitude(parameters, distances);
    for (let i = 0; i < distances.length; i++) {
      const exact = system.pairForceMagnitude(distances[i]);
      assert.ok(Math.abs(learned[i] - exact) < 0.2, `φ(${distances[i]}) = ${learned[i]}, true ${exact}`);
    }
    // Momentum conservation holds for the trained weights exactly as for random ones.
    const path = rollOut((x, out) => model.evaluateForces(parameters, x, out), 10_000);
    const drift = momentumDrift(path);
    assert.ok(drift < 1e-12, `relative momentum drift ${drift} with trained weights`);
  });

  it('rejects bad rollout and training options', () => {
    const force = (x: Float64Array, out: Float64Array) => model.evaluateForces(randomWeights, x, out);
    const base = {
      masses: system.masses,
      spatialDimension,
      positions: initialPositions,
      velocities: initialVelocities,
    };
    assert.throws(() => velocityVerletRollout(force, { ...base, stepSize: -1, numSteps: 1 }), /stepSize/);
    assert.throws(
      () => velocityVerletRollout(force, { ...base, positions: [1], stepSize: 0.1, numSteps: 1 }),
      /N·D/,
    );
    assert.throws(
      () => trainForceModel(model, train, { parameters: randomWeights, numSteps: 1, batchSize: 2 }),
      /key/,
    );
    assert.throws(() => springSystem({ particleCount: 3, stiffness: 0 }), /stiffness must be/);
  });
});
