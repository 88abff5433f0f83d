/**
 * The plots of experiment `ising-phase`: E, |m|, C, χ and U against T for every size, with
 * Onsager's and Yang's infinite-lattice curves, and the Binder crossings against 1/L.
 */
import {
  CRITICAL_TEMPERATURE,
  onsagerEnergyPerSpin,
  onsagerSpecificHeat,
  yangMagnetization,
} from '../exact/index.js';
import type { Estimate } from '../observables/index.js';
import type { LinePlotSpec, PlotSeries } from './framework/plot-spec.js';
import type { PhasePoint } from './ising-phase.js';

/** E, |m|, C, χ and U against T for every size, with the infinite-lattice curves, and the crossings against 1/L. */
export function phasePlots(
  sizes: readonly number[],
  temperatures: readonly number[],
  grid: PhasePoint[][],
  crossings: Array<{ temperature: number; binder: number } | undefined>,
): LinePlotSpec[] {
  const low = temperatures[0];
  const high = temperatures[temperatures.length - 1];
  const dense = Array.from({ length: 201 }, (_, i) => low + ((high - low) * i) / 200);
  const perSize = (pick: (p: PhasePoint) => Estimate): PlotSeries[] =>
    grid.map((points, k) => ({
      name: `L = ${sizes[k]}`,
      x: temperatures,
      y: points.map((p) => pick(p).mean),
    }));
  const plot = (
    title: string,
    axis: string,
    pick: (p: PhasePoint) => Estimate,
    infinite?: { name: string; curve: (t: number) => number },
    caption?: string,
  ): LinePlotSpec => {
    const series = perSize(pick);
    if (infinite !== undefined) series.push({ name: infinite.name, x: dense, y: dense.map(infinite.curve) });
    // Markers only where there are just the simulated points (the infinite-lattice curve is dense).
    return {
      kind: 'line',
      title,
      caption,
      x: { title: 'temperature T', unit: 'J' },
      y: { title: axis },
      series,
      points: infinite === undefined,
    };
  };
  const critical = CRITICAL_TEMPERATURE;
  const binderPlot = plot(
    'Binder cumulant against temperature',
    'U = 1 − ⟨m⁴⟩/(3⟨m²⟩²)',
    (p) => p.binder,
    undefined,
    'The curves of different sizes cross near T_c (vertical line): below it U → 2/3, above it U → 0.',
  );
  binderPlot.series.push({ name: 'T_c exact', x: [critical, critical], y: [0, 2 / 3] });
  const pairs = crossings.flatMap((c, k) =>
    c === undefined ? [] : [{ inverse: 1 / sizes[k + 1], temperature: c.temperature }],
  );
  const largest = 1 / sizes[1];
  return [
    plot('Energy per spin against temperature', 'e = E/N', (p) => p.energy, {
      name: 'Onsager, L → ∞',
      curve: (t) => onsagerEnergyPerSpin(t),
    }),
    plot(
      '|m| against temperature',
      '⟨|m|⟩',
      (p) => p.absMagnetization,
      {
        name: 'Yang, L → ∞',
        curve: (t) => yangMagnetization(t),
      },
      'A finite lattice keeps ⟨|m|⟩ > 0 above T_c; it decays as L grows toward Yang’s curve.',
    ),
    plot(
      'Specific heat against temperature',
      'C',
      (p) => p.specificHeat,
      {
        name: 'Onsager, L → ∞',
        curve: (t) => onsagerSpecificHeat(t),
      },
      'The peak grows like ln L and moves toward T_c.',
    ),
    plot(
      'Susceptibility against temperature',
      'χ = N(⟨m²⟩ − ⟨|m|⟩²)/T',
      (p) => p.susceptibility,
      undefined,
      'The peak grows like L^{7/4} (γ/ν = 7/4): χ diverges at T_c in the infinite lattice.',
    ),
    binderPlot,
    {
      kind: 'line',
      title: 'Binder crossings against 1/L',
      caption: 'Crossing of sizes L and L′ plotted at 1/L′; as L grows the crossings approach T_c.',
      x: { title: '1/L′ (larger size of the pair)' },
      y: { title: 'crossing temperature T*', unit: 'J' },
      points: true,
      series: [
        { name: 'crossings', x: pairs.map((p) => p.inverse), y: pairs.map((p) => p.temperature) },
        { name: 'T_c exact', x: [0, largest], y: [critical, critical] },
      ],
    },
  ];
}
