/**
 * The RBM page's seeded run: the library's `rbm` experiment (CD-k or PCD training, the
 * log-likelihood by annealed importance sampling) in a worker, with
 * the page's data set, H, algorithm, k, learning rate, momentum and batch size (copied by a
 * button), a few epochs, and the `physml run` command with the same parameters and seed. Its
 * numbers equal the command's bit for bit: the library's exp and log (annealed importance
 * sampling, the base-rate biases) are the portable functions of src/core/math, not Math.exp/log.
 */
import type { ParamSpecs, ParamValues } from '../../params.js';
import { SEEDED_RUN_TITLE, type SeededRunPanel, seededRunPanel } from '../../ui/seeded-run.js';

const DATASETS = ['digits', 'bars-and-stripes'] as const;

/** The side of the page's bars and stripes (4 × 4 images). */
const BARS_SIDE = 4;

/** The panel's parameters in the permalink (the defaults are the page's, with 5 epochs). */
export const seededSpecs = {
  runDataset: { kind: 'enum', default: 'digits', values: DATASETS },
  runH: { kind: 'number', default: 16, min: 1, max: 1000, integer: true },
  runMethod: { kind: 'enum', default: 'pcd', values: ['pcd', 'cd'] },
  runK: { kind: 'number', default: 1, min: 1, max: 100, integer: true },
  runEta: { kind: 'number', default: 0.05, min: 1e-5, max: 10 },
  runMomentum: { kind: 'number', default: 0.5, min: 0, max: 0.99 },
  runBatch: { kind: 'number', default: 10, min: 1, max: 2000, integer: true },
  runEpochs: { kind: 'number', default: 5, min: 1, max: 100_000, integer: true },
  runSeed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
} satisfies ParamSpecs;

/** The page's own settings that correspond to the experiment's parameters. */
interface PageSettings {
  data: string;
  H: number;
  method: string;
  k: number;
  eta: number;
  momentum: number;
  batch: number;
  seed: number;
}

/** The experiment's data set for the page's (a user's CSV has none). */
function datasetOf(data: string): string | undefined {
  if (data === 'digits') return 'digits';
  if (data === 'bars') return 'bars-and-stripes';
  return undefined;
}

/** Builds the panel on the page's values (`update` records a change in the permalink). */
export function rbmSeededRun(
  values: ParamValues<typeof seededSpecs> & PageSettings,
  update: (name: string, value: number | string) => void,
): SeededRunPanel {
  return seededRunPanel({
    experiment: 'rbm',
    title: SEEDED_RUN_TITLE,
    description: {
      en: 'Runs the rbm experiment of physml in a worker: the machine trained for a few epochs on the binarized digits (80/20 split) or on the 4 × 4 bars and stripes, then the mean log-likelihood with log Z from annealed importance sampling (checked against exact enumeration for bars and stripes), the pseudo-likelihood and the reconstruction error. A CSV loaded above has no counterpart in the experiment. The code, parameters and seed are those of the command below, and so are the metrics, to the last bit.',
      zh: '在工作线程中运行 physml 的 rbm 实验：在二值化数字（80/20 划分）或 4 × 4 条纹图样上训练若干轮，然后给出平均对数似然（log Z 由退火重要性采样估计，条纹图样上与精确穷举比对）、伪似然与重构误差。上方载入的 CSV 在实验中没有对应项。代码、参数与种子都与下方命令相同，指标也逐位相同。',
    },
    fields: [
      {
        name: 'runDataset',
        parameter: 'dataset',
        label: { en: 'data', zh: '数据' },
        kind: 'enum',
        values: DATASETS,
      },
      {
        name: 'runH',
        parameter: 'hiddenUnits',
        label: { en: 'H', zh: 'H' },
        kind: 'integer',
        min: 1,
        max: 1000,
      },
      {
        name: 'runMethod',
        parameter: 'algorithm',
        label: { en: 'algorithm', zh: '算法' },
        kind: 'enum',
        values: ['pcd', 'cd'],
      },
      {
        name: 'runK',
        parameter: 'gibbsSteps',
        label: { en: 'k', zh: 'k' },
        kind: 'integer',
        min: 1,
        max: 100,
      },
      {
        name: 'runEta',
        parameter: 'learningRate',
        label: { en: 'η', zh: 'η' },
        kind: 'number',
        min: 1e-5,
        max: 10,
      },
      {
        name: 'runMomentum',
        parameter: 'momentum',
        label: { en: 'momentum', zh: '动量' },
        kind: 'number',
        min: 0,
        max: 0.99,
      },
      {
        name: 'runBatch',
        parameter: 'batchSize',
        label: { en: 'batch', zh: '批大小' },
        kind: 'integer',
        min: 1,
        max: 2000,
      },
      {
        name: 'runEpochs',
        parameter: 'epochs',
        label: { en: 'epochs', zh: '训练轮数' },
        kind: 'integer',
        min: 1,
        max: 100_000,
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
    fixed: { size: BARS_SIDE },
    values: values as unknown as Record<string, number | string>,
    onChange: update,
    pageSettings: () => {
      const dataset = datasetOf(values.data);
      return {
        ...(dataset === undefined ? {} : { runDataset: dataset }),
        runH: values.H,
        runMethod: values.method,
        runK: values.k,
        runEta: values.eta,
        runMomentum: values.momentum,
        runBatch: values.batch,
        runSeed: values.seed,
      };
    },
    highlight: ['logLikelihood', 'logPartitionFunction', 'pseudoLikelihood', 'reconstructionError'],
  });
}
