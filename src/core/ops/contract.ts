/**
 * `contract("ij,jk->ik", A, B)`: Einstein-summation tensor contraction, differentiable.
 *
 * Supported: any number of operands; repeated labels inside one operand (diagonals and
 * traces, `"ii->"`); labels summed away; explicit (`->`) and implicit output (labels that
 * occur once, sorted); `...` for leading batch axes of equal size. Kronecker deltas are
 * ordinary operands (`delta(n, k)` builds δ of any order), so `"ij,kl,jk,li->"` with two
 * deltas is tr(AB). Operands are contracted left to right, each pair as one batched matmul.
 */
import { formatShape } from '../tensor/shape.js';
import type { Tensor } from '../tensor/tensor.js';
import { matmulRaw } from './matmul.js';
import { sum } from './reduce.js';
import { gather, permute, reshape } from './shape.js';

interface Operand {
  tensor: Tensor;
  labels: string[];
}

const ELLIPSIS_BASE = 0x2460; // ① ② ③ …: labels no user can type, one per ellipsis axis

function parseTerm(term: string, rank: number, position: string): { labels: string[]; ellipsisRank: number } {
  const dots = term.indexOf('...');
  const letters = term.replace('...', '');
  if (!/^[a-zA-Z]*$/.test(letters) || (term.indexOf('...', dots + 1) >= 0 && dots >= 0)) {
    throw new Error(`contract: term "${term}" (${position}) may hold only letters and at most one "..."`);
  }
  if (dots < 0) {
    if (letters.length !== rank) {
      throw new Error(
        `contract: term "${term}" (${position}) has ${letters.length} labels but the tensor has rank ${rank}`,
      );
    }
    return { labels: [...letters], ellipsisRank: 0 };
  }
  const ellipsisRank = rank - letters.length;
  if (ellipsisRank < 0)
    throw new Error(`contract: term "${term}" (${position}) has more labels than the tensor's rank ${rank}`);
  const batch = Array.from({ length: ellipsisRank }, (_, i) => String.fromCharCode(ELLIPSIS_BASE + i));
  // Right-align ellipsis axes so operands with fewer batch axes line up as in NumPy.
  return { labels: [...term.slice(0, dots), ...batch, ...term.slice(dots + 3)], ellipsisRank };
}

function parse(spec: string, tensors: readonly Tensor[]): { operands: Operand[]; output: string[] } {
  const clean = spec.replace(/\s+/g, '');
  const [lhs, rhs] = clean.split('->');
  if (clean.split('->').length > 2) throw new Error(`contract: "${spec}" has more than one "->"`);
  const terms = lhs.split(',');
  if (terms.length !== tensors.length) {
    throw new Error(
      `contract: "${spec}" names ${terms.length} operands but ${tensors.length} tensors were given`,
    );
  }
  let maxEllipsis = 0;
  const parsed = terms.map((term, i) => {
    const p = parseTerm(term, tensors[i].rank, `operand ${i}`);
    maxEllipsis = Math.max(maxEllipsis, p.ellipsisRank);
    return p;
  });
  // Rename right-aligned ellipsis labels so axis j from the right shares one label everywhere.
  const operands = parsed.map((p, i) => ({
    tensor: tensors[i],
    labels: p.labels.map((l) => {
      const code = l.charCodeAt(0);
      return code >= ELLIPSIS_BASE ? String.fromCharCode(code + (maxEllipsis - p.ellipsisRank)) : l;
    }),
  }));
  const batchLabels = Array.from({ length: maxEllipsis }, (_, i) => String.fromCharCode(ELLIPSIS_BASE + i));
  let output: string[];
  if (rhs === undefined) {
    const counts = new Map<string, number>();
    for (const op of operands) for (const l of op.labels) counts.set(l, (counts.get(l) ?? 0) + 1);
    const once = [...counts].filter(([l, c]) => c === 1 && l.charCodeAt(0) < ELLIPSIS_BASE).map(([l]) => l);
    output = [...batchLabels, ...once.sort()];
  } else {
    if (!/^[a-zA-Z]*(\.\.\.)?[a-zA-Z]*$/.test(rhs))
      throw new Error(`contract: output "${rhs}" may hold only letters and "..."`);
    const dots = rhs.indexOf('...');
    output = dots < 0 ? [...rhs] : [...rhs.slice(0, dots), ...batchLabels, ...rhs.slice(dots + 3)];
    if (dots < 0 && maxEllipsis > 0)
      throw new Error(`contract: inputs use "..." so the output "${rhs}" must too`);
  }
  if (new Set(output).size !== output.length) throw new Error(`contract: output "${rhs}" repeats a label`);
  const sizes = new Map<string, number>();
  for (const [i, op] of operands.entries()) {
    op.labels.forEach((l, axis) => {
      const d = op.tensor.shape[axis];
      const known = sizes.get(l);
      if (known !== undefined && known !== d) {
        const name = l.charCodeAt(0) >= ELLIPSIS_BASE ? '"..." axis' : `label "${l}"`;
        throw new Error(
          `contract: ${name} has size ${known} in one place and ${d} in operand ${i} ${formatShape(op.tensor.shape)}`,
        );
      }
      sizes.set(l, d);
    });
  }
  for (const l of output)
    if (!sizes.has(l)) throw new Error(`contract: output label "${l}" appears in no input`);
  return { operands, output };
}

