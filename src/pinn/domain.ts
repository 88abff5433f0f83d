/**
 * Geometric domains for PINNs: interval, rectangle, disk and L-shape, each with interior and
 * boundary sampling (outward unit normals included) and a membership test.
 *
 * Every domain is a pair of measure-preserving maps: the unit cube [0, 1)^d onto the interior
 * and [0, 1) onto the boundary (by arc length). Sampling draws unit-cube points (uniform or a
 * Latin hypercube, see `unit-cube.ts`) and maps them, so the law on the domain is exactly
 * uniform and the stratification carries over. Point sets are row-major `Float64Array`s
 * (`count × dimension`).
 */
import type { Key } from '../core/random/index.js';
import { assertPointCount, assertSamplingMethod, type SamplingMethod, unitCubeSample } from './unit-cube.js';

/** Options of the samplers. */
export interface SampleOptions {
  /** 'uniform' (default) or 'latin-hypercube'. */
  method?: SamplingMethod;
}

/** Boundary points with their outward unit normals, both row-major `count × dimension`. */
export interface BoundarySample {
  points: Float64Array;
  normals: Float64Array;
}

/** A domain: membership, bounding box and samplers. */
export interface Domain {
  readonly name: string;
  /** Number of coordinates of a point. */
  readonly dimension: number;
  /** Bounding box, lower corner. */
  readonly low: readonly number[];
  /** Bounding box, upper corner. */
  readonly high: readonly number[];
  /** Whether the domain is its bounding box (periodic conditions need a box). */
  readonly isBox: boolean;
  /** Whether `point` lies in the closed domain, up to `tolerance` (default 1e-12). */
  contains(point: ArrayLike<number>, tolerance?: number): boolean;
  /** `count` points uniform in the interior. */
  sampleInterior(key: Key, count: number, options?: SampleOptions): Float64Array;
  /** `count` points uniform (by arc length / area) on the boundary, with outward normals. */
  sampleBoundary(key: Key, count: number, options?: SampleOptions): BoundarySample;
}

/** What a concrete domain provides; `makeDomain` adds validation and the samplers. */
export interface DomainMaps {
  name: string;
  dimension: number;
  low: readonly number[];
  high: readonly number[];
  isBox: boolean;
  contains(point: ArrayLike<number>, tolerance: number): boolean;
  /** Unit-cube coordinates needed per interior / boundary point. */
  interiorUnitDimension: number;
  boundaryUnitDimension: number;
  /** Maps unit coordinates `unit` to a point written at `out[offset…]`. */
  mapInterior(unit: Float64Array, unitOffset: number, out: Float64Array, offset: number): void;
  /** Maps unit coordinates to a boundary point and its outward normal. */
  mapBoundary(
    unit: Float64Array,
    unitOffset: number,
    point: Float64Array,
    normal: Float64Array,
    offset: number,
  ): void;
}

/** Builds a {@link Domain} from its maps. */
export function makeDomain(maps: DomainMaps): Domain {
  const { dimension } = maps;
  return {
    name: maps.name,
    dimension,
    low: Object.freeze([...maps.low]),
    high: Object.freeze([...maps.high]),
    isBox: maps.isBox,
    contains(point, tolerance = 1e-12) {
      if (point === null || typeof point !== 'object' || point.length !== dimension) {
        throw new Error(`point must have ${dimension} coordinates, got ${String(point)}`);
      }
      return maps.contains(point, tolerance);
    },
    sampleInterior(key, count, options = {}) {
      assertPointCount(count);
      const method = options.method ?? 'uniform';
      assertSamplingMethod(method, 'options.method');
      const d = maps.interiorUnitDimension;
      const unit = unitCubeSample(key, count, d, method);
      const out = new Float64Array(count * dimension);
      for (let i = 0; i < count; i++) maps.mapInterior(unit, i * d, out, i * dimension);
      return out;
    },
    sampleBoundary(key, count, options = {}) {
      assertPointCount(count);
      const method = options.method ?? 'uniform';
      assertSamplingMethod(method, 'options.method');
      const d = maps.boundaryUnitDimension;
      const unit = unitCubeSample(key, count, d, method);
      const points = new Float64Array(count * dimension);
      const normals = new Float64Array(count * dimension);
      for (let i = 0; i < count; i++) maps.mapBoundary(unit, i * d, points, normals, i * dimension);
      return { points, normals };
    },
  };
}

