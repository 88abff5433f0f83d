import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeKey, split } from '../../../src/core/random/index.js';
import * as T from '../../../src/core/tensor/index.js';
import { randomTensor } from '../../support/finite-differences.js';

function assertClose(a: T.Tensor, b: T.Tensor, tol = 1e-12) {
  assert.deepEqual(a.shape, b.shape);
  for (let i = 0; i < a.size; i++)
    assert.ok(
      Math.abs(a.data[i] - b.data[i]) <= tol * Math.max(1, Math.abs(b.data[i])),
      `entry ${i}: ${a.data[i]} vs ${b.data[i]}`,
    );
}

describe('contract (einsum)', () => {
  const [ka, kb, kc] = split(makeKey(7), 3);
  const A = randomTensor(ka, [5, 5]);
  const B = randomTensor(kb, [5, 5]);

  it('Σ A_ij B_kl δ_jk δ_li = tr(AB)', () => {
    const withDeltas = T.contract('ij,kl,jk,li->', A, B, T.delta(5), T.delta(5));
    const direct = T.trace(T.matmul(A, B));
    assertClose(withDeltas, direct);
    assertClose(T.contract('ij,ji->', A, B), direct);
  });

  it('matrix product, transpose, trace, diagonal, outer, batch and implicit output', () => {
    const C = randomTensor(kc, [5, 3]);
    assertClose(T.contract('ij,jk->ik', A, C), T.matmul(A, C));
    assertClose(T.contract('ij,jk', A, C), T.matmul(A, C));
    assertClose(T.contract('ij->ji', C), T.transpose(C));
    assertClose(T.contract('ii->', A), T.trace(A));
    assertClose(T.contract('ii->i', A), T.diagonal(A));
    assertClose(T.contract('i,j->ij', T.diagonal(A), T.diagonal(B)), T.outer(T.diagonal(A), T.diagonal(B)));
    const batchA = randomTensor(ka, [4, 2, 3]);
    const batchB = randomTensor(kb, [4, 3, 2]);
    assertClose(T.contract('bij,bjk->bik', batchA, batchB), T.matmul(batchA, batchB));
    assertClose(T.contract('...ij,...jk->...ik', batchA, batchB), T.matmul(batchA, batchB));
    assertClose(T.contract('ij,ij->', A, B), T.sum(T.mul(A, B)));
  });

  it('the third-order delta copies: δ_ijk a_i b_j = (a∘b)_k', () => {
    const a = T.tensor([1, 2, 3]);
    const b = T.tensor([4, 5, 6]);
    assert.deepEqual(Array.from(T.contract('ijk,i,j->k', T.delta(3, 3), a, b).data), [4, 10, 18]);
  });

  it('a chain of four matrices equals the nested matmul', () => {
    const D = randomTensor(kc, [5, 5]);
    assertClose(T.contract('ab,bc,cd,de->ae', A, B, D, A), T.matmul(T.matmul(T.matmul(A, B), D), A), 1e-11);
  });

  it('rejects malformed specifications with a clear message', () => {
    assert.throws(() => T.contract('ij,jk->ik', A), /names 2 operands but 1 tensors/);
    assert.throws(() => T.contract('ijk->i', A), /3 labels but the tensor has rank 2/);
    assert.throws(() => T.contract('ij,jk->ik', A, randomTensor(kc, [4, 2])), /label "j" has size 5 .* 4/);
    assert.throws(() => T.contract('ij->iz', A), /output label "z" appears in no input/);
    assert.throws(() => T.contract('i1,jk->ik', A, B), /only letters/);
  });
});
