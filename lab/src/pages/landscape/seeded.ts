/**
 * The landscape page's seeded run: the library's `momentum` experiment in a worker, on a
 * quadratic of the page's kind (dimension 2, eigenvalues 1 and κ; the experiment draws its own
 * eigenbasis and start from the seed). Gradient descent, the heavy ball and Nesterov at their
 * optimal parameters, their measured rates against the theory, and the frictionless heavy
 * ball's energy oscillation; with the page's κ and seed (copied by a button) and the
 * `physml run` command with the same parameters and seed, whose numbers it gives bit for bit (the
 * library's hypot, log, exp, sin and acos are the portable functions of src/core/math). `momentum`
 * rather than `optimizers`: the
 * latter runs every optimizer with fixed hand-tuned settings on Rosenbrock and a quadratic, and
 * shares none of the page's controls but κ; this one is the page's rolling ball, measured.
 */
import type { ParamSpecs, ParamValues } from '../../params.js';
import { SEEDED_RUN_TITLE, type SeededRunPanel, seededRunPanel } from '../../ui/seeded-run.js';

/** The panel's parameters in the permalink (the defaults are the page's). */
export const seededSpecs = {
  runKappa: { kind: 'number', default: 10, min: 4, max: 1e5 },
  runTolerance: { kind: 'number', default: 1e-8, min: 1e-12, max: 1e-3 },
  runSeed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
} satisfies ParamSpecs;

/** The page's own settings that correspond to the experiment's parameters. */
interface PageSettings {
  kappa: number;
  seed: number;
}

/** Builds the panel on the page's values (`update` records a change in the permalink). */
export function landscapeSeededRun(
  values: ParamValues<typeof seededSpecs> & PageSettings,
  update: (name: string, value: number | string) => void,
): SeededRunPanel {
  return seededRunPanel({
    experiment: 'momentum',
    title: SEEDED_RUN_TITLE,
    description: {
      en: 'Runs the momentum experiment of physml in a worker on a quadratic of this page’s kind (dimension 2: eigenvalues 1 and κ, κ ≥ 4, in an eigenbasis and from a start drawn by the experiment from the seed, not the page’s): gradient descent, the heavy ball and Nesterov at their optimal parameters until the relative error is below the tolerance, their measured rates against (κ−1)/(κ+1), (√κ−1)/(√κ+1) and 1 − 1/√κ, and the energy oscillation of the frictionless heavy ball. The code, parameters and seed are those of the command below, and so are the metrics, to the last bit.',
      zh: '在工作线程中对与本页同类的二次型（二维：特征值为 1 与 κ，κ ≥ 4；特征基与起点由实验按种子抽取，与本页的不同）运行 physml 的 momentum 实验：梯度下降、重球法与 Nesterov 法取各自的最优参数，迭代到相对误差低于容差；实测收敛率与 (κ−1)/(κ+1)、(√κ−1)/(√κ+1)、1 − 1/√κ 对照，以及无摩擦重球的能量振荡。代码、参数与种子都与下方命令相同，指标也逐位相同。',
    },
    fields: [
      {
        name: 'runKappa',
        parameter: 'conditionNumber',
        label: { en: 'κ', zh: 'κ' },
        kind: 'number',
        min: 4,
        max: 1e5,
      },
      {
        name: 'runTolerance',
        parameter: 'tolerance',
        label: { en: 'tolerance', zh: '容差' },
        kind: 'number',
        min: 1e-12,
        max: 1e-3,
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
    // The page's plane.
    fixed: { dimension: 2 },
    values: values as unknown as Record<string, number | string>,
    onChange: update,
    pageSettings: () => ({ runKappa: values.kappa, runSeed: values.seed }),
    highlight: ['gradientDescentRate', 'heavyBallRate', 'nesterovRate', 'gradientDescentIterations'],
  });
}
