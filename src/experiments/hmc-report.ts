/**
 * The plots and the table of the `hmc` experiment: traces and marginals of coordinate 0 against
 * the exact density, ESS per gradient by coordinate, the funnel's draws with the points where
 * divergent transitions started, and one row of figures per sampler.
 */
import type { Table } from './framework/define.js';
import type { PlotSpec } from './framework/plot-spec.js';
import {
  type ExactTarget,
  type SamplerName,
  type SamplerSummary,
  samplerNames,
  samplerTitles,
} from './hmc-summary.js';

/**
 * Trace and marginal of coordinate 0, ESS per gradient by coordinate, and for the funnel the
 * NUTS draws of (v, x₁) with the divergent points of both samplers.
 */
export function samplerPlots(
  kind: 'gaussian' | 'funnel',
  target: ExactTarget,
  summaries: Record<SamplerName, SamplerSummary>,
): PlotSpec[] {
  const first = (sampler: SamplerName) => summaries[sampler].firstCoordinate;
  const pooled = (sampler: SamplerName) => first(sampler).flatMap((chain) => Array.from(chain));
  const all = [...pooled('hmc'), ...pooled('nuts')];
  const sd0 = Math.sqrt(target.covariance[0]);
  let low = target.mean[0] - sd0;
  let high = target.mean[0] + sd0;
  for (const x of all) {
    low = Math.min(low, x);
    high = Math.max(high, x);
  }
  const grid = Array.from({ length: 300 }, (_, i) => low + ((high - low) * i) / 299);
  const coordinateName = kind === 'funnel' ? 'v' : 'x₀';
  const plots: PlotSpec[] = [
    {
      kind: 'line',
      title: `Trace of ${coordinateName} (chain 1, after warmup)`,
      caption: 'Both samplers move freely through the target; NUTS adapts its trajectory length per draw.',
      x: { title: 'draw' },
      y: { title: coordinateName },
      series: samplerNames.map((sampler) => ({
        name: samplerTitles[sampler],
        x: Array.from(first(sampler)[0], (_, t) => t),
        y: first(sampler)[0],
      })),
    },
    {
      kind: 'histogram',
      title: `Marginal of ${coordinateName}, all chains`,
      caption:
        kind === 'funnel'
          ? 'The exact marginal of v is N(0, 3²); the samplers miss part of its left tail (the neck of the funnel).'
          : 'The exact marginal is N(0, Σ₀₀).',
      x: { title: coordinateName },
      samples: samplerNames.map((sampler) => ({ name: samplerTitles[sampler], values: pooled(sampler) })),
      range: [low, high],
      reference: { name: 'exact density', x: grid, density: grid.map((x) => target.marginalDensity(x)) },
    },
    {
      kind: 'line',
      title: 'Effective sample size per gradient evaluation, by coordinate',
      caption:
        'The cost-fair efficiency of the two samplers; the smallest value over the coordinates is reported.',
      x: { title: 'coordinate' },
      y: { title: 'ESS per gradient', scale: 'log' },
      points: true,
      series: samplerNames.map((sampler) => ({
        name: samplerTitles[sampler],
        x: summaries[sampler].essPerCoordinate.map((_, i) => i),
        y: summaries[sampler].essPerCoordinate,
      })),
    },
  ];
  if (kind === 'funnel') {
    const nuts = summaries.nuts;
    const vs = nuts.firstCoordinate.flatMap((chain) => Array.from(chain));
    const xs = nuts.secondCoordinate.flatMap((chain) => Array.from(chain));
    const divergent = samplerNames.flatMap((sampler) => summaries[sampler].divergentPoints);
    plots.push({
      kind: 'scatter',
      title: 'The funnel: NUTS draws of (v, x₁) and where divergent transitions started',
      caption:
        'Divergences cluster in the neck (small v), where the step size is too large for the scale of x.',
      x: { title: 'v' },
      y: { title: 'x₁' },
      series: [
        { name: 'NUTS draws', x: vs, y: xs },
        {
          name: 'divergent (HMC and NUTS)',
          x: divergent.filter((_, i) => i % 2 === 0),
          y: divergent.filter((_, i) => i % 2 === 1),
        },
      ],
    });
  }
  return plots;
}

/** One row per sampler: step size, cost, acceptance, divergences, ESS, R̂ and the errors. */
export function samplerTable(target: ExactTarget, summaries: Record<SamplerName, SamplerSummary>): Table {
  return {
    title: `Samplers on the ${target.name}`,
    columns: [
      'sampler',
      'step size',
      'gradients per draw',
      'acceptance',
      'divergences',
      'min ESS',
      'ESS per gradient',
      'max R̂',
      'worst mean error (MCSE)',
      'covariance error',
    ],
    rows: samplerNames.map((sampler) => {
      const s = summaries[sampler];
      return [
        samplerTitles[sampler],
        s.stepSize,
        s.gradientsPerDraw,
        s.acceptance,
        s.divergences,
        s.minimumEss,
        s.essPerGradient,
        s.rHat,
        Math.abs(s.meanError.mean - target.mean[s.meanErrorCoordinate]) / s.meanError.stderr,
        s.covarianceError,
      ];
    }),
  };
}
