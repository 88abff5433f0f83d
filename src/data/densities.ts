/**
 * Three 2-D densities for energy-based models, each with an exact, normalised log density,
 * an exact sampler driven by a key, and a box that holds all but a stated mass:
 *
 * - `gaussians8`: K equal Gaussians N(cₖ, s²I) with centres on a circle of radius R.
 * - `rings`: concentric Gaussian rings p(x) = Σₖ wₖ exp(−(|x| − Rₖ)²/2σ²)/Zₖ with wₖ ∝ Rₖ
 *   (uniform density per unit length of ring), Zₖ = 2π[σ² e^{−Rₖ²/2σ²} + Rₖσ√(2π) Φ(Rₖ/σ)].
 *   Smooth except for a cone point at the origin (|x| has no derivative there) of height
 *   e^{−R₁²/2σ²} relative to the rings (e^{−22} with the defaults).
 * - `moons`: scikit-learn's two interleaved half circles, centred, with radius r, as smooth
 *   densities: around each arc's centre, p_m = exp(−(ρ − r)²/2σ²)·h(θ)/(π·Z_ρ), where h(θ) =
 *   Φ((θ + π/2)/ε) − Φ((θ − π/2)/ε) is the half circle's angular indicator blurred over ε = σ/r
 *   (the angle of a uniform point on the arc plus N(0, ε²) noise) and Z_ρ the ring's radial
 *   integral; p = ½(p₀ + p₁). Closed-form normaliser, exact sampler (ρ as for the rings,
 *   θ uniform plus Gaussian blur). It is smooth everywhere except at the two arc centres, where
 *   p < e^{−r²/2σ²} (e^{−89} with the defaults), and the angle window truncates tails below e^{−200}.
 *
 * Points are interleaved `Float64Array`s [x₀, y₀, x₁, y₁, …]. Samplers use the portable sine and
 * cosine of the random module, so samples are bit-identical in every engine.
 * `grid2d` and `logDensityOnGrid` evaluate a density at the cell centres of a regular grid
 * (the midpoint rule; see `src/models/ebm/grid-normalization.ts` for its error).
 */
import {
  type Key,
  normal,
  portableCosPi,
  portableLog,
  portableSinPi,
  RandomStream,
  randint,
  split,
} from '../core/random/index.js';

/** The rectangle [x[0], x[1]] × [y[0], y[1]]. */
export interface Box2d {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** A normalised 2-D density with an exact sampler. */
export interface Density2d {
  readonly name: string;
  /** One sentence: what the density is, with its parameters. */
  readonly description: string;
  /** A box holding all but at most `massOutsideBox` of the probability. */
  readonly box: Box2d;
  /** An upper bound on the probability outside `box` (union bounds on Gaussian tails). */
  readonly massOutsideBox: number;
  /** log p at each of the n points of an interleaved [x₀, y₀, …] array (length 2n). */
  logDensity(points: Float64Array): Float64Array;
  /** `count` exact samples as an interleaved array of length 2·count. */
  sample(key: Key, count: number): Float64Array;
}

/** The names of the standard densities of {@link density2d}. */
export type DensityName = 'rings' | 'moons' | 'gaussians8';
export const densityNames: readonly DensityName[] = ['rings', 'moons', 'gaussians8'];

/** The box of the standard densities: [−4, 4]². */
export const defaultDensityBox: Box2d = Object.freeze({ x: [-4, 4], y: [-4, 4] } as const);

const logTwoPi = Math.log(2 * Math.PI);
const sqrtTwoPi = Math.sqrt(2 * Math.PI);

/** Φ(z) for z ≥ 0 by Marsaglia's series ½ + φ(z)(z + z³/3 + z⁵/15 + …): all terms positive. */
function normalCdfNonNegative(z: number): number {
  if (z >= 9) return 1; // 1 − Φ(9) ≈ 1e-19, below one ulp of 1.
  let term = z;
  let sum = z;
  for (let n = 1; term > 1e-17 * sum; n++) {
    term *= (z * z) / (2 * n + 1);
    sum += term;
  }
  return 0.5 + (Math.exp(-0.5 * z * z) / sqrtTwoPi) * sum;
}

/** An upper bound on the normal tail 1 − Φ(z): min(½, φ(z)/z) (Mills' ratio). */
function normalTailBound(z: number): number {
  return z <= 0 ? 1 : Math.min(0.5, Math.exp(-0.5 * z * z) / (z * sqrtTwoPi));
}

/**
 * log Q(z) = log(1 − Φ(z)) for z ≥ 0: from Marsaglia's series below z = 3.5 (relative error of
 * Q below 1e-12 there), above by the continued fraction Q(z) = φ(z)/(z + 1/(z + 2/(z + 3/(z + …))))
 * evaluated with Lentz's method, accurate at any z (Q(40) ≈ e^{−804} is far below the doubles).
 */
function logNormalTail(z: number): number {
  if (z < 3.5) return Math.log(1 - normalCdfNonNegative(z));
  const tiny = 1e-300;
  let f = z;
  let c = z;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    d = z + n * d;
    c = z + n / c;
    d = 1 / (d === 0 ? tiny : d);
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return -0.5 * z * z - Math.log(sqrtTwoPi) - Math.log(f);
}

/** Probability that N(center, std²) in 2-D leaves `box` (union bound over the four sides). */
function gaussianOutsideBound(cx: number, cy: number, std: number, box: Box2d): number {
  return (
    normalTailBound((cx - box.x[0]) / std) +
    normalTailBound((box.x[1] - cx) / std) +
    normalTailBound((cy - box.y[0]) / std) +
    normalTailBound((box.y[1] - cy) / std)
  );
}

function positive(value: number, name: string): number {
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value)) {
    throw new Error(`${name} must be a finite number > 0, got ${String(value)}`);
  }
  return value;
}

