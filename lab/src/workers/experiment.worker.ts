/**
 * The experiment worker: runs `experiment.run(params, context)` with the context the CLI's
 * runner builds (`key = makeKey(seed)`, progress, a checkpoint kept in memory), after
 * validating the parameters with the CLI's own `resolveParams`. Nothing here is Node-only.
 */
import { makeKey } from '../../../src/core/random/index.js';
import type { Checkpoint, Experiment } from '../../../src/experiments/framework/define.js';
import { resolveParams } from '../../../src/experiments/framework/params.js';
import type { ExperimentRequest, ExperimentResponse, LabExperiment } from './experiment-protocol.js';

const loaders: Record<LabExperiment, () => Promise<Experiment>> = {
  ising: () =>
    import('../../../src/experiments/ising.js').then((module) => module.ising as unknown as Experiment),
  'double-well-annealing': () =>
    import('../../../src/experiments/double-well-annealing.js').then(
      (module) => module.doubleWellAnnealing as unknown as Experiment,
    ),
  'hopfield-recall': () =>
    import('../../../src/experiments/hopfield-recall.js').then(
      (module) => module.hopfieldRecall as unknown as Experiment,
    ),
  'spin-glass': () =>
    import('../../../src/experiments/spin-glass.js').then(
      (module) => module.spinGlass as unknown as Experiment,
    ),
  rbm: () => import('../../../src/experiments/rbm.js').then((module) => module.rbm as unknown as Experiment),
  hnn: () => import('../../../src/experiments/hnn.js').then((module) => module.hnn as unknown as Experiment),
  'pinn-heat': () =>
    import('../../../src/experiments/pinn-heat.js').then(
      (module) => module.pinnHeat as unknown as Experiment,
    ),
  momentum: () =>
    import('../../../src/experiments/momentum.js').then((module) => module.momentum as unknown as Experiment),
};

const scope = self as unknown as {
  postMessage(message: ExperimentResponse): void;
  onmessage: ((event: MessageEvent<ExperimentRequest>) => void) | null;
};

/** A checkpoint in memory: a fresh run never loads one, and saving costs only a reference. */
function memoryCheckpoint(): Checkpoint {
  let saved: unknown;
  return {
    load: <T>() => saved as T | undefined,
    save: <T>(state: T) => {
      saved = state;
    },
  };
}

scope.onmessage = async (event) => {
  const { id, experiment: name, values, seed } = event.data;
  const started = performance.now();
  try {
    const loader = loaders[name];
    if (loader === undefined) throw new Error(`the lab cannot run experiment "${name}"`);
    const experiment = await loader();
    const params = resolveParams(experiment, [{ label: 'the lab', values }]);
    let lastProgress = 0;
    const output = await experiment.run(params, {
      seed,
      key: makeKey(seed),
      checkpoint: memoryCheckpoint(),
      progress(done, total, label) {
        const now = performance.now();
        if (now - lastProgress < 50 && done < total) return;
        lastProgress = now;
        scope.postMessage({ id, type: 'progress', done, total, label });
      },
      log(message) {
        scope.postMessage({ id, type: 'log', message });
      },
    });
    scope.postMessage({
      id,
      type: 'result',
      seconds: (performance.now() - started) / 1000,
      result: {
        experiment: experiment.name,
        params: params as Record<string, unknown>,
        seed,
        metrics: output.metrics,
        reference: output.reference ?? {},
      },
    });
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    scope.postMessage({ id, type: 'error', name: failure.name, message: failure.message });
  }
};
