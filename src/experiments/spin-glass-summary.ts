/**
 * The statistics of the `spin-glass` experiment: disorder averages over the instance records,
 * with thermal errors of the overlap moments from a block jackknife that leaves the same block
 * out of every instance at once (so the Binder ratio, a ratio of averages, gets a consistent
 * error), the ground-state search figures, and the checks against exact enumeration and
 * against Parisi's N → ∞ energy.
 */
import { type GroundStateExtrapolation, PARISI_GROUND_STATE_ENERGY } from '../models/spin-glass/index.js';
import type { Check, MetricValue, ReferenceValue } from './framework/define.js';

/** Largest system whose ground state is found by enumeration (2^26 states, about a second). */
export const EXACT_GROUND_STATE_LIMIT = 27;
/** Largest system whose P(q) is computed exactly (the limit of `exactOverlapDistribution`). */
export const EXACT_OVERLAP_LIMIT = 20;
/** Jackknife blocks of each instance's overlap series. */
const BLOCKS = 20;

/** What is kept of one instance (JSON-serialisable, for the checkpoint). */
export interface InstanceRecord {
  frustrated: number;
  loops: number;
  exactEnergy: number | null;
  targetEnergy: number;
  /** Energies within this of the target count as reaching it. */
  tolerance: number;
  foundEnergy: number;
  searches: number;
  successes: number;
  sweepsToSolution: number;
  /** Per block: Σ|q|, Σq², Σq⁴ (3 per block), and the block sizes. */
  blockSums: number[];
  blockCounts: number[];
  probabilities: number[];
  exactProbabilities: number[] | null;
  minimumSwapAcceptance: number;
}

/** Block sums Σ|q|, Σq², Σq⁴ of an overlap series cut into BLOCKS consecutive blocks. */
export function overlapBlocks(overlaps: Float64Array): { sums: number[]; counts: number[] } {
  const blocks = Math.min(BLOCKS, overlaps.length);
  const sums = new Array<number>(3 * blocks).fill(0);
  const counts = new Array<number>(blocks).fill(0);
  overlaps.forEach((q, t) => {
    const block = Math.floor((t * blocks) / overlaps.length);
    sums[3 * block] += Math.abs(q);
    sums[3 * block + 1] += q * q;
    sums[3 * block + 2] += q ** 4;
    counts[block]++;
  });
  return { sums, counts };
}

/** ⟨|q|⟩, ⟨q²⟩, the Binder ratio and χ_SG from disorder-averaged moments [⟨|q|⟩], [⟨q²⟩], [⟨q⁴⟩]. */
function derived(size: number, absolute: number, second: number, fourth: number): number[] {
  return [absolute, second, 0.5 * (3 - fourth / (second * second)), size * second];
}

/**
 * Disorder-averaged overlap observables with thermal jackknife errors: block b is left out of
 * every instance at once, so the errors of ratios (the Binder ratio) come out consistently.
 */
function overlapEstimates(records: InstanceRecord[], size: number): MetricValue[] {
  const blocks = Math.min(...records.map((record) => record.blockCounts.length));
  const average = (leaveOut: number) => {
    const moments = [0, 0, 0];
    for (const { blockSums, blockCounts } of records) {
      let total = blockCounts.reduce((sum, count) => sum + count, 0);
      const sums = [0, 1, 2].map((m) => blockSums.reduce((s, v, i) => (i % 3 === m ? s + v : s), 0));
      if (leaveOut >= 0) {
        total -= blockCounts[leaveOut];
        for (let m = 0; m < 3; m++) sums[m] -= blockSums[3 * leaveOut + m];
      }
      for (let m = 0; m < 3; m++) moments[m] += sums[m] / total / records.length;
    }
    return derived(size, moments[0], moments[1], moments[2]);
  };
  const full = average(-1);
  const replicates = Array.from({ length: blocks }, (_, b) => average(b));
  return full.map((mean, index) => {
    const values = replicates.map((replicate) => replicate[index]);
    const center = values.reduce((sum, v) => sum + v, 0) / blocks;
    const squares = values.reduce((sum, v) => sum + (v - center) ** 2, 0);
    return { mean, stderr: Math.sqrt(((blocks - 1) / blocks) * squares) };
  });
}