function validateBox(box: Box2d): Box2d {
  const ok = (pair: readonly number[]) =>
    Array.isArray(pair) &&
    pair.length === 2 &&
    Number.isFinite(pair[0]) &&
    Number.isFinite(pair[1]) &&
    pair[0] < pair[1];
  if (box === null || typeof box !== 'object' || !ok(box.x) || !ok(box.y)) {
    throw new Error('box must be { x: [xMin, xMax], y: [yMin, yMax] } with finite bounds, min < max');
  }
  return { x: [box.x[0], box.x[1]], y: [box.y[0], box.y[1]] };
}

function assertSampleCount(count: number): void {
  if (!Number.isInteger(count) || count < 0 || count > 2 ** 26) {
    throw new Error(`count must be an integer in [0, 2^26], got ${String(count)}`);
  }
}

function assertPoints(points: Float64Array): void {
  if (!(points instanceof Float64Array) || points.length % 2 !== 0) {
    throw new Error('points must be an interleaved Float64Array [x0, y0, x1, y1, …] of even length');
  }
}

/** log Σ exp(values[i]) for a short list. */
function logSumExp(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  if (max === Number.NEGATIVE_INFINITY) return max;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += Math.exp(values[i] - max);
  return max + Math.log(sum);
}

/** Options of {@link gaussianCircleDensity}. */
export interface GaussianCircleOptions {
  /** Number of Gaussians K (default 8). */
  components?: number;
  /** Radius R of the circle of centres (default 2). */
  radius?: number;
  /** Standard deviation s of each Gaussian (default 0.25). */
  std?: number;
  /** The box (default [−4, 4]²). */
  box?: Box2d;
}

