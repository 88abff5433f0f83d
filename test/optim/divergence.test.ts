// Divergence handling: a run whose iterate or energy blows up stops with a DivergenceError
// that names the step, the value, and the stability bound η < 2/λmax measured by Lanczos on
// the local Hessian; just below the bound the same run converges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Energy } from '../../src/energies/energy.js';
import {
  adam,
  DivergenceError,
  formatNumber,
  gradientDescent,
  heavyBall,
  heavyBallDynamics,
  largestCurvature,
  minimize,
  nesterov,
  type Optimizer,
} from '../../src/optim/index.js';
import { piecewiseConstant } from '../../src/schedules/index.js';
import { quadratic, rosenbrock } from './helpers.js';

const problem = quadratic({ n: 10, condition: 100 });
const x0 = new Float64Array(10).fill(1);

/** Runs and returns the DivergenceError it must throw. */
function divergence(energy: Energy, optimizer: Optimizer, options = {}): DivergenceError {
  try {
    minimize(energy, energy.dimension === 10 ? x0 : new Float64Array(energy.dimension).fill(0.5), optimizer, {
      maxSteps: 20_000,
      ...options,
    });
  } catch (error) {
    assert.ok(error instanceof DivergenceError, `expected a DivergenceError, got ${error}`);
    return error;
  }
  assert.fail('the run did not diverge');
}

