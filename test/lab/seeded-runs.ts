// Browser tests of the seeded-run panels of the hopfield, spin-glass, rbm, hnn, pinn and
// landscape pages, registered inside lab.test.ts so that they share its `physml lab` process and
// its browser. Each opens a page with small settings, copies them into the panel ("Use this
// page's settings"), checks the `physml run` command it shows, runs it in the page's worker, and
// runs that very command in Node through the CLI's own path (`parseAssignments`, `parseSeed`,
// `runExperiment`): the parameters and seed must be the same, and every metric the same double.
//
// That holds although Node 20 and Debian's Chromium compute Math.exp, Math.log, Math.sin, ** and
// the rest with different last bits (measured: exp on about 1 input in 10, sin and cos on 1 in
// 30, Adam's β^t from t = 4 on): on these experiments' paths the library calls the portable
// functions of src/core/math instead, and no panel carries a caveat.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import type { Page } from 'playwright-core';
import { parseSeed } from '../../src/cli/run.js';
import type { MetricValue } from '../../src/experiments/framework/define.js';
import { parseAssignments } from '../../src/experiments/framework/params.js';
import { runExperiment } from '../../src/experiments/framework/runner.js';
import { getExperiment } from '../../src/experiments/registry.js';
import type { ExplorableContext } from './explorables.js';
import { openPage, screenshot } from './lab-harness.js';

/** Metrics that are measurements of the clock, not of the computation. */
const WALL_CLOCK_METRICS = new Set(['trainingSeconds']);

/** One row of the panel's metrics table, with the full-precision numbers it keeps. */
interface MetricRow {
  name: string;
  mean: string;
  stderr: string;
}

/** What `physml run <experiment> --seed N --set a=b … --json` asks for. */
function parseCommand(command: string): { experiment: string; seed: number; sets: string[] } {
  const words = command.trim().split(/\s+/);
  assert.deepEqual(words.slice(0, 2), ['physml', 'run'], command);
  assert.equal(words.at(-1), '--json', command);
  const sets: string[] = [];
  let seed: number | undefined;
  for (let i = 3; i < words.length - 1; i += 2) {
    if (words[i] === '--seed') seed = parseSeed(words[i + 1]);
    else {
      assert.equal(words[i], '--set', command);
      sets.push(words[i + 1]);
    }
  }
  assert.ok(seed !== undefined, `no --seed in ${command}`);
  return { experiment: words[2], seed, sets };
}

/** What a run gives: its validated parameters, seed and metrics. */
interface RunNumbers {
  params: Record<string, unknown>;
  seed: number;
  metrics: Record<string, MetricValue>;
}

/** Runs `command` as `physml run` does (same parsing, same runner), in a scratch directory. */
async function runLikeTheCli(command: string): Promise<RunNumbers> {
  const { experiment, seed, sets } = parseCommand(command);
  const outputDirectory = mkdtempSync(join(tmpdir(), 'physml-seeded-'));
  try {
    const { result } = await runExperiment({
      experiment: getExperiment(experiment),
      sources: [{ label: '--set', values: parseAssignments(sets), fromText: true }],
      seed,
      outputDirectory,
    });
    return { params: result.params, seed: result.seed, metrics: result.metrics };
  } finally {
    rmSync(outputDirectory, { recursive: true, force: true });
  }
}

/** Asserts that the page shows exactly the metrics of the Node run, by name. */
function assertSameNames(rows: MetricRow[], expected: Record<string, MetricValue>): void {
  assert.deepEqual(
    rows.map((row) => row.name).sort(),
    Object.keys(expected).sort(),
    'the page shows every metric of the run',
  );
}

/** Asserts that every metric (wall-clock ones aside) of the page is the Node run's, to the bit. */
function assertMetrics(rows: MetricRow[], expected: Record<string, MetricValue>): void {
  const byName = new Map(rows.map((row) => [row.name, row]));
  let compared = 0;
  for (const [name, value] of Object.entries(expected)) {
    if (WALL_CLOCK_METRICS.has(name)) continue;
    const row = byName.get(name) as MetricRow;
    if (typeof value === 'number') {
      assert.equal(Number(row.mean), value, name);
      assert.equal(row.stderr, '', `${name} has no error bar`);
    } else {
      assert.equal(Number(row.mean), value.mean, `${name}: mean`);
      assert.equal(Number(row.stderr), value.stderr, `${name}: stderr`);
    }
    compared++;
  }
  assert.ok(compared > 0, 'some metrics were compared');
}

/** The seeded run as the page exports it (its JSON export's `seededRun`). */
async function exportedRun(page: Page): Promise<RunNumbers> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  const saved = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
  assert.ok(saved.seededRun, 'the export holds the seeded run');
  return saved.seededRun as RunNumbers;
}

/** Opens `route?query`, copies the page's settings into the panel, and checks the command. */
async function preparePanel(page: Page, url: string, experiment: string, command: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(`#control-page-settings-${experiment}`);
  await page.click(`#control-page-settings-${experiment}`);
  assert.equal(await page.textContent(`#command-${experiment}`), command);
}