/** K equal Gaussians N(cₖ, s²I), cₖ = R(cos 2πk/K, sin 2πk/K). */
export function gaussianCircleDensity(options: GaussianCircleOptions = {}): Density2d {
  const components = options.components ?? 8;
  if (!Number.isInteger(components) || components < 1 || components > 1000) {
    throw new Error(`components must be an integer in [1, 1000], got ${String(components)}`);
  }
  const radius = positive(options.radius ?? 2, 'radius');
  const std = positive(options.std ?? 0.25, 'std');
  const box = validateBox(options.box ?? defaultDensityBox);
  const centers = new Float64Array(2 * components);
  for (let k = 0; k < components; k++) {
    centers[2 * k] = radius * portableCosPi((2 * k) / components);
    centers[2 * k + 1] = radius * portableSinPi((2 * k) / components);
  }
  let outside = 0;
  for (let k = 0; k < components; k++)
    outside += gaussianOutsideBound(centers[2 * k], centers[2 * k + 1], std, box);
  const logNormalizer = Math.log(components) + logTwoPi + 2 * Math.log(std);
  return {
    name: `gaussians${components}`,
    description: `${components} Gaussians of standard deviation ${std} centred on a circle of radius ${radius}`,
    box,
    massOutsideBox: Math.min(1, outside / components),
    logDensity(points) {
      assertPoints(points);
      const out = new Float64Array(points.length / 2);
      const terms = new Float64Array(components);
      for (let i = 0; i < out.length; i++) {
        for (let k = 0; k < components; k++) {
          const dx = points[2 * i] - centers[2 * k];
          const dy = points[2 * i + 1] - centers[2 * k + 1];
          terms[k] = -(dx * dx + dy * dy) / (2 * std * std);
        }
        out[i] = logSumExp(terms) - logNormalizer;
      }
      return out;
    },
    sample(key, count) {
      assertSampleCount(count);
      const [componentKey, noiseKey] = split(key, 2);
      const chosen = randint(componentKey, count, 0, components);
      const noise = normal(noiseKey, 2 * count, { std });
      for (let i = 0; i < count; i++) {
        noise[2 * i] += centers[2 * chosen[i]];
        noise[2 * i + 1] += centers[2 * chosen[i] + 1];
      }
      return noise;
    },
  };
}

/** Options of {@link ringsDensity}. */
export interface RingsOptions {
  /** Ring radii Rₖ > 0 (default [1, 2, 3]). */
  radii?: readonly number[];
  /** Radial standard deviation σ (default 0.15). */
  std?: number;
  /** The box (default [−4, 4]²). */
  box?: Box2d;
}

/** Concentric Gaussian rings, weights ∝ radius (see the file comment for the normaliser). */
export function ringsDensity(options: RingsOptions = {}): Density2d {
  const radii = [...(options.radii ?? [1, 2, 3])];
  if (radii.length < 1 || radii.length > 100)
    throw new Error(`radii must hold 1 to 100 radii, got ${radii.length}`);
  for (const [k, r] of radii.entries()) positive(r, `radii[${k}]`);
  const std = positive(options.std ?? 0.15, 'std');
  const box = validateBox(options.box ?? defaultDensityBox);
  const total = radii.reduce((a, b) => a + b, 0);
  // Zₖ/2π = σ² e^{−R²/2σ²} + Rσ√(2π)Φ(R/σ): the integral of r·exp(−(r − R)²/2σ²) over r ≥ 0.
  const radial = radii.map(
    (r) =>
      std * std * Math.exp(-(r * r) / (2 * std * std)) + r * std * sqrtTwoPi * normalCdfNonNegative(r / std),
  );
  const logWeights = radii.map((r, k) => Math.log(r / total) - Math.log(2 * Math.PI * radial[k]));
  // Outside the box means beyond the inscribed circle of radius ρ around the origin (if ρ > 0).
  const rho = Math.min(-box.x[0], box.x[1], -box.y[0], box.y[1]);
  const outside =
    rho <= 0
      ? 1
      : radii.reduce((sum, r, k) => {
          const z = (rho - r) / std;
          const tail =
            std * std * Math.exp(-0.5 * Math.max(z, 0) ** 2) + r * std * sqrtTwoPi * normalTailBound(z);
          return sum + (r / total) * Math.min(1, tail / radial[k]);
        }, 0);
  return {
    name: 'rings',
    description: `${radii.length} concentric Gaussian rings of radii ${radii.join(', ')} and radial standard deviation ${std}`,
    box,
    massOutsideBox: Math.min(1, outside),
    logDensity(points) {
      assertPoints(points);
      const out = new Float64Array(points.length / 2);
      const terms = new Float64Array(radii.length);
      for (let i = 0; i < out.length; i++) {
        const r = Math.hypot(points[2 * i], points[2 * i + 1]);
        for (let k = 0; k < radii.length; k++)
          terms[k] = logWeights[k] - (r - radii[k]) ** 2 / (2 * std * std);
        out[i] = logSumExp(terms);
      }
      return out;
    },
    sample(key, count) {
      assertSampleCount(count);
      const stream = new RandomStream(key);
      const out = new Float64Array(2 * count);
      const cumulative = radii.map((_, k) => radii.slice(0, k + 1).reduce((a, b) => a + b, 0) / total);
      for (let i = 0; i < count; i++) {
        const u = stream.nextUniform();
        const found = cumulative.findIndex((c) => u < c);
        const k = found < 0 ? radii.length - 1 : found; // the last sum may round below 1
        const r = sampleRingRadius(stream, radii[k], std);
        const turns = 2 * stream.nextUniform();
        out[2 * i] = r * portableCosPi(turns);
        out[2 * i + 1] = r * portableSinPi(turns);
      }
      return out;
    },
  };
}