describe('divergence', () => {
  it('gradient descent just above 2/λmax throws, naming the step and the bound; just below converges', () => {
    const error = divergence(problem.energy, gradientDescent({ learningRate: 1.02 * (2 / 100) }));
    assert.equal(error.name, 'DivergenceError');
    assert.equal(error.optimizer, 'gradient descent');
    assert.equal(error.reason, 'position norm above bound');
    assert.ok(error.positionNorm > 1e12 && error.value === error.positionNorm);
    // The top mode grows by |1 − ηλmax| = 1.04 per step: from ~1 to 1e12 in ~700 steps.
    assert.ok(error.step > 600 && error.step < 800, `step ${error.step}`);
    assert.ok(Math.abs(error.largestCurvature! - 100) < 1e-6, `λmax ≈ ${error.largestCurvature}`);
    assert.ok(Math.abs(error.stepSizeBound! - 0.02) < 1e-9);
    assert.equal(error.stability?.value, 0.0204);
    assert.match(error.message, new RegExp(`^gradient descent diverged at step ${error.step}: \\|x\\| = `));
    assert.match(
      error.message,
      /λmax ≈ 100, so the step size must satisfy η < 2\/λmax = 0\.02 \(it is 0\.0204\)/,
    );

    const below = minimize(problem.energy, x0, gradientDescent({ learningRate: 0.98 * (2 / 100) }), {
      maxSteps: 20_000,
    });
    assert.equal(below.reason, 'gradient tolerance');
  });

  it('estimates λmax by finite differences of gradients when the energy has no Hessian', () => {
    const plain = quadratic({ withHessian: false });
    const error = divergence(plain.energy, gradientDescent({ learningRate: 0.021 }));
    assert.ok(Math.abs(error.largestCurvature! - 100) < 1e-4, `λmax ≈ ${error.largestCurvature}`);
    assert.match(error.message, /η < 2\/λmax = 0\.02 \(it is 0\.021\)/);
    const direct = largestCurvature(plain.energy, x0);
    assert.equal(direct.source, 'finite-differences');
    assert.ok(Math.abs(direct.value - 100) < 1e-4);
    const exact = largestCurvature(problem.energy, x0);
    assert.equal(exact.source, 'exact');
    assert.ok(Math.abs(exact.value - 100) < 1e-8);
  });

  it('reports a non-finite energy with its value', () => {
    // U(x) = −log(1 − x²) is finite only on (−1, 1); a long step leaves the domain.
    const barrier: Energy = {
      name: 'log barrier',
      dimension: 1,
      energy: (x) => -Math.log(1 - x[0] * x[0]),
      energyAndGradient(x, gradient) {
        gradient[0] = (2 * x[0]) / (1 - x[0] * x[0]);
        return -Math.log(1 - x[0] * x[0]);
      },
    };
    const error = divergence(barrier, gradientDescent({ learningRate: 2 }));
    assert.equal(error.reason, 'non-finite energy');
    assert.equal(error.step, 1);
    assert.ok(Number.isNaN(error.value));
    assert.match(error.message, /^gradient descent diverged at step 1: energy = NaN \(non-finite\)/);
    // U''(0.5) = 2(1 + x²)/(1 − x²)² = 40/9 at the start, the lowest energy reached.
    assert.ok(Math.abs(error.largestCurvature! - 40 / 9) < 1e-4);
  });

  it('uses each method’s own bound: heavy ball, Nesterov, heavy-ball dynamics', () => {
    const ball = divergence(
      problem.energy,
      heavyBall({ learningRate: (1.03 * (2 * 1.5)) / 100, momentum: 0.5 }),
    );
    assert.match(ball.message, /η < 2\(1 \+ β\)\/λmax = 0\.03 \(it is 0\.0309\)/);
    assert.ok(
      minimize(problem.energy, x0, heavyBall({ learningRate: 0.97 * 0.03, momentum: 0.5 }), {
        maxSteps: 20_000,
      }).converged,
    );
    const nesterovBound = (2 * 1.5) / (2 * 100);
    const look = divergence(problem.energy, nesterov({ learningRate: 1.03 * nesterovBound, momentum: 0.5 }));
    assert.match(look.message, /η < 2\(1 \+ β\)\/\(\(1 \+ 2β\)·λmax\) = 0\.015 \(it is 0\.0155\)/);
    assert.ok(
      minimize(problem.energy, x0, nesterov({ learningRate: 0.97 * nesterovBound, momentum: 0.5 }), {
        maxSteps: 20_000,
      }).converged,
    );
    // h < 2√(m/λmax) = 0.4 for m = 4, whatever the friction.
    const dynamics = divergence(problem.energy, heavyBallDynamics({ mass: 4, friction: 1, stepSize: 0.41 }));
    assert.match(dynamics.message, /h < 2·√\(m\/λmax\) = 0\.4 \(it is 0\.41\)/);
    assert.ok(
      minimize(problem.energy, x0, heavyBallDynamics({ mass: 4, friction: 1, stepSize: 0.39 }), {
        maxSteps: 20_000,
      }).converged,
    );
  });

  it('reads a learning-rate schedule at the step that diverged', () => {
    const learningRate = piecewiseConstant({ boundaries: [50], values: [0.01, 0.0205] });
    const error = divergence(problem.energy, gradientDescent({ learningRate }));
    assert.ok(error.step > 50);
    assert.match(error.message, /\(it is 0\.0205\)/);
  });

  it('falls back to the gradient-descent bound for adaptive methods, and honours maxNorm', () => {
    const error = divergence(rosenbrock(), adam({ learningRate: 100 }), { divergence: { maxNorm: 10 } });
    assert.equal(error.step, 1);
    assert.equal(error.maxNorm, 10);
    assert.match(error.message, /^Adam diverged at step 1: \|x\| = [\d.]+ > 10 /);
    assert.match(error.message, /so gradient descent would need η < 2\/λmax = /);
  });

  it('can skip the curvature measurement', () => {
    const error = divergence(problem.energy, gradientDescent({ learningRate: 0.03 }), {
      divergence: { measureCurvature: false },
    });
    assert.equal(error.largestCurvature, undefined);
    assert.doesNotMatch(error.message, /λmax/);
  });

  it('formats numbers with three significant digits', () => {
    assert.equal(formatNumber(0.2), '0.2');
    assert.equal(formatNumber(10.004), '10');
    assert.equal(formatNumber(3.2e15), '3.2e+15');
    assert.equal(formatNumber(1e12), '1e+12');
    assert.equal(formatNumber(-0.000012345), '-1.23e-5');
    assert.equal(formatNumber(0), '0');
    assert.equal(formatNumber(3.21e25), '3.21e+25');
    assert.equal(formatNumber(Number.NaN), 'NaN');
  });
});
