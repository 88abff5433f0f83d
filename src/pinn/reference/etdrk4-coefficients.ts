/**
 * The coefficients of ETDRK4 (Cox & Matthews 2002) for a diagonal linear part L, evaluated as
 * Kassam & Trefethen (2005) do: each φ-function of z = hL is averaged over M points of a circle
 * of radius 1 around z, which avoids the cancellation of the textbook formulas for small |z|
 * (at z = 0 they are 0/0). L is real here, so the averages are real: only the upper half of the
 * circle is sampled and the real part kept.
 *
 * For u_t = Lu + N(u) with step h the scheme reads (per mode)
 *   a = E₂v + Q N(v),  b = E₂v + Q N(a),  c = E₂a + Q (2N(b) − N(v)),
 *   v ← E v + f₁ N(v) + 2 f₂ (N(a) + N(b)) + f₃ N(c),
 * with E = e^{z}, E₂ = e^{z/2}, Q = h (e^{z/2} − 1)/z, f₁ = h (−4 − z + e^{z}(4 − 3z + z²))/z³,
 * f₂ = h (2 + z + e^{z}(z − 2))/z³, f₃ = h (−4 − 3z − z² + e^{z}(4 − z))/z³.
 */

/** Per-mode ETDRK4 coefficients. */
export interface Etdrk4Coefficients {
  e: Float64Array;
  e2: Float64Array;
  q: Float64Array;
  f1: Float64Array;
  f2: Float64Array;
  f3: Float64Array;
}

/** Points on the contour (Kassam & Trefethen use 32 on the half circle for real L). */
const CONTOUR_POINTS = 32;

/** The ETDRK4 coefficients for the real diagonal entries `linear` of L and the step h. */
export function etdrk4Coefficients(linear: ArrayLike<number>, h: number): Etdrk4Coefficients {
  if (!(Number.isFinite(h) && h > 0)) throw new Error(`h must be a finite number > 0, got ${String(h)}`);
  const n = linear.length;
  const out: Etdrk4Coefficients = {
    e: new Float64Array(n),
    e2: new Float64Array(n),
    q: new Float64Array(n),
    f1: new Float64Array(n),
    f2: new Float64Array(n),
    f3: new Float64Array(n),
  };
  // Modes with the same L share coefficients (κ and −κ): compute each value once.
  const cache = new Map<number, number[]>();
  for (let j = 0; j < n; j++) {
    const l = linear[j];
    if (!(Number.isFinite(l) && l <= 0)) throw new Error(`linear[${j}] must be finite and ≤ 0, got ${l}`);
    let entry = cache.get(l);
    if (entry === undefined) {
      entry = contourAverages(h * l).map((value) => h * value);
      cache.set(l, entry);
    }
    out.e[j] = Math.exp(h * l);
    out.e2[j] = Math.exp((h * l) / 2);
    [out.q[j], out.f1[j], out.f2[j], out.f3[j]] = entry;
  }
  return out;
}

/** Re of the mean over the contour of (e^{z/2} − 1)/z, and of the three f-kernels (all /h). */
function contourAverages(center: number): number[] {
  const sums = [0, 0, 0, 0];
  for (let m = 1; m <= CONTOUR_POINTS; m++) {
    const theta = (Math.PI * (m - 0.5)) / CONTOUR_POINTS;
    const zr = center + Math.cos(theta);
    const zi = Math.sin(theta);
    const ez = complexExp(zr, zi);
    const ezHalf = complexExp(zr / 2, zi / 2);
    const z2 = multiply(zr, zi, zr, zi);
    const z3 = multiply(z2[0], z2[1], zr, zi);
    // (e^{z/2} − 1)/z
    sums[0] += divide(ezHalf[0] - 1, ezHalf[1], zr, zi)[0];
    // (−4 − z + e^{z}(4 − 3z + z²))/z³
    const p1 = multiply(ez[0], ez[1], 4 - 3 * zr + z2[0], -3 * zi + z2[1]);
    sums[1] += divide(-4 - zr + p1[0], -zi + p1[1], z3[0], z3[1])[0];
    // (2 + z + e^{z}(z − 2))/z³
    const p2 = multiply(ez[0], ez[1], zr - 2, zi);
    sums[2] += divide(2 + zr + p2[0], zi + p2[1], z3[0], z3[1])[0];
    // (−4 − 3z − z² + e^{z}(4 − z))/z³
    const p3 = multiply(ez[0], ez[1], 4 - zr, -zi);
    sums[3] += divide(-4 - 3 * zr - z2[0] + p3[0], -3 * zi - z2[1] + p3[1], z3[0], z3[1])[0];
  }
  return sums.map((sum) => sum / CONTOUR_POINTS);
}

function complexExp(re: number, im: number): [number, number] {
  const r = Math.exp(re);
  return [r * Math.cos(im), r * Math.sin(im)];
}

function multiply(ar: number, ai: number, br: number, bi: number): [number, number] {
  return [ar * br - ai * bi, ar * bi + ai * br];
}

function divide(ar: number, ai: number, br: number, bi: number): [number, number] {
  const d = br * br + bi * bi;
  return [(ar * br + ai * bi) / d, (ai * br - ar * bi) / d];
}
