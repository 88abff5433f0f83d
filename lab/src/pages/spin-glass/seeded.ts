/**
 * The spin-glass page's seeded run: the library's `spin-glass` experiment (Sherrington–
 * Kirkpatrick instances, P(q) by parallel tempering, ground-state searches, the SK size sweep)
 * in a worker, with the page's N, coupling law and temperature (copied by a button), the
 * experiment's quick settings, and the `physml run` command with the same parameters and seed.
 * Its numbers equal the command's bit for bit: the library takes its powers N^(−2/3) and its
 * Boltzmann weights from the portable functions of src/core/math, not from the engine's `**`.
 */
import type { ParamSpecs, ParamValues } from '../../params.js';
import { SEEDED_RUN_TITLE, type SeededRunPanel, seededRunPanel } from '../../ui/seeded-run.js';

const COUPLINGS = ['gaussian', 'bimodal'] as const;

/** The panel's parameters in the permalink. */
export const seededSpecs = {
  runN: { kind: 'number', default: 16, min: 4, max: 512, integer: true },
  runCouplings: { kind: 'enum', default: 'gaussian', values: COUPLINGS },
  // Below the top of the experiment's tempering ladder (1.6), in the glassy phase (T_c = 1).
  runT: { kind: 'number', default: 0.5, min: 0.05, max: 10 },
  runInstances: { kind: 'number', default: 4, min: 2, max: 1000, integer: true },
  runSeed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
} satisfies ParamSpecs;

/** The page's own settings that correspond to the experiment's parameters. */
interface PageSettings {
  N: string;
  couplings: string;
  T: number;
  seed: number;
}

/** Builds the panel on the page's values (`update` records a change in the permalink). */
export function spinGlassSeededRun(
  values: ParamValues<typeof seededSpecs> & PageSettings,
  update: (name: string, value: number | string) => void,
): SeededRunPanel {
  return seededRunPanel({
    experiment: 'spin-glass',
    title: SEEDED_RUN_TITLE,
    description: {
      en: 'Runs the spin-glass experiment of physml in a worker on SK instances of N spins: P(q) at temperature T by parallel tempering of two copies (a ladder up to T = 1.6, so T must stay below it), ground states by tempering, checked against exact enumeration for N ≤ 27, and Parisi’s −0.7632 extrapolated from exact ground states of N = 8…16. The sweeps are the experiment’s quick settings. The code, parameters and seed are those of the command below, and so are the metrics, to the last bit.',
      zh: '在工作线程中对 N 个自旋的 SK 实例运行 physml 的 spin-glass 实验：用两份副本的并行回火测量温度 T 下的 P(q)（温度阶梯上至 T = 1.6，因此 T 须低于它），用回火搜索基态并在 N ≤ 27 时与精确穷举比对，并由 N = 8…16 的精确基态外推 Parisi 的 −0.7632。扫描数取实验的快速设置。代码、参数与种子都与下方命令相同，指标也逐位相同。',
    },
    fields: [
      { name: 'runN', parameter: 'size', label: { en: 'N', zh: 'N' }, kind: 'integer', min: 4, max: 512 },
      {
        name: 'runCouplings',
        parameter: 'couplings',
        label: { en: 'couplings', zh: '耦合分布' },
        kind: 'enum',
        values: COUPLINGS,
      },
      {
        name: 'runT',
        parameter: 'temperature',
        label: { en: 'T', zh: 'T' },
        kind: 'number',
        min: 0.05,
        max: 10,
      },
      {
        name: 'runInstances',
        parameter: 'instances',
        label: { en: 'instances', zh: '实例数' },
        kind: 'integer',
        min: 2,
        max: 1000,
      },
      {
        name: 'runSeed',
        parameter: 'seed',
        label: { en: 'seed', zh: '种子' },
        kind: 'integer',
        min: 0,
        max: 2 ** 31 - 1,
      },
    ],
    // The experiment's quick settings (its tour): about a second on a laptop.
    fixed: { model: 'sk', equilibriumSweeps: 1000, sweeps: 300, sweepMaxSize: 16, sweepInstances: 40 },
    values: values as unknown as Record<string, number | string>,
    onChange: update,
    pageSettings: () => ({
      runN: Number(values.N),
      runCouplings: values.couplings,
      runT: values.T,
      runSeed: values.seed,
    }),
    highlight: [
      'overlapSecondMoment',
      'overlapAbsoluteMean',
      'binderRatio',
      'groundStateEnergyPerSpin',
      'successFraction',
      'extrapolatedGroundStateEnergy',
    ],
  });
}
