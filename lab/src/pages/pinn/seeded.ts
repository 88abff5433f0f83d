/**
 * The PINN page's seeded run: the library's `pinn-heat` experiment in 1D (the page's problem)
 * in a worker, with the page's conductivity, network, learning rate, Adam → L-BFGS switch,
 * L-BFGS steps, collocation points and sampling (copied by a button), and the `physml run`
 * command with the same parameters and seed, whose numbers it gives bit for bit (the library's
 * sin, exp and tanh are the portable functions of src/core/math, not the engine's Math functions).
 */
import { samplingMethods } from '../../../../src/pinn/unit-cube.js';
import type { ParamSpecs, ParamValues } from '../../params.js';
import { SEEDED_RUN_TITLE, type SeededRunPanel, seededRunPanel } from '../../ui/seeded-run.js';
import { CONDITION_POINTS } from './engine.js';

/** The panel's parameters in the permalink (the defaults are the page's). */
export const seededSpecs = {
  runK: { kind: 'number', default: 0.2, min: 1e-3, max: 10 },
  runWidth: { kind: 'number', default: 16, min: 1, max: 256, integer: true },
  runDepth: { kind: 'number', default: 2, min: 1, max: 8, integer: true },
  runEta: { kind: 'number', default: 0.01, min: 1e-6, max: 1 },
  runAdam: { kind: 'number', default: 300, min: 0, max: 100_000, integer: true },
  runLbfgs: { kind: 'number', default: 500, min: 0, max: 100_000, integer: true },
  runPoints: { kind: 'number', default: 256, min: 1, max: 100_000, integer: true },
  runSampling: { kind: 'enum', default: 'latin-hypercube', values: samplingMethods },
  runSeed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
} satisfies ParamSpecs;

/** The page's own settings that correspond to the experiment's parameters. */
interface PageSettings {
  k: number;
  width: number;
  depth: number;
  eta: number;
  switch: number;
  lbfgs: number;
  points: number;
  sampling: string;
  seed: number;
}

/** Builds the panel on the page's values (`update` records a change in the permalink). */
export function pinnSeededRun(
  values: ParamValues<typeof seededSpecs> & PageSettings,
  update: (name: string, value: number | string) => void,
): SeededRunPanel {
  return seededRunPanel({
    experiment: 'pinn-heat',
    title: SEEDED_RUN_TITLE,
    description: {
      en: 'Runs the pinn-heat experiment of physml in a worker on this page’s problem, u_t = k u_xx on [0, 1] × [0, 1] with u = sin πx at t = 0: an MLP of the given width and depth (tanh) trained with Adam, then L-BFGS, on the collocation points and 64 boundary and 64 initial points; its relative L2 and max error against the exact solution on a test grid. The code, parameters and seed are those of the command below, and so are the metrics, to the last bit.',
      zh: '在工作线程中对本页的问题运行 physml 的 pinn-heat 实验：u_t = k u_xx，区域 [0, 1] × [0, 1]，t = 0 时 u = sin πx；给定宽度与深度（tanh）的 MLP 在配点及 64 个边界点、64 个初值点上先用 Adam、再用 L-BFGS 训练；在测试网格上与精确解比较的相对 L2 误差与最大误差。代码、参数与种子都与下方命令相同，指标也逐位相同。',
    },
    fields: [
      {
        name: 'runK',
        parameter: 'conductivity',
        label: { en: 'k', zh: 'k' },
        kind: 'number',
        min: 1e-3,
        max: 10,
      },
      // Width and depth feed `hiddenSizes` (depth layers of this width, as on the page).
      { name: 'runWidth', label: { en: 'width', zh: '宽度' }, kind: 'integer', min: 1, max: 256 },
      { name: 'runDepth', label: { en: 'depth', zh: '深度' }, kind: 'integer', min: 1, max: 8 },
      {
        name: 'runEta',
        parameter: 'learningRate',
        label: { en: 'η', zh: 'η' },
        kind: 'number',
        min: 1e-6,
        max: 1,
      },
      {
        name: 'runAdam',
        parameter: 'adamSteps',
        label: { en: 'Adam steps', zh: 'Adam 步数' },
        kind: 'integer',
        min: 0,
        max: 100_000,
      },
      {
        name: 'runLbfgs',
        parameter: 'lbfgsSteps',
        label: { en: 'L-BFGS steps', zh: 'L-BFGS 步数' },
        kind: 'integer',
        min: 0,
        max: 100_000,
      },
      {
        name: 'runPoints',
        parameter: 'interiorCount',
        label: { en: 'collocation points', zh: '配点数' },
        kind: 'integer',
        min: 1,
        max: 100_000,
      },
      {
        name: 'runSampling',
        parameter: 'sampling',
        label: { en: 'sampling', zh: '采样' },
        kind: 'enum',
        values: samplingMethods,
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
    derived: (current) => ({
      hiddenSizes: Array.from({ length: Number(current.runDepth) }, () => Number(current.runWidth)),
    }),
    // The page's problem: one space dimension, its boundary and initial points.
    fixed: { dimension: 1, boundaryCount: CONDITION_POINTS, initialCount: CONDITION_POINTS },
    values: values as unknown as Record<string, number | string>,
    onChange: update,
    pageSettings: () => ({
      runK: values.k,
      runWidth: values.width,
      runDepth: values.depth,
      runEta: values.eta,
      runAdam: values.switch,
      runLbfgs: values.lbfgs,
      runPoints: values.points,
      runSampling: values.sampling,
      runSeed: values.seed,
    }),
    highlight: ['relativeL2', 'maxError', 'finalLoss'],
  });
}
