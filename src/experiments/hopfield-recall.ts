/**
 * Experiment `hopfield-recall` (seed essay 002): memories are minima of the energy
 * E(s) = −½ Σ w_ij s_i s_j, and recall is a descent to the nearest one.
 *
 * P patterns are stored in a Hopfield network, by Hebb's rule, the pseudo-inverse or Storkey's
 * rule: binarized 8×8 digit images (N = 64) or random ±1 patterns. Each probe is a stored
 * pattern with a fraction of its bits flipped; the network runs from it (asynchronous,
 * synchronous or Glauber dynamics) and the final state is compared with the pattern. Digits
 * are strongly correlated (two digit images overlap by about 0.47 on average), so Hebb's rule,
 * which assumes nearly orthogonal patterns, keeps none of ten digits as a fixed point, while the
 * pseudo-inverse keeps all of them: the rule comparison table shows it on the same probes. (From
 * 22 digits on, two stored 1s differ in a single pixel and even the pseudo-inverse loses some.)
 * For random patterns the reference is the overlap m(α) of Amit, Gutfreund and Sompolinsky
 * at the load α = P/N.
 */
import { z } from 'zod';
import { fold, type Key, split } from '../core/random/index.js';
import { DIGITS_SIDE } from '../data/index.js';
import {
  agsCriticalPoint,
  agsRetrievalOverlap,
  corruptPattern,
  type RecallResult,
  randomPatterns,
  recall,
  STORAGE_RULES,
  type StorageRule,
  storePatterns,
} from '../models/hopfield/index.js';
import { type Check, defineExperiment, type MetricValue } from './framework/define.js';
import { ParameterError } from './framework/errors.js';
import {
  digitPatterns,
  intervalCheck,
  MAX_DIGIT_PATTERNS,
  meanWithError,
  PSEUDO_INVERSE_DIGITS,
  proportionWithError,
  storedPatternStability,
  tileImages,
} from './hopfield-report.js';

/** Probes whose energy and overlap trajectories are plotted. */
const TRACED_PROBES = 5;

/** What the final state of one probe was. */
type FinalKind = 'retrieved' | 'wrongPattern' | 'mixture' | 'spurious';

/** One probe's outcome (JSON-serialisable, for the checkpoint). */
interface ProbeRecord {
  finalOverlap: number;
  steps: number;
  converged: boolean;
  kind: FinalKind;
  /** Largest E(t+1) − E(t) along the trajectory. */
  largestEnergyIncrease: number;
}

/** One storage rule on the same probes, for the comparison table. */
interface RuleSummary {
  rule: StorageRule;
  /** Null when the rule cannot store these patterns (pseudo-inverse with P ≥ N). */
  finalOverlap: { mean: number; stderr: number } | null;
  perfectFraction: number;
  storedStable: number;
}

interface RecallState {
  records: ProbeRecord[];
  /** Energies per neuron and overlaps with the target, for the first probes. */
  traces: Array<{ energies: number[]; overlaps: number[] }>;
  /** Corrupted and final states of the first probes (for the images). */
  images: Array<{ probe: number[]; final: number[] }>;
  comparison: RuleSummary[];
}

function finalKind(result: RecallResult, target: number): FinalKind {
  const classification = result.classification;
  if (classification === null || classification.kind === 'spurious') return 'spurious';
  if (classification.kind === 'mixture') return 'mixture';
  return classification.patternIndices[0] === target && classification.signs[0] === 1
    ? 'retrieved'
    : 'wrongPattern';
}

/** ±1 → 0/1 (ink), for the images. */
function toInk(spins: ArrayLike<number>): number[] {
  return Array.from(spins, (spin) => (spin + 1) / 2);
}

const updateDescriptions = {
  asynchronous: 'asynchronous (one neuron at a time, random order, T = 0)',
  synchronous: 'synchronous (all neurons at once, T = 0)',
  glauber: 'Glauber (asynchronous heat bath at temperature T)',
} as const;

