/**
 * The fused MLP passes on a threaded tape arena (`threaded-tape-arena.ts`): a PINN loss
 * gradient (Taylor-mode pass) and a Hamiltonian network's vector field with its parameter
 * gradient (input-gradient pass) give the single-thread bits with 2 and 3 threads, including
 * widths and batches whose elementwise blocks end in a scalar tail; jobs are really split; and
 * `setKernelThreads` switches the passes to it and back.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { valueAndGrad } from '../../../../src/core/autodiff/index.js';
import { setThreadedTapeArena, tapeArena } from '../../../../src/core/kernels/wasm/tape-arena.js';
import {
  setKernelThreads,
  startThreadedTapeArenaInNode,
} from '../../../../src/core/kernels/wasm/threaded-node.js';
import { fold, makeKey, normal } from '../../../../src/core/random/index.js';
import * as T from '../../../../src/core/tensor/index.js';
import { fusedMlpInputGradient } from '../../../../src/models/mlp/fused-input-gradient.js';
import { mlp } from '../../../../src/models/mlp/index.js';
import { heat1d, mlpNetwork, pinnEnergy, sampleCollocation } from '../../../../src/pinn/index.js';

function assertSameBits(actual: ArrayLike<number>, expected: ArrayLike<number>, label: string): void {
  assert.equal(actual.length, expected.length, `${label}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i]))
      assert.fail(`${label}: entry ${i} is ${actual[i]}, one thread gives ${expected[i]}`);
  }
}

/**
 * Loss and gradient of a 1D heat PINN: 2→64→64→64→1 tanh over 2048 interior points (8192
 * stacked rows: products and elementwise passes split), or with `odd` 2→37→37→1 over 2047
 * points (elementwise passes split into blocks with a ragged last one).
 */
function pinnStep(dtype: T.DType, odd = false): Float64Array {
  const key = makeKey(77);
  const sizes = odd ? [2, 37, 37, 1] : [2, 64, 64, 64, 1];
  const net = mlp({ sizes, activation: 'tanh', init: 'xavier', key, dtype });
  const problem = heat1d({
    conductivity: 1,
    interiorCount: odd ? 2047 : 2048,
    boundaryCount: 64,
    initialCount: 64,
  });
  const energy = pinnEnergy(problem, mlpNetwork(net), sampleCollocation(problem, fold(key, 1)));
  const gradient = new Float64Array(net.parameterCount + 1);
  gradient[net.parameterCount] = energy.energyAndGradient(
    net.parameters,
    gradient.subarray(0, net.parameterCount),
  );
  return gradient;
}

/**
 * An HNN-style loss through the fused input-gradient pass: 2→200→200→1 tanh over 512 states in
 * float64, or with `odd` 2→101→101→1 over 511 states in float32 (ragged elementwise blocks).
 */
function hnnStep(odd = false): Float64Array {
  const width = odd ? 101 : 200;
  const batch = odd ? 511 : 512;
  const net = mlp({
    sizes: [2, width, width, 1],
    activation: 'tanh',
    init: 'xavier',
    key: makeKey(5),
    dtype: odd ? 'float32' : 'float64',
  });
  const x = T.fromData(normal(makeKey(6), batch * 2), [batch, 2]);
  const theta = T.fromData(net.parameters, [net.parameterCount]);
  const [value, gradient] = valueAndGrad((p: T.Tensor) => {
    const field = fusedMlpInputGradient(net, p, x);
    assert.ok(field !== undefined);
    return T.sum(T.square(field));
  })(theta);
  return Float64Array.from([...(gradient as T.Tensor).data, T.item(value)]);
}

describe('threaded tape arena', () => {
  after(async () => {
    setThreadedTapeArena(undefined);
    await setKernelThreads(1);
  });

  it('gives the single-thread bits for PINN (float64, float32, even and odd sizes) and HNN passes with 2 and 3 threads', async () => {
    const single = {
      f64: pinnStep('float64'),
      f32: pinnStep('float32'),
      oddF64: pinnStep('float64', true),
      oddF32: pinnStep('float32', true),
      hnn: hnnStep(),
      oddHnn: hnnStep(true),
    };
    for (const threads of [2, 3]) {
      const threaded = await startThreadedTapeArenaInNode(threads);
      try {
        setThreadedTapeArena(threaded.arena);
        assertSameBits(pinnStep('float64'), single.f64, `PINN float64, ${threads} threads`);
        assertSameBits(pinnStep('float32'), single.f32, `PINN float32, ${threads} threads`);
        assertSameBits(pinnStep('float64', true), single.oddF64, `odd PINN float64, ${threads} threads`);
        assertSameBits(pinnStep('float32', true), single.oddF32, `odd PINN float32, ${threads} threads`);
        assertSameBits(hnnStep(), single.hnn, `HNN, ${threads} threads`);
        assertSameBits(hnnStep(true), single.oddHnn, `odd HNN float32, ${threads} threads`);
        assert.ok(threaded.splitJobs > 0, 'some products and passes were split');
      } finally {
        setThreadedTapeArena(undefined);
        await threaded.close();
      }
    }
  });

  it('setKernelThreads puts the fused passes on the threaded arena and back', async () => {
    const alone = tapeArena();
    await setKernelThreads(2);
    const threaded = tapeArena();
    assert.ok(threaded !== undefined && threaded !== alone);
    await setKernelThreads(1);
    assert.equal(tapeArena(), alone);
  });
});
