// Test fixtures: a small experiment that exercises every part of the framework (all parameter
// types, checkpoints carrying a random key, plots, tables, artifacts) and can be told to fail.
import { z } from 'zod';
import { keyFromString, keyToString, normal, split } from '../../../src/core/random/index.js';
import { defineExperiment } from '../../../src/experiments/framework/define.js';

/** What the random walk checkpoints: its position, running sums and the key for the next step. */
interface WalkState {
  step: number;
  position: number;
  sum: number;
  sumSquares: number;
  key: string;
  path: number[];
}

/**
 * A Gaussian random walk x_{k+1} = x_k + stepSize·ξ_k. The key is advanced by splitting at
 * every step and is part of the checkpoint, so a resumed run must restore it exactly.
 */
export const randomWalk = defineExperiment({
  name: 'random-walk-fixture',
  title: 'Random walk <fixture>',
  description: 'A Gaussian random walk used to test the framework.',
  params: z.object({
    steps: z.number().int().min(1).max(100_000).default(40).describe('number of steps'),
    checkpointEvery: z.number().int().min(1).max(1000).default(5).describe('steps between checkpoints'),
    stepSize: z.number().gt(0).max(10).default(1).describe('standard deviation of one step (m)'),
    mode: z.enum(['gaussian', 'sign']).default('gaussian').describe('step distribution'),
    verbose: z.boolean().default(false).describe('log every checkpoint'),
    weights: z.array(z.number().min(0).max(1)).default([0.5, 0.5]).describe('unused weights in [0, 1]'),
    failAtStep: z.number().int().min(-1).max(100_000).default(-1).describe('throw at this step (-1: never)'),
    nanMetric: z.boolean().default(false).describe('return NaN as a metric'),
  }),
  metrics: {
    finalPosition: { description: 'position after the last step', unit: 'm' },
    meanSquare: { description: 'mean of x² over the walk', unit: 'm²' },
    meanPosition: { description: 'mean position with a naive standard error', unit: 'm' },
  },
  tour: { steps: 20 },
  async run(params, context) {
    const state: WalkState = context.checkpoint.load<WalkState>() ?? {
      step: 0,
      position: 0,
      sum: 0,
      sumSquares: 0,
      key: keyToString(context.key),
      path: [],
    };
    while (state.step < params.steps) {
      if (state.step === params.failAtStep) throw new Error(`fixture failure at step ${state.step}`);
      const [next, draw] = split(keyFromString(state.key), 2);
      const xi = normal(draw, 1)[0];
      state.position += params.stepSize * (params.mode === 'sign' ? Math.sign(xi) : xi);
      state.sum += state.position;
      state.sumSquares += state.position ** 2;
      state.path.push(state.position);
      state.key = keyToString(next);
      state.step += 1;
      if (state.step % params.checkpointEvery === 0) {
        context.checkpoint.save(state);
        if (params.verbose) context.log(`checkpoint at step ${state.step}`);
      }
      context.progress(state.step, params.steps);
    }
    const mean = state.sum / params.steps;
    const meanSquare = state.sumSquares / params.steps;
    const stderr = Math.sqrt(Math.max(0, meanSquare - mean * mean) / params.steps);
    return {
      metrics: {
        finalPosition: state.position,
        meanSquare: params.nanMetric ? Number.NaN : meanSquare,
        meanPosition: { mean, stderr },
      },
      reference: { meanPosition: 0, source: 'symmetric walk <exact>' },
      checks: [
        { metric: 'meanPosition', reference: 0, tolerance: 1e6, kind: 'stderr' },
        { metric: 'finalPosition', reference: 1e9, tolerance: 1e-3, kind: 'relative' },
      ],
      plots: [
        {
          kind: 'line',
          title: 'Trajectory <script>alert(1)</script>',
          x: { title: 'step k' },
          y: { title: 'position x', unit: 'm' },
          series: [{ name: 'walk', x: state.path.map((_, k) => k + 1), y: state.path }],
        },
      ],
      tables: [{ title: 'Summary', columns: ['steps', 'final'], rows: [[params.steps, state.position]] }],
      artifacts: [
        {
          name: 'trajectory.csv',
          content: `step,x\n${state.path.map((x, k) => `${k + 1},${x}`).join('\n')}\n`,
        },
      ],
    };
  },
});
