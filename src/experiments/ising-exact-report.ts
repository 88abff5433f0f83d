/**
 * The plots of experiment `ising-exact`: the lattice's exact E(T), C(T) and ⟨|m|⟩(T) against the
 * infinite lattice (Onsager and Yang in 2D, the infinite chain in 1D), and the exact P(m).
 */
import {
  CRITICAL_TEMPERATURE,
  exactIsingObservables,
  type IsingDensityOfStates,
  isingChainTransferMatrix,
  onsagerEnergyPerSpin,
  onsagerSpecificHeat,
  yangMagnetization,
} from '../exact/index.js';
import type { IsingModel } from '../models/ising/index.js';
import type { LinePlotSpec, PlotSeries } from './framework/plot-spec.js';

/** A temperature grid of `count` points on [low, high]. */
function grid(low: number, high: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => low + ((high - low) * i) / (count - 1));
}

/** The infinite-lattice curves: Onsager and Yang in 2D (h = 0, J ≠ 0), the infinite chain in 1D. */
export interface InfiniteLattice {
  /** What the curves are, for the reference block. */
  name: string;
  /** Legend of the energy and specific-heat curves. */
  label: string;
  /** Energy per spin at T. */
  energy(temperature: number): number;
  /** Specific heat per spin at T. */
  specificHeat(temperature: number): number;
  /** Spontaneous magnetisation at T, where known (Yang, ferromagnet). */
  magnetization?: (temperature: number) => number;
}

/** The infinite lattice of `model`'s kind, or undefined where no exact curve exists (2D with h ≠ 0 or J = 0). */
export function infiniteLattice(model: IsingModel): InfiniteLattice | undefined {
  const { coupling, field } = model;
  if (model.dimension === 1) {
    // A ring of 2^40 spins: its per-spin values are the infinite chain's to rounding.
    const chain = (temperature: number) =>
      isingChainTransferMatrix({ length: 2 ** 40, temperature, coupling, field });
    return {
      name: 'infinite chain (transfer matrix, N → ∞)',
      label: 'infinite chain',
      energy: (temperature) => chain(temperature).energyPerSpin,
      specificHeat: (temperature) => chain(temperature).specificHeat,
    };
  }
  if (field !== 0 || coupling === 0) return undefined;
  const magnitude = Math.abs(coupling);
  return {
    name:
      coupling > 0
        ? 'infinite lattice: Onsager (energy, specific heat), Yang (magnetisation)'
        : 'infinite lattice: Onsager with |J| (an antiferromagnet on the square lattice has the same E and C)',
    label: 'Onsager, L → ∞',
    energy: (temperature) => onsagerEnergyPerSpin(temperature, magnitude),
    specificHeat: (temperature) => onsagerSpecificHeat(temperature, magnitude),
    magnetization: coupling > 0 ? (temperature) => yangMagnetization(temperature, magnitude) : undefined,
  };
}

/** E(T), C(T) and |m|(T) of the lattice (exact) against the infinite lattice, with the chosen T marked. */
export function curvePlots(
  model: IsingModel,
  temperature: number,
  densityOfStates: IsingDensityOfStates | undefined,
  infinite: InfiniteLattice | undefined,
): LinePlotSpec[] {
  const scale =
    Math.max(Math.abs(model.coupling), Math.abs(model.field), 0.1) *
    (model.dimension === 2 ? CRITICAL_TEMPERATURE : 1);
  const temperatures = grid(0.05 * scale, Math.max(2.5 * scale, 1.2 * temperature), 160);
  // The lattice's curves: enumeration is cheap at every T; a long chain uses the transfer matrix.
  const lattice = temperatures.map((t) => {
    if (densityOfStates !== undefined) {
      const o = exactIsingObservables(densityOfStates, t);
      return { energy: o.energyPerSpin, specificHeat: o.specificHeat, abs: o.absMagnetizationPerSpin };
    }
    const chain = isingChainTransferMatrix({
      length: model.width,
      temperature: t,
      coupling: model.coupling,
      field: model.field,
      boundary: model.boundary,
    });
    return { energy: chain.energyPerSpin, specificHeat: chain.specificHeat, abs: Number.NaN };
  });
  const label = `${model.dimension === 2 ? `${model.width} × ${model.height}` : `chain of ${model.width}`} (exact)`;
  const plot = (
    title: string,
    axis: string,
    unit: string | undefined,
    values: number[],
    curve: ((t: number) => number) | undefined,
    curveName: string,
  ): LinePlotSpec => {
    const series: PlotSeries[] = [{ name: label, x: temperatures, y: values }];
    if (curve !== undefined) series.push({ name: curveName, x: temperatures, y: temperatures.map(curve) });
    // The chosen temperature as a vertical line across the lattice's curve.
    const finite = values.filter(Number.isFinite);
    series.push({
      name: `T = ${temperature}`,
      x: [temperature, temperature],
      y: [Math.min(...finite), Math.max(...finite)],
    });
    return {
      kind: 'line',
      title,
      x: { title: 'temperature T', unit: 'J' },
      y: { title: axis, unit },
      series,
    };
  };
  const plots = [
    plot(
      'Energy per spin against temperature',
      'u = ⟨E⟩/N',
      'J',
      lattice.map((o) => o.energy),
      infinite?.energy,
      infinite?.label ?? '',
    ),
    plot(
      'Specific heat per spin against temperature',
      'C',
      undefined,
      lattice.map((o) => o.specificHeat),
      infinite?.specificHeat,
      infinite?.label ?? '',
    ),
  ];
  plots[1].caption =
    model.dimension === 2
      ? 'The finite lattice’s rounded peak against the infinite lattice’s logarithmic divergence at T_c = 2.269 J.'
      : 'A chain has no phase transition: C(T) is smooth (Schottky-like) for every length.';
  if (densityOfStates !== undefined) {
    plots.push(
      plot(
        'Mean |m| against temperature',
        '⟨|m|⟩',
        undefined,
        lattice.map((o) => o.abs),
        infinite?.magnetization,
        'Yang, L → ∞',
      ),
    );
  }
  return plots;
}

/** The exact P(m) of the row transfer matrix (entry u: M = 2u − N) at `temperature`. */
export function magnetizationDistributionPlot(
  distribution: Float64Array,
  sites: number,
  temperature: number,
): LinePlotSpec {
  return {
    kind: 'line',
    title: `Exact distribution of the magnetisation at T = ${temperature}`,
    caption: 'P(m) from the row transfer matrix: two peaks at ±m below T_c, one at 0 above it.',
    x: { title: 'm = M/N' },
    y: { title: 'P(m)' },
    points: true,
    series: [
      {
        name: 'P(m)',
        x: Array.from(distribution, (_, u) => (2 * u - sites) / sites),
        y: Array.from(distribution),
      },
    ],
  };
}