/** Mean and standard error over instances. */
function meanWithError(values: number[]): { mean: number; stderr: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return { mean, stderr: Math.sqrt(squares / (values.length - 1) / values.length) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
}

/** Metrics, references and checks from the instance records and the size-sweep fit. */
export function summarizeInstances(records: InstanceRecord[], spins: number, fit: GroundStateExtrapolation) {
  const perSpin = (values: number[]) => meanWithError(values.map((value) => value / spins));
  const exactKnown = records.every((record) => record.exactEnergy !== null);
  const averageOf = (rows: number[][]) =>
    rows[0].map((_, q) => rows.reduce((sum, row) => sum + row[q], 0) / rows.length);
  const exactRows = records.map((record) => record.exactProbabilities);
  const exactPq = exactRows.every((row) => row !== null) ? averageOf(exactRows as number[][]) : null;
  const moment = (f: (q: number) => number) =>
    (exactPq ?? []).reduce((sum, p, k) => sum + p * f(-1 + (2 * k) / spins), 0);
  const exactMoments =
    exactPq === null
      ? null
      : derived(
          spins,
          moment(Math.abs),
          moment((q) => q * q),
          moment((q) => q ** 4),
        );
  const sum = (f: (record: InstanceRecord) => number) =>
    records.reduce((total, record) => total + f(record), 0);
  const overlaps = overlapEstimates(records, spins);
  const metrics: Record<string, MetricValue> = {
    groundStateEnergyPerSpin: perSpin(records.map((record) => record.foundEnergy)),
    referenceEnergyPerSpin: perSpin(records.map((record) => record.targetEnergy)),
    // Gaps within the rounding of incremental energy updates are zero.
    energyGapPerSpin:
      sum((record) => Math.max(0, record.foundEnergy - record.targetEnergy - record.tolerance)) /
      (records.length * spins),
    successFraction: sum((record) => record.successes) / sum((record) => record.searches),
    sweepsToSolution: median(records.map((record) => record.sweepsToSolution)),
    frustratedFraction: meanWithError(records.map((record) => record.frustrated / record.loops)),
    frustratedLoops: sum((record) => record.frustrated) / records.length,
    minimumSwapAcceptance: Math.min(...records.map((record) => record.minimumSwapAcceptance)),
    extrapolatedGroundStateEnergy: { mean: fit.energyInfinity, stderr: fit.energyInfinityError },
    extrapolationSlope: { mean: fit.slope, stderr: fit.slopeError },
    extrapolationReducedChiSquared: fit.reducedChiSquared,
  };
  const reference: Record<string, ReferenceValue> = {
    referenceEnergyPerSpin: exactKnown
      ? 'exact ground states by enumeration'
      : `lowest energy met by the equilibrium run (no enumeration above N = ${EXACT_GROUND_STATE_LIMIT})`,
    frustratedFraction: 0.5,
    extrapolatedGroundStateEnergy: PARISI_GROUND_STATE_ENERGY,
  };
  const checks: Check[] = [
    {
      metric: 'extrapolatedGroundStateEnergy',
      reference: PARISI_GROUND_STATE_ENERGY,
      tolerance: 3,
      kind: 'stderr',
    },
  ];
  if (exactKnown) {
    reference.groundStateEnergyPerSpin = (metrics.referenceEnergyPerSpin as { mean: number }).mean;
    // The search should solve small instances; failing half of them means too few sweeps.
    checks.push({ metric: 'successFraction', reference: 1, tolerance: 0.5, kind: 'absolute' });
  }
  OVERLAP_METRICS.forEach((name, index) => {
    metrics[name] = overlaps[index];
    if (exactMoments === null) {
      reference[name] = `no exact P(q) above N = ${EXACT_OVERLAP_LIMIT}`;
      return;
    }
    reference[name] = exactMoments[index];
    // χ_SG = N⟨q²⟩ would only repeat the ⟨q²⟩ check.
    if (name !== 'spinGlassSusceptibility')
      checks.push({ metric: name, reference: exactMoments[index], tolerance: 4, kind: 'stderr' });
  });
  return {
    metrics,
    reference,
    checks,
    exactPq,
    measuredPq: averageOf(records.map((record) => record.probabilities)),
  };
}

/** The overlap metrics, in the order `derived` returns them. */
const OVERLAP_METRICS = [
  'overlapAbsoluteMean',
  'overlapSecondMoment',
  'binderRatio',
  'spinGlassSusceptibility',
];