/**
 * Exact draw of r ≥ 0 with density ∝ r·exp(−(r − R)²/2σ²). With r = R + σz the target is
 * g(z) ∝ (R + σz)φ(z) on z > −R/σ; the envelope (R + σ|z|)φ(z) is a mixture of N(0, 1) (weight
 * ∝ R) and a Rayleigh variable with a random sign (weight ∝ σ√(2/π)); accept with g/envelope.
 */
function sampleRingRadius(stream: RandomStream, radius: number, std: number): number {
  const gaussianWeight = radius / (radius + std * Math.sqrt(2 / Math.PI));
  for (;;) {
    let z: number;
    if (stream.nextUniform() < gaussianWeight) z = stream.nextNormal();
    else {
      const magnitude = Math.sqrt(-2 * portableLog(1 - stream.nextUniform()));
      z = stream.nextUniform() < 0.5 ? -magnitude : magnitude;
    }
    const r = radius + std * z;
    if (r > 0 && stream.nextUniform() * (radius + std * Math.abs(z)) < r) return r;
  }
}

/** Options of {@link moonsDensity}. */
export interface MoonsOptions {
  /** Radius r of each half circle (default 2: scikit-learn's moons centred and doubled). */
  radius?: number;
  /** Radial standard deviation σ; the ends are blurred over the same length (default 0.15). */
  std?: number;
  /** The box (default [−4, 4]²). */
  box?: Box2d;
}

/** log(Φ(a) − Φ(b)) for a > b, without cancellation in either tail. */
function logNormalInterval(a: number, b: number): number {
  if (b >= 0) {
    const upper = logNormalTail(b);
    return upper + Math.log1p(-Math.exp(logNormalTail(a) - upper));
  }
  if (a <= 0) {
    const upper = logNormalTail(-a);
    return upper + Math.log1p(-Math.exp(logNormalTail(-b) - upper));
  }
  return Math.log1p(-Math.exp(logNormalTail(a)) - Math.exp(logNormalTail(-b)));
}

/**
 * Two interleaved half circles: arc 0 is (−r/2, −r/4) + ρ(cos θ, sin θ) around θ ∈ [0, π],
 * arc 1 is (r/2, r/4) + ρ(cos θ, sin θ) around θ ∈ [π, 2π] (see the file comment).
 */