export const hopfieldRecall = defineExperiment({
  name: 'hopfield-recall',
  title: 'Hopfield network: recall as descent to the nearest energy minimum',
  description:
    'Stores P patterns (binarized 8×8 digits, N = 64, or random ±1 patterns) in a Hopfield network by ' +
    'Hebb’s rule, the pseudo-inverse or Storkey’s rule, and runs the network from corrupted copies of ' +
    'them. Reports the final overlap with the pattern, how often recall is perfect, the sweeps to a fixed ' +
    'point, what the final states are (the pattern, another pattern, a mixture, a spurious state) and ' +
    'checks that the energy never increases under asynchronous updates. Digits are strongly correlated: ' +
    'Hebb’s rule fails on them where the pseudo-inverse succeeds (see the rule comparison). For random ' +
    'patterns the reference is the Amit–Gutfreund–Sompolinsky overlap m(α) at α = P/N.',
  params: z.object({
    patterns: z
      .enum(['digits', 'random'])
      .default('digits')
      .describe(
        'what is stored: binarized 8×8 digit images (N = 64; one image per class in turn) or random ±1 patterns',
      ),
    size: z
      .number()
      .int()
      .min(16)
      .max(2500)
      .default(100)
      .describe('number of neurons N for random patterns (the digits have N = 64)'),
    patternCount: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .describe(`number of stored patterns P (at most ${MAX_DIGIT_PATTERNS} digits)`),
    corruption: z
      .number()
      .min(0)
      .max(0.5)
      .default(0.1)
      .describe('fraction of the bits flipped in each probe'),
    update: z
      .enum(['asynchronous', 'synchronous', 'glauber'])
      .default('asynchronous')
      .describe('update rule: asynchronous or synchronous at T = 0, or Glauber dynamics at temperature T'),
    temperature: z
      .number()
      .min(0.001)
      .max(10)
      .default(0.2)
      .describe('temperature T of Glauber dynamics (used only with update = glauber)'),
    rule: z
      .enum(['hebb', 'pseudo-inverse', 'storkey'])
      .default('pseudo-inverse')
      .describe('storage rule (the pseudo-inverse needs P < N)'),
    probes: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(100)
      .describe('number of corrupted probes; probe k starts from pattern k mod P'),
    maxSteps: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .default(100)
      .describe('most sweeps (asynchronous, Glauber) or steps (synchronous) per probe'),
  }),
  metrics: {
    load: { description: 'load α = P/N' },
    initialOverlap: { description: 'overlap of every probe with its pattern before recall: 1 − 2·flips/N' },
    finalOverlap: {
      description: 'overlap of the final state with the probe’s pattern (mean ± stderr over probes)',
    },
    perfectRecallFraction: { description: 'fraction of probes that end exactly on their pattern' },
    retrievedOverlap: {
      description:
        'final overlap of the probes that ended on their own pattern: the retrieval state (0 if none)',
    },
    retrievedCount: { description: 'probes ending on their pattern (overlap ≥ 0.9)' },
    wrongPatternCount: { description: 'probes ending on another stored pattern or a reversed one' },
    mixtureCount: { description: 'probes ending on a mixture sign(±ξ¹ ± ξ² ± ξ³) of three patterns' },
    spuriousCount: { description: 'probes ending on a state close to no pattern and no 3-mixture' },
    steps: { description: 'sweeps (or synchronous steps) taken, counting the last one (mean ± stderr)' },
    convergedFraction: { description: 'fraction of probes that reached a fixed point within maxSteps' },
    storedPatternsStable: { description: 'fraction of the stored patterns that are fixed points at T = 0' },
    largestEnergyIncrease: {
      description: 'largest energy change E(t+1) − E(t) over all sweeps and probes (≤ 0: never increased)',
    },
  },
  tour: { patterns: 'digits', patternCount: 10, probes: 30 },
  async run(params, context) {
    const { patternCount, corruption, update, temperature, rule, probes, maxSteps } = params;
    const digits = params.patterns === 'digits';
    if (digits && patternCount > MAX_DIGIT_PATTERNS) {
      throw new ParameterError(
        `patternCount must be at most ${MAX_DIGIT_PATTERNS} with patterns = digits, got ${patternCount}`,
      );
    }
    const size = digits ? DIGITS_SIDE * DIGITS_SIDE : params.size;
    if (rule === 'pseudo-inverse' && patternCount >= size) {
      throw new ParameterError(
        `rule = pseudo-inverse needs patternCount < N = ${size} (independent patterns), got ${patternCount}`,
      );
    }
    const [patternKey, corruptionKey, orderKey] = split(context.key, 3);
    const patterns = digits ? digitPatterns(patternCount) : randomPatterns(patternKey, patternCount, size);
    const probeStates = Array.from({ length: probes }, (_, k) =>
      corruptPattern(fold(corruptionKey, k), patterns[k % patternCount], corruption),
    );
    const recallOptions = (k: number, record: boolean) => ({
      mode: update === 'synchronous' ? ('synchronous' as const) : ('asynchronous' as const),
      temperature: update === 'glauber' ? temperature : 0,
      key: fold(orderKey, k) as Key,
      maxSteps,
      recordTrajectory: record,
    });
    const state = context.checkpoint.load<RecallState>() ?? {
      records: [],
      traces: [],
      images: [],
      comparison: [],
    };
    const network = storePatterns(patterns, { rule });
    const totalWork = probes + STORAGE_RULES.length;
    const chunk = Math.max(1, Math.ceil(probes / 20));

    for (let k = state.records.length; k < probes; k++) {
      const target = k % patternCount;
      const result = recall(network, probeStates[k], recallOptions(k, true));
      let largestEnergyIncrease = Number.NEGATIVE_INFINITY;
      for (let t = 1; t < result.energies.length; t++) {
        largestEnergyIncrease = Math.max(largestEnergyIncrease, result.energies[t] - result.energies[t - 1]);
      }
      state.records.push({
        finalOverlap: result.finalOverlaps[target],
        steps: result.steps,
        converged: result.converged,
        kind: finalKind(result, target),
        largestEnergyIncrease: Number.isFinite(largestEnergyIncrease) ? largestEnergyIncrease : 0,
      });
      if (k < TRACED_PROBES) {
        state.traces.push({
          energies: result.energies.map((energy) => energy / size),
          overlaps: result.overlaps.map((overlaps) => overlaps[target]),
        });
      }
      if (k < 8) state.images.push({ probe: Array.from(probeStates[k]), final: Array.from(result.state) });
      if ((k + 1) % chunk === 0 || k + 1 === probes) {
        context.checkpoint.save(state);
        context.progress(k + 1, totalWork, 'probes');
      }
    }

    // The same probes and dynamics under every storage rule.
    for (let r = state.comparison.length; r < STORAGE_RULES.length; r++) {
      const other = STORAGE_RULES[r];
      if (other === 'pseudo-inverse' && patternCount >= size) {
        state.comparison.push({ rule: other, finalOverlap: null, perfectFraction: 0, storedStable: 0 });
      } else {
        const otherNetwork = other === rule ? network : storePatterns(patterns, { rule: other });
        const overlaps = probeStates.map(
          (probe, k) => recall(otherNetwork, probe, recallOptions(k, false)).finalOverlaps[k % patternCount],
        );
        state.comparison.push({
          rule: other,
          finalOverlap: meanWithError(overlaps),
          perfectFraction: overlaps.filter((value) => value === 1).length / probes,
          storedStable: storedPatternStability(otherNetwork),
        });
      }
      context.checkpoint.save(state);
      context.progress(probes + r + 1, totalWork, `rule ${other}`);
    }

    const records = state.records;
    const count = (kind: FinalKind) => records.filter((record) => record.kind === kind).length;
    const retrieved = records.filter((record) => record.kind === 'retrieved');
    const alpha = patternCount / size;
    const flips = Math.round(corruption * size);
    const storedPatternsStable = storedPatternStability(network);
    const largestEnergyIncrease = Math.max(...records.map((record) => record.largestEnergyIncrease));
    const finalOverlap = meanWithError(records.map((record) => record.finalOverlap));
    const metrics: Record<string, MetricValue> = {
      load: alpha,
      initialOverlap: 1 - (2 * flips) / size,
      finalOverlap,
      perfectRecallFraction: proportionWithError(
        records.filter((record) => record.finalOverlap === 1).length,
        probes,
      ),
      retrievedOverlap:
        retrieved.length > 0
          ? meanWithError(retrieved.map((record) => record.finalOverlap))
          : { mean: 0, stderr: 0 },
      retrievedCount: retrieved.length,
      wrongPatternCount: count('wrongPattern'),
      mixtureCount: count('mixture'),
      spuriousCount: count('spurious'),
      steps: meanWithError(records.map((record) => record.steps)),
      convergedFraction: records.filter((record) => record.converged).length / probes,
      storedPatternsStable,
      largestEnergyIncrease,
    };

    const critical = agsCriticalPoint();
    const ags = alpha <= 10 ? agsRetrievalOverlap(alpha) : null;
    const reference: Record<string, number | string> = {
      criticalLoad: critical.alpha,
      theory: digits
        ? `digits are correlated: no closed-form overlap; the pseudo-inverse keeps up to ${PSEUDO_INVERSE_DIGITS} of them as fixed points`
        : 'Amit–Gutfreund–Sompolinsky (1985), T = 0, Hebb’s rule, state started at a stored pattern',
    };
    if (!digits && ags !== null) reference.retrievedOverlap = ags.overlap;
    if (update === 'asynchronous') reference.largestEnergyIncrease = 0;
    const projectionHolds = rule === 'pseudo-inverse' && (!digits || patternCount <= PSEUDO_INVERSE_DIGITS);
    if (projectionHolds) reference.storedPatternsStable = 1;

    const checks: Check[] = [];
    // Asynchronous updates at T = 0 never raise E (symmetric weights); rounding of the
    // incrementally updated float64 fields is far below 1e-9 per neuron.
    if (update === 'asynchronous') {
      checks.push({
        metric: 'largestEnergyIncrease',
        reference: 0,
        tolerance: 1e-9 * size,
        kind: 'absolute',
      });
    }
    if (projectionHolds) {
      checks.push({ metric: 'storedPatternsStable', reference: 1, tolerance: 0, kind: 'absolute' });
    }
    // Well below capacity Hebbian recall of random patterns lands on the AGS retrieval state, but
    // at finite N a pattern with an unluckily small basin loses its probes. Measured over 200
    // pattern sets each (N = 64–400, α ≤ 0.1, corruption ≤ 0.15, both T = 0 modes): retrieved
    // probes' mean overlap ≥ 0.982 (AGS m(0.1) = 0.998), retrieved fraction ≥ 0.66.
    if (!digits && rule === 'hebb' && update !== 'glauber' && alpha <= 0.1 && corruption <= 0.15 && ags) {
      checks.push({ metric: 'retrievedOverlap', reference: ags.overlap, tolerance: 0.025, kind: 'absolute' });
      checks.push(intervalCheck('retrievedCount', probes / 2, probes));
    }
    // Ten digits, one per class, 10% corruption: measured 0.984–1 over 40 seeds (both T = 0 modes).
    if (
      digits &&
      rule === 'pseudo-inverse' &&
      update !== 'glauber' &&
      patternCount <= 10 &&
      corruption <= 0.1
    ) {
      checks.push({ metric: 'finalOverlap', reference: 1, tolerance: 0.05, kind: 'absolute' });
    }

    const side = digits ? DIGITS_SIDE : Math.ceil(Math.sqrt(size));
    const imageColumns = Math.max(1, Math.min(state.images.length, Math.floor(65 / (side + 1)), 8));
    const shown = state.images.slice(0, imageColumns);
    const tiles = tileImages(
      [
        shown.map((_, k) => toInk(patterns[k % patternCount])),
        shown.map((image) => toInk(image.probe)),
        shown.map((image) => toInk(image.final)),
      ],
      side,
      side,
    );
    const traceSeries = (pick: 'energies' | 'overlaps') =>
      state.traces.map((trace, k) => ({
        name: `probe ${k + 1}`,
        x: trace[pick].map((_, t) => t),
        y: trace[pick],
      }));
    const stepName = update === 'synchronous' ? 'synchronous step' : 'sweep';
    const ruleTable = state.comparison.map((summary) => [
      summary.rule + (summary.rule === rule ? ' (this run)' : ''),
      summary.finalOverlap === null ? 'needs P < N' : summary.finalOverlap.mean,
      summary.finalOverlap === null ? '' : summary.finalOverlap.stderr,
      summary.finalOverlap === null ? '' : summary.perfectFraction,
      summary.finalOverlap === null ? '' : summary.storedStable,
    ]);
    return {
      metrics,
      reference,
      checks,
      plots: [
        {
          kind: 'line',
          title: 'Energy per neuron during recall',
          caption:
            `Dynamics: ${updateDescriptions[update]}. ` +
            (update === 'asynchronous'
              ? 'Every asynchronous flip lowers E: each curve falls and stops at a fixed point.'
              : 'Synchronous updates and Glauber noise do not guarantee a falling energy.'),
          x: { title: stepName },
          y: { title: 'E/N' },
          series: traceSeries('energies'),
          points: true,
        },
        {
          kind: 'line',
          title: 'Overlap with the probe’s pattern during recall',
          caption: `Probes start at overlap ${(1 - (2 * flips) / size).toFixed(3)} (${flips} of ${size} bits flipped).`,
          x: { title: stepName },
          y: { title: 'overlap m' },
          series: traceSeries('overlaps'),
          points: true,
        },
        {
          kind: 'heatmap',
          title: 'Stored / corrupted / recalled',
          caption:
            'Top row: stored patterns; middle: the probes, corrupted; bottom: the states recall ended on. ' +
            (digits
              ? 'Binarized digits, ink = 1.'
              : `Random ±1 patterns of ${size} neurons drawn as ${side}×${side} squares (+1 = 1).`),
          x: { title: 'probe' },
          y: { title: 'stage' },
          color: { title: '(s + 1)/2' },
          rows: tiles.rows,
          columns: tiles.columns,
          values: tiles.values,
        },
      ],
      tables: [
        {
          title: `Storage rules on the same ${probes} probes and dynamics`,
          columns: ['rule', 'final overlap', 'stderr', 'perfect recalls', 'stored patterns stable'],
          rows: ruleTable,
        },
        {
          title: 'Final states',
          columns: ['kind', 'probes'],
          rows: [
            ['its own pattern', count('retrieved')],
            ['another (or a reversed) pattern', count('wrongPattern')],
            ['3-mixture', count('mixture')],
            ['spurious', count('spurious')],
          ],
        },
      ],
    };
  },
});