/** Runs the panel and returns its metrics table. */
async function runPanel(page: Page, experiment: string): Promise<MetricRow[]> {
  await page.click(`#control-run-${experiment}`);
  await page.waitForSelector(`#seeded-${experiment}[data-state="finished"]`, { timeout: 120_000 });
  return page.$$eval(`#metrics-${experiment} tr[data-metric]`, (rows) =>
    rows.map((row) => {
      const data = (row as HTMLElement).dataset;
      return { name: data.metric ?? '', mean: data.mean ?? '', stderr: data.stderr ?? '' };
    }),
  );
}

/** One page's case: its link, the command its settings give, and what else to check. */
interface SeededCase {
  route: string;
  query: string;
  experiment: string;
  command: string;
  /** Run after the comparison, on the same page. */
  also?: (page: Page) => Promise<void>;
}

const CASES: SeededCase[] = [
  {
    route: 'hopfield',
    query: 'source=random&P=6&rule=hebb&noise=0.15&seed=4&runProbes=12',
    experiment: 'hopfield-recall',
    command:
      'physml run hopfield-recall --seed 4 --set patterns=random --set patternCount=6 --set rule=hebb --set corruption=0.15 --set probes=12 --set size=256 --set update=asynchronous --json',
    async also(page) {
      // The panel's text follows the language switch.
      await page.click('#language-toggle');
      await page.waitForFunction(
        () =>
          document.querySelector('#seeded-hopfield-recall h2')?.textContent ===
          '带种子的运行：与命令行完全相同的数值',
      );
      assert.equal(await page.textContent('#control-page-settings-hopfield-recall'), '采用本页的设置');
      assert.equal(await page.textContent('#control-run-hopfield-recall'), '运行带种子的实验');
      assert.match(page.url(), /[?&]runP=6&.*lang=zh/);
    },
  },
  {
    route: 'spin-glass',
    query: 'N=12&couplings=bimodal&T=0.6&cool=0&rate=10&seed=3&runInstances=2',
    experiment: 'spin-glass',
    command:
      'physml run spin-glass --seed 3 --set size=12 --set couplings=bimodal --set temperature=0.6 --set instances=2 --set model=sk --set equilibriumSweeps=1000 --set sweeps=300 --set sweepMaxSize=16 --set sweepInstances=40 --json',
  },
  {
    route: 'rbm',
    query: 'data=bars&H=8&method=cd&k=2&eta=0.1&momentum=0.5&batch=5&rate=10&seed=2&runEpochs=20',
    experiment: 'rbm',
    command:
      'physml run rbm --seed 2 --set dataset=bars-and-stripes --set hiddenUnits=8 --set algorithm=cd --set gibbsSteps=2 --set learningRate=0.1 --set momentum=0.5 --set batchSize=5 --set epochs=20 --set size=4 --json',
  },
  {
    route: 'hnn',
    query: 'system=spring&width=8&eta=0.02&traj=4&noise=0.1&horizon=5&h=0.1&seed=2&runSteps=60',
    experiment: 'hnn',
    command:
      'physml run hnn --seed 2 --set system=mass-spring --set learningRate=0.02 --set trainTrajectories=4 --set noiseStd=0.1 --set rolloutTime=5 --set rolloutStepSize=0.1 --set steps=60 --set hiddenSizes=8,8 --set batchSize=120 --set pointsPerTrajectory=30 --set testTrajectories=10 --json',
  },
  {
    route: 'pinn',
    query: 'k=0.3&width=6&depth=2&eta=0.01&switch=40&lbfgs=30&points=64&sampling=uniform&seed=2',
    experiment: 'pinn-heat',
    command:
      'physml run pinn-heat --seed 2 --set conductivity=0.3 --set learningRate=0.01 --set adamSteps=40 --set lbfgsSteps=30 --set interiorCount=64 --set sampling=uniform --set hiddenSizes=6,6 --set dimension=1 --set boundaryCount=64 --set initialCount=64 --json',
  },
  {
    route: 'landscape',
    query: 'surface=quadratic&method=heavy-ball&kappa=50&seed=5&runTolerance=1e-10',
    experiment: 'momentum',
    command:
      'physml run momentum --seed 5 --set conditionNumber=50 --set tolerance=1e-10 --set dimension=2 --json',
  },
];

/** Registers the tests (call inside the browser `describe`). */
export function seededRunTests(context: ExplorableContext): void {
  for (const entry of CASES) {
    it(`${entry.route}: the page's settings give a seeded ${entry.experiment} run with the numbers of physml run`, async () => {
      const { page, errors } = await openPage(context.browser());
      try {
        await preparePanel(
          page,
          `${context.url()}#/${entry.route}?${entry.query}&lang=en`,
          entry.experiment,
          entry.command,
        );
        // No panel warns that this engine may give other bits.
        assert.equal(await page.locator(`#seeded-${entry.experiment} .seeded-caveat`).count(), 0);
        const rows = await runPanel(page, entry.experiment);
        const expected = await runLikeTheCli(entry.command);
        const exported = await exportedRun(page);
        assert.deepEqual(exported.params, expected.params, 'the same validated parameters');
        assert.equal(exported.seed, expected.seed, 'the same seed');
        assertSameNames(rows, expected.metrics);
        assertMetrics(rows, expected.metrics);
        await screenshot(page, `${entry.route}-seeded-run`);
        await entry.also?.(page);
        assert.deepEqual(errors, []);
      } finally {
        // Closing stops the page's workers, which would otherwise slow the tests that follow.
        await page.close();
      }
    });
  }
}
