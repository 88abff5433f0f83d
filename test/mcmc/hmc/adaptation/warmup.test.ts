import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, makeKey } from '../../../../src/core/random/index.js';
import { meanAcceptanceProbability } from '../../../../src/diagnostics/index.js';
import { gaussianEnergy } from '../../../../src/energies/index.js';
import { hmc, type NutsInfo, nuts, warmup } from '../../../../src/mcmc/hmc/index.js';

const VARIANCES = [0.01, 0.1, 1, 10, 100, 0.5, 2, 5, 0.02, 50];
const diagonal = gaussianEnergy({
  covariance: VARIANCES.map((v, i) => VARIANCES.map((_, j) => (i === j ? v : 0))),
});

describe('warmup', () => {
  it('recovers the marginal variances of a diagonal Gaussian within 20% (variances 10⁻² … 10²)', () => {
    // 3000 steps: the last window holds 2100 draws; over 20 seeds the worst of the 10
    // coordinates was off by 6–14% (each about 4.5% standard deviation), so 20% is ≈ 4 sd.
    const tuned = warmup((p) => nuts({ energy: diagonal, ...p }), new Array(10).fill(1), makeKey(401), {
      numSteps: 3000,
      energy: diagonal,
    });
    tuned.inverseMassDiagonal.forEach((v, i) => {
      assert.ok(Math.abs(v / VARIANCES[i] - 1) < 0.2, `variance ${i}: ${v} vs ${VARIANCES[i]}`);
    });
    // In the adapted metric the target is nearly isotropic: a step size of order 1 works.
    assert.ok(tuned.stepSize > 0.3 && tuned.stepSize < 2, `ε = ${tuned.stepSize}`);
    assert.ok(Math.abs(tuned.meanAcceptanceProbability - 0.8) < 0.05);
  });

  it('tunes NUTS so that sampling afterwards accepts at about the target', () => {
    const tuned = warmup((p) => nuts({ energy: diagonal, ...p }), new Array(10).fill(1), makeKey(402), {
      numSteps: 500,
    });
    const sampler = nuts({
      energy: diagonal,
      stepSize: tuned.stepSize,
      inverseMassDiagonal: tuned.inverseMassDiagonal,
    });
    let state = tuned.state;
    const infos: NutsInfo[] = [];
    for (let t = 0; t < 500; t++) {
      const [next, info] = sampler.step(fold(makeKey(403), t), state);
      state = next;
      infos.push(info);
    }
    // Dual averaging keeps exp(mean log ε), a little below the iterates' typical step: as in
    // Stan, the acceptance afterwards sits slightly above the target (0.85–0.92 here).
    const acceptance = meanAcceptanceProbability(infos);
    assert.ok(acceptance > 0.75 && acceptance < 0.95, `acceptance ${acceptance}`);
    // Without the metric, ε would be bounded by the smallest scale 0.1 and trees would be deep.
    const depth = infos.reduce((s, info) => s + info.treeDepth, 0) / infos.length;
    assert.ok(depth < 4, `mean tree depth ${depth}`);
  });

  it('adapts the step size alone when asked, and counts gradient evaluations', () => {
    const energy = gaussianEnergy({
      covariance: [
        [1, 0.8],
        [0.8, 1],
      ],
    });
    const tuned = warmup((p) => hmc({ energy, numIntegrationSteps: 5, ...p }), [2, 2], makeKey(404), {
      numSteps: 200,
      adaptMassMatrix: false,
    });
    assert.deepEqual(Array.from(tuned.inverseMassDiagonal), [1, 1]);
    assert.equal(tuned.gradientEvaluations, 200 * 5);
    assert.ok(tuned.stepSize > 0.1 && tuned.stepSize < 0.9, `ε = ${tuned.stepSize}`);
    assert.equal(tuned.position.length, 2);
  });

  it('is reproducible from its key', () => {
    const run = () =>
      warmup((p) => nuts({ energy: diagonal, ...p }), new Array(10).fill(1), makeKey(405), { numSteps: 100 });
    const a = run();
    const b = run();
    assert.equal(a.stepSize, b.stepSize);
    assert.deepEqual(Array.from(a.position), Array.from(b.position));
  });

  it('names the parameter on bad input', () => {
    const factory = (p: { stepSize: number; inverseMassDiagonal: Float64Array }) =>
      nuts({ energy: diagonal, ...p });
    assert.throws(
      () => warmup(factory, new Array(10).fill(1), makeKey(1), { numSteps: -5 }),
      /numSteps must be an integer ≥ 0/,
    );
    assert.throws(
      () => warmup(factory, [1, 2], makeKey(1), { numSteps: 10, energy: diagonal }),
      /position must have length 10/,
    );
    assert.throws(
      () =>
        warmup(factory, new Array(10).fill(1), makeKey(1), { numSteps: 10, initialInverseMassDiagonal: [1] }),
      /inverseMassDiagonal must have length 10/,
    );
  });
});
