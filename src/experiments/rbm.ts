/**
 * Experiment `rbm` (seed essay 004): a restricted Boltzmann machine learns a distribution over
 * binary images by a positive phase on the data and a negative phase on its own Gibbs samples.
 *
 * A Bernoulli RBM is trained by CD-k or persistent CD on the binarized 8×8 digits (a random
 * 80/20 split: the log-likelihood is reported on the held-out images) or on the n×n
 * bars-and-stripes set (all patterns, training = evaluation data). The log partition function
 * is estimated by annealed importance sampling from the base-rate model (Salakhutdinov & Murray
 * 2008), giving the mean log p(v) = −F(v) − log Ẑ with the AIS standard error. For
 * bars-and-stripes the exact log Z (by enumeration of the smaller layer) is the reference the
 * AIS estimate is checked against. The pseudo-likelihood and the reconstruction error are
 * tracked per epoch; the report shows the learned filters, fantasy particles and samples.
 */
import { z } from 'zod';
import { portableLog } from '../core/math/index.js';
import { permutation, split } from '../core/random/index.js';
import { barsAndStripes, loadDigits } from '../data/index.js';
import {
  baseRateVisibleBias,
  createRbm,
  freeEnergies,
  MAX_ENUMERATED_UNITS,
  pseudoLogLikelihood,
  RbmTrainer,
  type RbmTrainingState,
  rbmAnnealedImportanceSampling,
  rbmFilters,
  rbmGibbsSampling,
  rbmLogPartitionFunction,
  rbmReconstructionError,
} from '../models/rbm/index.js';
import { type Check, defineExperiment, type MetricValue, type ReferenceValue } from './framework/define.js';
import { intervalCheck, tileImages } from './hopfield-report.js';

/** Salakhutdinov & Murray (2008): CD-25, 500 hidden units, MNIST 28×28, AIS test log-probability. */
export const MNIST_REFERENCE_LOG_LIKELIHOOD = -86.34;

interface RbmRunState {
  trainer: RbmTrainingState;
  /** Pseudo-likelihood and reconstruction error of the evaluation data; index 0 = untrained. */
  pseudoLikelihood: number[];
  reconstructionError: number[];
}

/** Mean of an array. */
function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let n = 0; n < values.length; n++) sum += values[n];
  return sum / values.length;
}

/** Rows `indices` of a row-major matrix with `columns` columns. */
function pickRows(values: Float64Array, columns: number, indices: ArrayLike<number>): Float64Array {
  const picked = new Float64Array(indices.length * columns);
  for (let r = 0; r < indices.length; r++) {
    picked.set(values.subarray(indices[r] * columns, (indices[r] + 1) * columns), r * columns);
  }
  return picked;
}

/** Splits `count` images into images of a grid of at most `columns` per row. */
function imageGrid(values: ArrayLike<number>, pixels: number, count: number, columns: number): number[][][] {
  const grid: number[][][] = [];
  for (let n = 0; n < count; n++) {
    if (n % columns === 0) grid.push([]);
    grid[grid.length - 1].push(Array.from({ length: pixels }, (_, i) => values[n * pixels + i]));
  }
  return grid;
}