/** Replaces a label repeated inside one operand by its diagonal (δ between those axes). */
function takeDiagonals(op: Operand): Operand {
  let { tensor, labels } = op;
  for (;;) {
    const repeated = labels.find((l, i) => labels.indexOf(l) !== i);
    if (repeated === undefined) return { tensor, labels };
    const first = labels.indexOf(repeated);
    const second = labels.indexOf(repeated, first + 1);
    const rest = labels.map((_, i) => i).filter((i) => i !== first && i !== second);
    const restSizes = rest.map((i) => tensor.shape[i]);
    const n = tensor.shape[first];
    tensor = reshape(permute(tensor, [...rest, first, second]), [...restSizes, n * n]);
    tensor = gather(
      tensor,
      -1,
      Array.from({ length: n }, (_, i) => i * (n + 1)),
    );
    labels = [...rest.map((i) => labels[i]), repeated];
  }
}

/** Sums axes whose labels are not in `keep`. */
function sumOut(op: Operand, keep: Set<string>): Operand {
  const axes = op.labels.map((l, i) => (keep.has(l) ? -1 : i)).filter((i) => i >= 0);
  if (axes.length === 0) return op;
  return { tensor: sum(op.tensor, axes), labels: op.labels.filter((l) => keep.has(l)) };
}

function contractPair(x: Operand, y: Operand, keep: Set<string>): Operand {
  const inY = new Set(y.labels);
  const inX = new Set(x.labels);
  const batch = x.labels.filter((l) => inY.has(l) && keep.has(l));
  const summed = x.labels.filter((l) => inY.has(l) && !keep.has(l));
  const xFree = x.labels.filter((l) => !inY.has(l));
  const yFree = y.labels.filter((l) => !inX.has(l));
  const size = (op: Operand, l: string) => op.tensor.shape[op.labels.indexOf(l)];
  const product = (op: Operand, ls: string[]) => ls.reduce((p, l) => p * size(op, l), 1);
  const xt = reshape(
    permute(
      x.tensor,
      [...batch, ...xFree, ...summed].map((l) => x.labels.indexOf(l)),
    ),
    [product(x, batch), product(x, xFree), product(x, summed)],
  );
  const yt = reshape(
    permute(
      y.tensor,
      [...batch, ...summed, ...yFree].map((l) => y.labels.indexOf(l)),
    ),
    [product(y, batch), product(y, summed), product(y, yFree)],
  );
  const out = matmulRaw(xt, yt);
  return {
    tensor: reshape(out, [
      ...batch.map((l) => size(x, l)),
      ...xFree.map((l) => size(x, l)),
      ...yFree.map((l) => size(y, l)),
    ]),
    labels: [...batch, ...xFree, ...yFree],
  };
}

/** Einstein summation over labelled axes; see the module comment for the grammar. */
export function contract(spec: string, ...tensors: Tensor[]): Tensor {
  const { operands, output } = parse(spec, tensors);
  const outputSet = new Set(output);
  const labelsAfter = (index: number) => {
    const s = new Set(outputSet);
    for (let j = index; j < operands.length; j++) for (const l of operands[j].labels) s.add(l);
    return s;
  };
  let current = sumOut(takeDiagonals(operands[0]), labelsAfter(1));
  for (let i = 1; i < operands.length; i++) {
    const keep = labelsAfter(i + 1);
    const next = sumOut(takeDiagonals(operands[i]), new Set([...keep, ...current.labels]));
    current = sumOut(current, new Set([...keep, ...next.labels]));
    current = contractPair(current, next, keep);
  }
  current = sumOut(current, outputSet);
  return permute(
    current.tensor,
    output.map((l) => current.labels.indexOf(l)),
  );
}
