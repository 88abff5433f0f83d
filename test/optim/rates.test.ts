// Convergence rates on the quadratic ½xᵀAx − bᵀx with spectrum in [μ, L] = [1, 100] (κ = 100)
// against the theory (REFERENCES.md, "Optimization on quadratics").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  gradientDescent,
  heavyBall,
  minimize,
  nesterov,
  type Optimizer,
  optimalGradientDescent,
  polyakParameters,
} from '../../src/optim/index.js';
import { distance, quadratic, slope } from './helpers.js';

const problem = quadratic({ n: 10, condition: 100 });

/** ‖x_k − x*‖ for k = 0 … steps (entry 0 is x0 = 0). */
function errors(optimizer: Optimizer, steps: number): number[] {
  const out = [distance(new Float64Array(10), problem.minimizer)];
  minimize(problem.energy, new Float64Array(10), optimizer, {
    maxSteps: steps,
    gradientTolerance: 0,
    onStep: (info) => {
      out.push(distance(info.position, problem.minimizer));
    },
  });
  return out;
}

describe('convergence rates on an ill-conditioned quadratic (κ = 100)', () => {
  it('gradient descent with η = 2/(μ + L) contracts ‖x − x*‖ by (κ − 1)/(κ + 1) per step', () => {
    const { learningRate, rate } = optimalGradientDescent(1, 100);
    assert.equal(rate, 99 / 101);
    const e = errors(gradientDescent({ learningRate }), 700);
    // ‖I − ηA‖₂ = ρ exactly, so no step may contract by less than ρ (up to rounding) …
    for (let k = 0; k < e.length - 1; k++) {
      assert.ok(e[k + 1] <= rate * e[k] * (1 + 1e-9), `step ${k + 1}: ratio ${e[k + 1] / e[k]} > ${rate}`);
    }
    // … and once the middle modes have died out, the two extreme modes (both with factor
    // |1 − ηλ| = ρ) set the rate exactly.
    const measured = (e[600] / e[300]) ** (1 / 300);
    assert.ok(Math.abs(measured - rate) < 1e-4 * rate, `measured ${measured}, theory ${rate}`);
  });

  it("heavy ball with Polyak's optimal (η, β) converges at (√κ − 1)/(√κ + 1)", () => {
    const { learningRate, momentum, rate } = polyakParameters(1, 100);
    assert.ok(Math.abs(rate - 9 / 11) < 1e-15);
    const e = errors(heavyBall({ learningRate, momentum }), 160);
    // At Polyak's parameters every mode has |z| = √β = ρ and the extreme modes have double
    // roots, so ‖e_k‖ ~ k·ρᵏ: the slope of log(‖e_k‖/k) is log ρ; the raw slope is a little
    // above it (by ~1/k).
    const window = (k: number) => Math.log(e[k] / k);
    const corrected = Math.exp(
      slope(
        Array.from({ length: 80 }, (_, i) => window(60 + i)),
        60,
      ),
    );
    assert.ok(Math.abs(corrected - rate) < 5e-3 * rate, `fitted rate ${corrected}, theory ${rate}`);
    const raw = Math.exp(
      slope(
        Array.from({ length: 80 }, (_, i) => Math.log(e[60 + i])),
        60,
      ),
    );
    assert.ok(raw > rate && raw < 1.02 * rate, `raw fitted rate ${raw}, theory ${rate}`);
    // Far better than the best gradient descent (0.980 per step): 1e-12 in ~150 steps.
    assert.ok(e[150] < 1e-10 * e[0], `‖e_150‖/‖e_0‖ = ${e[150] / e[0]}`);
  });

  it('Nesterov with η = 1/L and β = (√κ − 1)/(√κ + 1) converges at 1 − 1/√κ', () => {
    // For λ = μ the characteristic polynomial z² − (1 + β)(1 − 1/κ)z + β(1 − 1/κ) has the
    // double root 1 − 1/√κ = 0.9; every other mode is faster.
    const e = errors(nesterov({ learningRate: 1 / 100, momentum: 9 / 11 }), 160);
    const corrected = Math.exp(
      slope(
        Array.from({ length: 80 }, (_, i) => Math.log(e[60 + i] / (60 + i))),
        60,
      ),
    );
    assert.ok(Math.abs(corrected - 0.9) < 5e-3 * 0.9, `fitted rate ${corrected}, theory 0.9`);
  });
});