export function moonsDensity(options: MoonsOptions = {}): Density2d {
  const radius = positive(options.radius ?? 2, 'radius');
  const std = positive(options.std ?? 0.15, 'std');
  const box = validateBox(options.box ?? defaultDensityBox);
  const arcs = [
    { cx: -radius / 2, cy: -radius / 4, middle: Math.PI / 2 },
    { cx: radius / 2, cy: radius / 4, middle: (3 * Math.PI) / 2 },
  ];
  const blur = std / radius; // ε: the ends blur over an arc length σ
  const radial =
    std * std * Math.exp(-(radius * radius) / (2 * std * std)) +
    radius * std * sqrtTwoPi * normalCdfNonNegative(radius / std);
  const logConstant = -Math.log(2 * Math.PI * radial);
  // Leaving the box needs |ρ − r| > g, g the gap between the box and the arcs' full circles.
  const gap = Math.min(
    -1.5 * radius - box.x[0],
    box.x[1] - 1.5 * radius,
    -1.25 * radius - box.y[0],
    box.y[1] - 1.25 * radius,
  );
  const outside =
    gap <= 0
      ? 1
      : (std * std * Math.exp(-0.5 * (gap / std) ** 2) +
          2 * radius * std * sqrtTwoPi * normalTailBound(gap / std)) /
        radial;
  return {
    name: 'moons',
    description: `two interleaved half circles of radius ${radius} with radial and end blur ${std}`,
    box,
    massOutsideBox: Math.min(1, outside),
    logDensity(points) {
      assertPoints(points);
      const out = new Float64Array(points.length / 2);
      const terms = new Float64Array(2);
      for (let i = 0; i < out.length; i++) {
        for (let m = 0; m < 2; m++) {
          const dx = points[2 * i] - arcs[m].cx;
          const dy = points[2 * i + 1] - arcs[m].cy;
          // θ relative to the middle of the arc, in [−π, π).
          let theta = Math.atan2(dy, dx) - arcs[m].middle + Math.PI;
          theta = theta - 2 * Math.PI * Math.floor(theta / (2 * Math.PI)) - Math.PI;
          const angular = logNormalInterval((theta + Math.PI / 2) / blur, (theta - Math.PI / 2) / blur);
          terms[m] = -((Math.hypot(dx, dy) - radius) ** 2) / (2 * std * std) + angular;
        }
        out[i] = logConstant + logSumExp(terms);
      }
      return out;
    },
    sample(key, count) {
      assertSampleCount(count);
      const stream = new RandomStream(key);
      const out = new Float64Array(2 * count);
      for (let i = 0; i < count; i++) {
        const arc = arcs[stream.nextInt(2)];
        const rho = sampleRingRadius(stream, radius, std);
        // θ/π = middle/π + U(−½, ½) + (ε/π)·N(0, 1).
        const turns =
          arc.middle / Math.PI + stream.nextUniform() - 0.5 + (blur / Math.PI) * stream.nextNormal();
        out[2 * i] = arc.cx + rho * portableCosPi(turns);
        out[2 * i + 1] = arc.cy + rho * portableSinPi(turns);
      }
      return out;
    },
  };
}

/** The standard density `name` with its default parameters and box [−4, 4]². */
export function density2d(name: DensityName): Density2d {
  switch (name) {
    case 'rings':
      return ringsDensity();
    case 'moons':
      return moonsDensity();
    case 'gaussians8':
      return gaussianCircleDensity();
    default:
      throw new Error(`density must be one of ${densityNames.join(', ')}, got ${String(name)}`);
  }
}

/** A regular grid of cells over a box; values live at cell centres (the midpoint rule). */
export interface Grid2d {
  readonly box: Box2d;
  /** Cells along each axis. */
  readonly resolution: number;
  readonly cellWidth: number;
  readonly cellHeight: number;
  readonly cellArea: number;
  /** Cell-centre x coordinates (length resolution), increasing. */
  readonly xs: Float64Array;
  /** Cell-centre y coordinates (length resolution), increasing. */
  readonly ys: Float64Array;
  /** All cell centres, interleaved; cell (i, j) at y = ys[i], x = xs[j] is point i·resolution + j. */
  readonly points: Float64Array;
}

/** The resolution × resolution grid over `box`. */
export function grid2d(box: Box2d, resolution: number): Grid2d {
  const checked = validateBox(box);
  if (!Number.isInteger(resolution) || resolution < 1 || resolution > 4096) {
    throw new Error(`resolution must be an integer in [1, 4096], got ${String(resolution)}`);
  }
  const cellWidth = (checked.x[1] - checked.x[0]) / resolution;
  const cellHeight = (checked.y[1] - checked.y[0]) / resolution;
  const xs = Float64Array.from({ length: resolution }, (_, j) => checked.x[0] + (j + 0.5) * cellWidth);
  const ys = Float64Array.from({ length: resolution }, (_, i) => checked.y[0] + (i + 0.5) * cellHeight);
  const points = new Float64Array(2 * resolution * resolution);
  for (let i = 0; i < resolution; i++) {
    for (let j = 0; j < resolution; j++) {
      points[2 * (i * resolution + j)] = xs[j];
      points[2 * (i * resolution + j) + 1] = ys[i];
    }
  }
  return {
    box: checked,
    resolution,
    cellWidth,
    cellHeight,
    cellArea: cellWidth * cellHeight,
    xs,
    ys,
    points,
  };
}

/** log p at every cell centre of `grid`, in the grid's point order. */
export function logDensityOnGrid(density: Density2d, grid: Grid2d): Float64Array {
  return density.logDensity(grid.points);
}
