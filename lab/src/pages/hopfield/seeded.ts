/**
 * The Hopfield page's seeded run: the library's `hopfield-recall` experiment in a worker, with
 * the page's pattern source, number of patterns P, storage rule and noise (copied by a button),
 * asynchronous recall at T = 0 as on the page, and the `physml run` command that gives the same
 * numbers.
 */
import { STORAGE_RULES } from '../../../../src/models/hopfield/storage.js';
import type { ParamSpecs, ParamValues } from '../../params.js';
import { SEEDED_RUN_TITLE, type SeededRunPanel, seededRunPanel } from '../../ui/seeded-run.js';
import { NEURONS, PATTERN_SOURCES } from './memory.js';

/** The panel's parameters in the permalink (the defaults are the page's). */
export const seededSpecs = {
  runPatterns: { kind: 'enum', default: 'digits', values: PATTERN_SOURCES },
  runP: { kind: 'number', default: 5, min: 1, max: 1000, integer: true },
  runRule: { kind: 'enum', default: 'pseudo-inverse', values: STORAGE_RULES },
  runNoise: { kind: 'number', default: 0.2, min: 0, max: 0.5 },
  runProbes: { kind: 'number', default: 30, min: 1, max: 5000, integer: true },
  runSeed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
} satisfies ParamSpecs;

/** The page's own settings that correspond to the experiment's parameters. */
interface PageSettings {
  source: string;
  P: number;
  rule: string;
  noise: number;
  seed: number;
}

/** Builds the panel on the page's values (`update` records a change in the permalink). */
export function hopfieldSeededRun(
  values: ParamValues<typeof seededSpecs> & PageSettings,
  update: (name: string, value: number | string) => void,
): SeededRunPanel {
  return seededRunPanel({
    experiment: 'hopfield-recall',
    title: SEEDED_RUN_TITLE,
    description: {
      en: 'Runs the hopfield-recall experiment of physml in a worker: P patterns stored by the rule, each probe a stored pattern with a fraction of its bits flipped, asynchronous recall at T = 0 as above. Its digits are the 8×8 images themselves (N = 64, where the page magnifies them to 16 × 16); its random patterns have the page’s N = 256. The metrics equal those of the command below.',
      zh: '在工作线程中运行 physml 的 hopfield-recall 实验：按所选规则存储 P 个图样，每个探针是翻转了一部分比特的存储图样，与上方一样在 T = 0 下异步回忆。实验中的数字就是 8×8 图像本身（N = 64，本页将其放大为 16 × 16 显示）；随机图样与本页一样为 N = 256。其指标与下方命令的结果完全相同。',
    },
    fields: [
      {
        name: 'runPatterns',
        parameter: 'patterns',
        label: { en: 'patterns', zh: '图样' },
        kind: 'enum',
        values: PATTERN_SOURCES,
      },
      {
        name: 'runP',
        parameter: 'patternCount',
        label: { en: 'P', zh: 'P' },
        kind: 'integer',
        min: 1,
        max: 1000,
      },
      {
        name: 'runRule',
        parameter: 'rule',
        label: { en: 'rule', zh: '规则' },
        kind: 'enum',
        values: STORAGE_RULES,
      },
      {
        name: 'runNoise',
        parameter: 'corruption',
        label: { en: 'noise', zh: '噪声' },
        kind: 'number',
        min: 0,
        max: 0.5,
      },
      {
        name: 'runProbes',
        parameter: 'probes',
        label: { en: 'probes', zh: '探针数' },
        kind: 'integer',
        min: 1,
        max: 5000,
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
    // The page's network size for random patterns, and its dynamics.
    fixed: { size: NEURONS, update: 'asynchronous' },
    values: values as unknown as Record<string, number | string>,
    onChange: update,
    pageSettings: () => ({
      runPatterns: values.source,
      runP: values.P,
      runRule: values.rule,
      runNoise: values.noise,
      runSeed: values.seed,
    }),
    highlight: ['finalOverlap', 'perfectRecallFraction', 'storedPatternsStable', 'load'],
  });
}