export const rbm = defineExperiment({
  name: 'rbm',
  title: 'Restricted Boltzmann machine on digits or bars-and-stripes: CD-k / PCD, AIS log-likelihood',
  description:
    'Trains a Bernoulli RBM by CD-k or persistent CD (momentum, weight decay) on the binarized 8×8 digits ' +
    '(80/20 random split; log-likelihood on the held-out 20%) or on all n×n bars-and-stripes patterns. ' +
    'Estimates log Z by annealed importance sampling from the base-rate model and reports the mean ' +
    'log p(v) = −F(v) − log Ẑ with the AIS standard error, the exact pseudo-likelihood and the reconstruction ' +
    'error per epoch. For bars-and-stripes the exact log Z by enumeration checks AIS within its error bar. ' +
    'The report shows the learned filters, the fantasy particles and fresh Gibbs samples.',
  params: z.object({
    dataset: z
      .enum(['digits', 'bars-and-stripes'])
      .default('digits')
      .describe('binarized 8×8 digits (1797 images) or the n×n bars-and-stripes patterns'),
    size: z
      .number()
      .int()
      .min(2)
      .max(5)
      .default(3)
      .describe('side n of the bars-and-stripes images (ignored for digits)'),
    hiddenUnits: z.number().int().min(1).max(1000).default(100).describe('number of hidden units H'),
    algorithm: z
      .enum(['cd', 'pcd'])
      .default('pcd')
      .describe('cd: chains restart at the data; pcd: persistent fantasy particles'),
    gibbsSteps: z.number().int().min(1).max(100).default(1).describe('Gibbs steps k per update'),
    epochs: z.number().int().min(1).max(100_000).default(20).describe('passes over the training data'),
    batchSize: z.number().int().min(1).max(2000).default(10).describe('rows per minibatch'),
    learningRate: z.number().min(1e-5).max(10).default(0.06).describe('learning rate η'),
    momentum: z.number().min(0).max(0.99).default(0).describe('momentum μ of the updates'),
    weightDecay: z.number().min(0).max(1).default(0).describe('L2 penalty λ on the weights'),
    aisSteps: z
      .number()
      .int()
      .min(10)
      .max(1_000_000)
      .default(1000)
      .describe('intermediate distributions of AIS (Salakhutdinov–Murray ladder)'),
    aisChains: z.number().int().min(2).max(100_000).default(100).describe('independent AIS chains'),
    samplingSteps: z
      .number()
      .int()
      .min(1)
      .max(100_000)
      .default(1000)
      .describe('block-Gibbs steps of the samples shown in the report (from random images)'),
  }),
  metrics: {
    logLikelihood: {
      description:
        'mean log p(v) = −F(v) − log Ẑ over the evaluation data (digits: held-out 20%; bars-and-stripes: all patterns), AIS; stderr from AIS',
      unit: 'nats',
    },
    trainingLogLikelihood: {
      description: 'the same over the training data (AIS)',
      unit: 'nats',
    },
    logPartitionFunction: {
      description:
        'AIS estimate of log Z with its standard error (the exact value, where computable, is in the reference)',
    },
    aisEffectiveSampleSize: { description: 'effective number of AIS chains, (Σw)²/Σw²' },
    pseudoLikelihood: {
      description: 'mean exact log pseudo-likelihood (sum over all V single flips) of the evaluation data',
      unit: 'nats',
    },
    initialPseudoLikelihood: {
      description: 'the same for the untrained model',
      unit: 'nats',
    },
    pseudoLikelihoodGain: { description: 'pseudoLikelihood − initialPseudoLikelihood', unit: 'nats' },
    reconstructionError: {
      description: 'mean squared error of one mean-field up-down pass, evaluation data',
    },
  },
  tour: {
    dataset: 'bars-and-stripes',
    size: 3,
    hiddenUnits: 16,
    algorithm: 'cd',
    epochs: 300,
    batchSize: 2,
    learningRate: 0.2,
  },
  async run(params, context) {
    const { dataset, hiddenUnits, algorithm, gibbsSteps, epochs, batchSize, learningRate } = params;
    const digits = dataset === 'digits';
    const source = digits ? loadDigits({ binarize: 0.5 }) : barsAndStripes(params.size);
    const side = source.width;
    const V = side * source.height;
    const [splitKey, initialKey, trainerKey, aisKey, sampleKey] = split(context.key, 5);
    let training = source.images;
    let evaluation = source.images;
    if (digits) {
      const order = permutation(splitKey, source.count);
      const testCount = Math.round(0.2 * source.count);
      evaluation = pickRows(source.images, V, order.subarray(0, testCount));
      training = pickRows(source.images, V, order.subarray(testCount));
    }
    const evaluate = (model: Parameters<typeof pseudoLogLikelihood>[0]) => ({
      pseudo: pseudoLogLikelihood(model, evaluation).mean,
      reconstruction: rbmReconstructionError(model, evaluation),
    });

    let state = context.checkpoint.load<RbmRunState>();
    if (state === undefined) {
      const initial = createRbm({ visibleCount: V, hiddenCount: hiddenUnits, key: initialKey });
      // Hinton's recommended start: visible biases of the factorised model of the data.
      initial.visibleBias.set(baseRateVisibleBias(training, V));
      const first = evaluate(initial);
      const trainer = new RbmTrainer(initial, training, {
        method: algorithm,
        gibbsSteps,
        learningRate,
        momentum: params.momentum,
        weightDecay: params.weightDecay,
        batchSize,
        key: trainerKey,
      });
      state = {
        trainer: trainer.getState(),
        pseudoLikelihood: [first.pseudo],
        reconstructionError: [first.reconstruction],
      };
    }
    const trainer = RbmTrainer.fromState(state.trainer, training);
    const saveEvery = Math.max(1, Math.round(epochs / 20));
    const totalWork = epochs + 1;
    while (trainer.epoch < epochs) {
      trainer.trainEpoch();
      const measured = evaluate(trainer.rbm);
      state.pseudoLikelihood.push(measured.pseudo);
      state.reconstructionError.push(measured.reconstruction);
      if (trainer.epoch % saveEvery === 0 || trainer.epoch === epochs) {
        state.trainer = trainer.getState();
        context.checkpoint.save(state);
        context.progress(trainer.epoch, totalWork, 'epochs');
      }
    }
    const model = trainer.rbm;

    const ais = rbmAnnealedImportanceSampling({
      rbm: model,
      chains: params.aisChains,
      steps: params.aisSteps,
      baseVisibleBias: baseRateVisibleBias(training, V),
      key: aisKey,
    });
    context.progress(totalWork, totalWork, 'AIS');
    const evaluationFreeEnergy = mean(freeEnergies(model, evaluation));
    const trainingFreeEnergy = mean(freeEnergies(model, training));
    const logZ = ais.logPartitionFunction;
    const error = ais.standardError;
    const exact = Math.min(V, hiddenUnits) <= Math.min(20, MAX_ENUMERATED_UNITS);
    const exactLogZ = exact ? rbmLogPartitionFunction(model) : Number.NaN;
    const initialPseudoLikelihood = state.pseudoLikelihood[0];
    const pseudoLikelihood = state.pseudoLikelihood[state.pseudoLikelihood.length - 1];
    const metrics: Record<string, MetricValue> = {
      logLikelihood: { mean: -evaluationFreeEnergy - logZ, stderr: error },
      trainingLogLikelihood: { mean: -trainingFreeEnergy - logZ, stderr: error },
      logPartitionFunction: { mean: logZ, stderr: error },
      aisEffectiveSampleSize: ais.effectiveSampleSize,
      pseudoLikelihood,
      initialPseudoLikelihood,
      pseudoLikelihoodGain: pseudoLikelihood - initialPseudoLikelihood,
      reconstructionError: state.reconstructionError[state.reconstructionError.length - 1],
    };
    const reference: Record<string, ReferenceValue> = {};
    const checks: Check[] = [
      // Training must raise the pseudo-likelihood above the untrained model's (bounded by 0 − PL₀).
      intervalCheck('pseudoLikelihoodGain', 1e-3, Math.max(1e-3, -initialPseudoLikelihood)),
    ];
    if (exact) {
      const exactLogLikelihood = -evaluationFreeEnergy - exactLogZ;
      reference.logLikelihood = exactLogLikelihood;
      reference.logPartitionFunction = exactLogZ;
      reference.note = 'exact log Z by enumeration of the smaller layer';
      if (!digits) reference.maximumLogLikelihood = -portableLog(source.count);
      // AIS is unbiased in Z, so log Ẑ is within a few delta-method standard errors of log Z
      // (4σ: a false failure rate below 1e-4 for a Gaussian estimate).
      checks.push({ metric: 'logPartitionFunction', reference: exactLogZ, tolerance: 4, kind: 'stderr' });
      checks.push({ metric: 'logLikelihood', reference: exactLogLikelihood, tolerance: 4, kind: 'stderr' });
    } else {
      reference.logLikelihood = metrics.logLikelihood;
      reference.note =
        `no exact value: the AIS estimate with its band [log(Ẑ − 3σ), log(Ẑ + 3σ)] = [${ais.logPartitionFunctionLower.toFixed(3)}, ${ais.logPartitionFunctionUpper.toFixed(3)}] for log Z. ` +
        `Salakhutdinov & Murray's ${MNIST_REFERENCE_LOG_LIKELIHOOD} nats is for 28×28 MNIST with 500 hidden units and CD-25: context only, not comparable with 8×8 digits.`;
      reference.mnistLogLikelihood = MNIST_REFERENCE_LOG_LIKELIHOOD;
    }

    // Pictures: filters, the training chains' last states, and fresh samples from the model.
    const imagesPerRow = Math.max(1, Math.floor(65 / (side + 1)));
    const filterCount = Math.min(hiddenUnits, imagesPerRow * imagesPerRow);
    const filters = tileImages(imageGrid(rbmFilters(model), V, filterCount, imagesPerRow), side, side);
    const fantasy = trainer.fantasyParticles();
    const fantasyCount = Math.min(fantasy.length / V, imagesPerRow * 2);
    const sampleCount = imagesPerRow * 2;
    const samples = rbmGibbsSampling({
      rbm: model,
      chains: sampleCount,
      steps: params.samplingSteps,
      key: sampleKey,
    });
    const dataCount = Math.min(imagesPerRow, evaluation.length / V);
    const gallery = tileImages(
      [
        ...imageGrid(evaluation, V, dataCount, imagesPerRow),
        ...imageGrid(fantasy, V, fantasyCount, imagesPerRow),
        ...imageGrid(samples.visibleMeans, V, sampleCount, imagesPerRow),
      ],
      side,
      side,
    );
    const epochAxis = state.pseudoLikelihood.map((_, epoch) => epoch);
    const dataName = digits ? 'held-out digits' : 'all patterns';
    return {
      metrics,
      reference,
      checks,
      plots: [
        {
          kind: 'heatmap',
          title: 'Learned filters',
          caption: `The weights of ${filterCount} of the ${hiddenUnits} hidden units, each shown as a ${side}×${side} image of the visible layer.`,
          x: { title: 'pixel' },
          y: { title: 'pixel' },
          color: { title: 'weight', scheme: 'diverging' },
          rows: filters.rows,
          columns: filters.columns,
          values: filters.values,
        },
        {
          kind: 'heatmap',
          title: 'Data, fantasy particles and samples',
          caption:
            `Top row: ${dataName}; next ${Math.ceil(fantasyCount / imagesPerRow)} row(s): the negative-phase chains at the end of training ` +
            `(${algorithm === 'pcd' ? 'persistent fantasy particles' : 'CD reconstructions'}); last two rows: E[v | h] after ` +
            `${params.samplingSteps} block-Gibbs steps from random images.`,
          x: { title: 'pixel' },
          y: { title: 'pixel' },
          color: { title: 'p(pixel on)' },
          rows: gallery.rows,
          columns: gallery.columns,
          values: gallery.values,
        },
        {
          kind: 'line',
          title: 'Pseudo-likelihood during training',
          caption: `Mean exact log pseudo-likelihood of the ${dataName} after each epoch (epoch 0: the untrained model).`,
          x: { title: 'epoch' },
          y: { title: 'log PL', unit: 'nats' },
          series: [{ name: 'pseudo-likelihood', x: epochAxis, y: state.pseudoLikelihood }],
        },
        {
          kind: 'line',
          title: 'Reconstruction error during training',
          caption: 'Mean squared error of one mean-field up-down pass: a cheap monitor, not the likelihood.',
          x: { title: 'epoch' },
          y: { title: 'reconstruction error' },
          series: [{ name: 'reconstruction error', x: epochAxis, y: state.reconstructionError }],
        },
      ],
      tables: [
        {
          title: 'Log partition function',
          columns: ['estimate', 'log Z', 'standard error'],
          rows: [
            [`AIS (${params.aisChains} chains × ${params.aisSteps} steps)`, logZ, error],
            ...(exact ? [['exact (enumeration)', exactLogZ, 0] as Array<string | number>] : []),
          ],
        },
      ],
    };
  },
});
