/**
 * The raw layout computations (`compute-layout.ts`) against a naive reference that maps every
 * output index to its input index one entry at a time: permute (with axes of length 1, which
 * it drops first), slice and pad (which copy contiguous runs), on random shapes including empty
 * axes, length-1 axes and scalars.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { pad, permute, slice } from '../../../src/core/tensor/compute-layout.js';
import { type Shape, shapeSize, stridesOf } from '../../../src/core/tensor/shape.js';

/** Every multi-index of `shape`, row-major. */
function* indices(shape: Shape): Generator<number[]> {
  const total = shapeSize(shape);
  const index = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < total; flat++) {
    yield [...index];
    for (let a = shape.length - 1; a >= 0; a--) {
      if (++index[a] < shape[a]) break;
      index[a] = 0;
    }
  }
}

const offset = (index: number[], strides: number[]) => index.reduce((sum, i, a) => sum + i * strides[a], 0);

const shapeArbitrary = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 });

function filled(shape: Shape): Float64Array {
  return Float64Array.from({ length: shapeSize(shape) }, (_, i) => i + 1);
}

describe('compute-layout against an entry-by-entry reference', () => {
  it('permute, for every permutation of random shapes (length-1 axes dropped internally)', () => {
    fc.assert(
      fc.property(
        shapeArbitrary.chain((shape) =>
          fc.tuple(
            fc.constant(shape),
            fc.shuffledSubarray([...shape.keys()], { minLength: shape.length, maxLength: shape.length }),
          ),
        ),
        ([shape, perm]) => {
          const x = filled(shape);
          const out = permute(x, shape, perm, 'float64');
          const strides = stridesOf(shape);
          const outShape = perm.map((p) => shape[p]);
          let i = 0;
          for (const index of indices(outShape)) {
            const source = new Array<number>(shape.length);
            perm.forEach((p, a) => {
              source[p] = index[a];
            });
            assert.equal(out[i++], x[offset(source, strides)]);
          }
          assert.equal(out.length, x.length);
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it('slice and pad, on random boxes; pad then slice gives the input back', () => {
    const boxArbitrary = shapeArbitrary.chain((shape) =>
      fc.tuple(
        fc.constant(shape),
        fc.tuple(
          ...shape.map((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.integer({ min: 0, max: d }))),
        ),
        fc.tuple(
          ...shape.map(() => fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))),
        ),
      ),
    );
    fc.assert(
      fc.property(boxArbitrary, ([shape, bounds, padding]) => {
        const x = filled(shape);
        const starts = bounds.map(([a, b]) => Math.min(a, b));
        const ends = bounds.map(([a, b]) => Math.max(a, b));
        const { data, shape: outShape } = slice(x, shape, starts, ends, 'float64');
        const strides = stridesOf(shape);
        let i = 0;
        for (const index of indices(outShape)) {
          assert.equal(
            data[i++],
            x[
              offset(
                index.map((v, a) => v + starts[a]),
                strides,
              )
            ],
          );
        }
        assert.equal(data.length, i);
        const before = padding.map(([b]) => b);
        const after = padding.map(([, a]) => a);
        const padded = pad(x, shape, before, after, 'float64');
        const paddedStrides = stridesOf(padded.shape);
        for (const index of indices(padded.shape)) {
          const inside = index.every((v, a) => v >= before[a] && v < before[a] + shape[a]);
          const expected = inside
            ? x[
                offset(
                  index.map((v, a) => v - before[a]),
                  strides,
                )
              ]
            : 0;
          assert.equal(padded.data[offset(index, paddedStrides)], expected);
        }
        const back = slice(
          padded.data,
          padded.shape,
          before,
          shape.map((d, a) => before[a] + d),
          'float64',
        );
        assert.deepEqual(Array.from(back.data), Array.from(x));
      }),
      { seed: 4, numRuns: 300 },
    );
  });
});