function assertFinite(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${name} must be a finite number, got ${String(value)}`);
  }
}

/** The interval [low, high]; its boundary is the two end points (normals −1 and +1). */
export function interval(low: number, high: number): Domain {
  assertFinite(low, 'low');
  assertFinite(high, 'high');
  if (!(low < high)) throw new Error(`interval needs low < high, got low = ${low}, high = ${high}`);
  return makeDomain({
    name: `interval [${low}, ${high}]`,
    dimension: 1,
    low: [low],
    high: [high],
    isBox: true,
    contains: (p, tolerance) => p[0] >= low - tolerance && p[0] <= high + tolerance,
    interiorUnitDimension: 1,
    boundaryUnitDimension: 1,
    mapInterior: (u, k, out, o) => {
      out[o] = low + (high - low) * u[k];
    },
    mapBoundary: (u, k, point, normal, o) => {
      const atHigh = u[k] >= 0.5;
      point[o] = atHigh ? high : low;
      normal[o] = atHigh ? 1 : -1;
    },
  });
}

/**
 * A polygon boundary walked by arc length: `vertices` counter-clockwise, so the outward normal
 * of edge (dx, dy) is (dy, −dx)/length.
 */
function polygonBoundary(vertices: readonly (readonly [number, number])[]) {
  const lengths = vertices.map((v, i) => {
    const w = vertices[(i + 1) % vertices.length];
    return Math.hypot(w[0] - v[0], w[1] - v[1]);
  });
  const perimeter = lengths.reduce((a, b) => a + b, 0);
  return (u: number, point: Float64Array, normal: Float64Array, o: number): void => {
    let s = u * perimeter;
    let edge = 0;
    while (edge < vertices.length - 1 && s >= lengths[edge]) s -= lengths[edge++];
    const v = vertices[edge];
    const w = vertices[(edge + 1) % vertices.length];
    const fraction = Math.min(s / lengths[edge], 1);
    point[o] = v[0] + fraction * (w[0] - v[0]);
    point[o + 1] = v[1] + fraction * (w[1] - v[1]);
    normal[o] = (w[1] - v[1]) / lengths[edge];
    normal[o + 1] = -(w[0] - v[0]) / lengths[edge];
  };
}

function assertCorner(value: unknown, name: string): asserts value is readonly [number, number] {
  if (!Array.isArray(value) || value.length !== 2) {
    throw new Error(`${name} must be a pair [x, y] of finite numbers, got ${String(value)}`);
  }
  assertFinite(value[0], `${name}[0]`);
  assertFinite(value[1], `${name}[1]`);
}

/** The rectangle [low₀, high₀] × [low₁, high₁]. */
export function rectangle(low: readonly [number, number], high: readonly [number, number]): Domain {
  assertCorner(low, 'low');
  assertCorner(high, 'high');
  if (!(low[0] < high[0] && low[1] < high[1])) {
    throw new Error(`rectangle needs low < high on both axes, got low = [${low}], high = [${high}]`);
  }
  const [a, b] = low;
  const [c, d] = high;
  const boundary = polygonBoundary([
    [a, b],
    [c, b],
    [c, d],
    [a, d],
  ]);
  return makeDomain({
    name: `rectangle [${a}, ${c}] × [${b}, ${d}]`,
    dimension: 2,
    low,
    high,
    isBox: true,
    contains: (p, t) => p[0] >= a - t && p[0] <= c + t && p[1] >= b - t && p[1] <= d + t,
    interiorUnitDimension: 2,
    boundaryUnitDimension: 1,
    mapInterior: (u, k, out, o) => {
      out[o] = a + (c - a) * u[k];
      out[o + 1] = b + (d - b) * u[k + 1];
    },
    mapBoundary: (u, k, point, normal, o) => boundary(u[k], point, normal, o),
  });
}

/** The closed disk of `radius` around `center`. */
export function disk(center: readonly [number, number], radius: number): Domain {
  assertCorner(center, 'center');
  assertFinite(radius, 'radius');
  if (!(radius > 0)) throw new Error(`radius must be > 0, got ${radius}`);
  const [cx, cy] = center;
  return makeDomain({
    name: `disk (${cx}, ${cy}) radius ${radius}`,
    dimension: 2,
    low: [cx - radius, cy - radius],
    high: [cx + radius, cy + radius],
    isBox: false,
    contains: (p, t) => Math.hypot(p[0] - cx, p[1] - cy) <= radius + t,
    interiorUnitDimension: 2,
    boundaryUnitDimension: 1,
    mapInterior: (u, k, out, o) => {
      // r = R√u makes the area element r dr uniform.
      const r = radius * Math.sqrt(u[k]);
      const angle = 2 * Math.PI * u[k + 1];
      out[o] = cx + r * Math.cos(angle);
      out[o + 1] = cy + r * Math.sin(angle);
    },
    mapBoundary: (u, k, point, normal, o) => {
      const angle = 2 * Math.PI * u[k];
      normal[o] = Math.cos(angle);
      normal[o + 1] = Math.sin(angle);
      point[o] = cx + radius * normal[o];
      point[o + 1] = cy + radius * normal[o + 1];
    },
  });
}

/**
 * The L-shape [−1, 1]² minus the open upper-right quarter (0, 1]²: three unit squares, the
 * classic test with a re-entrant corner at the origin.
 */
export function lShape(): Domain {
  const squares: readonly (readonly [number, number])[] = [
    [-1, -1],
    [0, -1],
    [-1, 0],
  ];
  const boundary = polygonBoundary([
    [-1, -1],
    [1, -1],
    [1, 0],
    [0, 0],
    [0, 1],
    [-1, 1],
  ]);
  return makeDomain({
    name: 'L-shape [-1, 1]² \\ (0, 1]²',
    dimension: 2,
    low: [-1, -1],
    high: [1, 1],
    isBox: false,
    contains: (p, t) =>
      p[0] >= -1 - t && p[0] <= 1 + t && p[1] >= -1 - t && p[1] <= 1 + t && !(p[0] > t && p[1] > t),
    interiorUnitDimension: 2,
    boundaryUnitDimension: 1,
    mapInterior: (u, k, out, o) => {
      // The first coordinate picks one of the three squares and the position inside it.
      const scaled = 3 * u[k];
      const index = Math.min(Math.floor(scaled), 2);
      const corner = squares[index];
      out[o] = corner[0] + (scaled - index);
      out[o + 1] = corner[1] + u[k + 1];
    },
    mapBoundary: (u, k, point, normal, o) => boundary(u[k], point, normal, o),
  });
}
