/**
 * A time axis: the space-time cylinder Ω × [0, T], with time as the LAST coordinate. Its
 * "boundary" for PINN purposes is the lateral boundary ∂Ω × [0, T] (normals have no time
 * component); the initial slice Ω × {0} is sampled separately for initial conditions.
 */
import { type Key, split } from '../core/random/index.js';
import { type Domain, type DomainMaps, makeDomain, type SampleOptions } from './domain.js';

/** A space-time domain Ω × [0, duration]. */
export interface SpaceTimeDomain extends Domain {
  /** The spatial domain Ω. */
  readonly space: Domain;
  /** The final time T. */
  readonly duration: number;
  /** `count` points (x, 0) with x uniform in Ω, row-major `count × (d + 1)`. */
  sampleInitial(key: Key, count: number, options?: SampleOptions): Float64Array;
}

/** Ω × [0, duration], time last. */
export function spaceTime(space: Domain, duration: number): SpaceTimeDomain {
  if (space === null || typeof space !== 'object' || typeof space.sampleInterior !== 'function') {
    throw new Error('space must be a Domain (interval, rectangle, disk, lShape …)');
  }
  if (typeof duration !== 'number' || !Number.isFinite(duration) || !(duration > 0)) {
    throw new Error(`duration must be a finite number > 0, got ${String(duration)}`);
  }
  const d = space.dimension;
  const dimension = d + 1;
  // Only membership and the bounding box come from these maps: the samplers below draw the
  // spatial part with Ω's own sampler and the time separately.
  const maps: DomainMaps = {
    name: `${space.name} × [0, ${duration}]`,
    dimension,
    low: [...space.low, 0],
    high: [...space.high, duration],
    isBox: space.isBox,
    contains: (p, t) => p[d] >= -t && p[d] <= duration + t && space.contains(Array.from(p).slice(0, d), t),
    interiorUnitDimension: 0,
    boundaryUnitDimension: 0,
    mapInterior: () => {},
    mapBoundary: () => {},
  };
  const base = makeDomain(maps);
  const combine = (spatial: Float64Array, times: Float64Array, count: number): Float64Array => {
    const out = new Float64Array(count * dimension);
    for (let i = 0; i < count; i++) {
      for (let a = 0; a < d; a++) out[i * dimension + a] = spatial[i * d + a];
      out[i * dimension + d] = times[i];
    }
    return out;
  };
  const timeAxis = makeDomain({
    name: 'time',
    dimension: 1,
    low: [0],
    high: [duration],
    isBox: true,
    contains: () => true,
    interiorUnitDimension: 1,
    boundaryUnitDimension: 1,
    mapInterior: (u, k, out, o) => {
      out[o] = duration * u[k];
    },
    mapBoundary: () => {},
  });
  // Two independent streams: space and time (a Latin hypercube stays one per marginal).
  const keys = (key: Key) => split(key, 2);
  return {
    ...base,
    space,
    duration,
    sampleInterior(key, count, options = {}) {
      const [spaceKey, timeKey] = keys(key);
      return combine(
        space.sampleInterior(spaceKey, count, options),
        timeAxis.sampleInterior(timeKey, count, options),
        count,
      );
    },
    sampleBoundary(key, count, options = {}) {
      const [spaceKey, timeKey] = keys(key);
      const spatial = space.sampleBoundary(spaceKey, count, options);
      const points = combine(spatial.points, timeAxis.sampleInterior(timeKey, count, options), count);
      const normals = combine(spatial.normals, new Float64Array(count), count);
      return { points, normals };
    },
    sampleInitial(key, count, options = {}) {
      return combine(space.sampleInterior(key, count, options), new Float64Array(count), count);
    },
  };
}
