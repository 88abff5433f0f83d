// Browser tests of the live-computation pages (spin glass, RBM, HNN, PINN), registered inside
// lab.test.ts so that they share its `physml lab` process and its browser. Each drives a page
// as a user does: a control change changes the picture (canvas pixels) and the numbers, the
// change lands in the permalink, and the permalink rebuilds the view; the RBM page also takes
// a user's CSV (a bad one is refused with the row and column named). Screenshots go to
// test-artifacts/lab/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { canvasPixels, openPage, readoutValue, screenshot, setRange } from './lab-harness.js';

/** What the tests need from the suite that registers them. */
export interface ExplorableContext {
  url(): string;
  browser(): Browser;
}

/** Waits until the page's article has `data-<name>` above `value`. */
async function waitForCount(page: Page, name: string, value: number): Promise<void> {
  await page.waitForFunction(
    ([key, least]) =>
      Number((document.querySelector('.lab-page') as HTMLElement | null)?.dataset[key]) > least,
    [name, value] as const,
    { timeout: 30_000 },
  );
}

/** Waits until `#readout-<name>` shows a number. */
/** Waits until the RBM page's best-log-likelihood readout is `expected` (to 1e-12). */
async function waitForBestLogLikelihood(page: Page, expected: number): Promise<void> {
  await page.waitForFunction(
    (target) => {
      const text =
        (document.querySelector('#readout-best-log-likelihood') as HTMLElement | null)?.dataset.value ?? '';
      return text !== '' && Math.abs(Number(text) - target) < 1e-12;
    },
    expected,
    { timeout: 30_000 },
  );
}

async function waitForReadout(page: Page, name: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const text = (document.querySelector(`#readout-${id}`) as HTMLElement | null)?.dataset.value ?? '';
      return text !== '' && Number.isFinite(Number(text));
    },
    name,
    { timeout: 30_000 },
  );
}

/** Leaves the page for the home page, opens its permalink, and checks the link is the same. */
async function reopenPermalink(page: Page, home: string): Promise<string> {
  const link = (await page.getAttribute('#permalink', 'href')) ?? '';
  await page.goto(home);
  await page.waitForSelector('.intro');
  await page.goto(link);
  await page.waitForSelector('#permalink');
  assert.equal(await page.getAttribute('#permalink', 'href'), link, 'the permalink round-trips');
  return link;
}

/** Runs `body` on a new page, then checks it logged no errors; the page is closed in any case. */
async function withPage(context: ExplorableContext, body: (page: Page) => Promise<void>): Promise<void> {
  const { page, errors } = await openPage(context.browser());
  try {
    await body(page);
    assert.deepEqual(errors, []);
  } finally {
    // Closing stops the page's workers, which would otherwise slow the tests that follow.
    await page.close();
  }
}

/** Registers the tests (call inside the browser `describe`). */
export function explorableTests(context: ExplorableContext): void {
  it('spin glass: hot replicas match the exact P(q); cooling the slider moves P(q) and ⟨q²⟩; permalink', async () => {
    await withPage(context, async (page) => {
      await page.goto(`${context.url()}#/spin-glass?N=16&R=4&T=2&cool=0&rate=max&seed=3`);
      await waitForCount(page, 'sweeps', 3000);
      await waitForReadout(page, 'exact-q2');
      const hot = await readoutValue(page, 'q2');
      const exactHot = await readoutValue(page, 'exact-q2');
      assert.ok(Math.abs(hot - exactHot) < 0.04, `sampled ⟨q²⟩ = ${hot}, exact ${exactHot} at T = 2`);
      const histogram = await canvasPixels(page, '#chart-overlap canvas');
      const sweeps = Number(await page.$eval('.lab-page', (e) => (e as HTMLElement).dataset.sweeps));
      await setRange(page, 'T', 0.3);
      await waitForCount(page, 'sweeps', sweeps + 3000);
      await page.waitForFunction(
        () => (document.querySelector('#readout-temperature') as HTMLElement).dataset.value === '0.3',
      );
      const exactCold = await readoutValue(page, 'exact-q2');
      assert.ok(exactCold > exactHot + 0.3, `exact ⟨q²⟩: ${exactCold} at T = 0.3, ${exactHot} at T = 2`);
      assert.notEqual(await readoutValue(page, 'q2'), hot);
      assert.notEqual(await canvasPixels(page, '#chart-overlap canvas'), histogram, 'P(q) changed');
      assert.match(page.url(), /[?&]T=0\.3&cool=0&/);
      await reopenPermalink(page, context.url());
      assert.equal(await page.inputValue('#control-T'), '0.3');
      await waitForReadout(page, 'exact-q2');
      assert.equal(await readoutValue(page, 'exact-q2'), exactCold, 'the link rebuilds the same instance');
      await screenshot(page, 'spin-glass-cold');
    });
  });

  it('rbm: a new machine changes the filters and numbers; a bad CSV is refused by row and column; a good one travels in the permalink', async () => {
    await withPage(context, async (page) => {
      await page.goto(`${context.url()}#/rbm?data=bars&H=8&rate=max&seed=2`);
      await waitForCount(page, 'updates', 50);
      const filters = await canvasPixels(page, '#rbm-filters');
      const height = await page.$eval('#rbm-filters', (canvas) => (canvas as HTMLCanvasElement).height);
      await setRange(page, 'H', 12);
      // Twelve filters take two rows of eight: the new machine's first frame changes the canvas.
      await page.waitForFunction(
        (old) => (document.querySelector('#rbm-filters') as HTMLCanvasElement).height !== old,
        height,
      );
      assert.notEqual(await canvasPixels(page, '#rbm-filters'), filters, 'the filters changed');
      assert.match(page.url(), /[?&]H=12&/);
      await page.fill('#csv-text-rbm', '0,1,0\n1,1\n');
      await page.click('#csv-use-rbm');
      assert.equal(await page.getAttribute('#csv-message-rbm', 'role'), 'alert');
      assert.match(
        (await page.textContent('#csv-message-rbm')) ?? '',
        /row 2 has 2 values, but row 1 has 3: every row must have the same number of columns/,
      );
      await page.fill('#csv-text-rbm', '0,1,0\n1,1,2\n');
      await page.click('#csv-use-rbm');
      assert.match((await page.textContent('#csv-message-rbm')) ?? '', /row 2, column 3: 2 is not 0 or 1/);
      assert.match(page.url(), /[?&]data=bars&/);
      // Two patterns, each twice: the best mean log-likelihood is −log 2.
      await page.fill('#csv-text-rbm', 'a,b,c,d\n1,0,0,1\n0,1,1,0\n1,0,0,1\n0,1,1,0\n');
      await page.click('#csv-use-rbm');
      assert.equal(await page.getAttribute('#csv-message-rbm', 'role'), 'status');
      assert.match((await page.textContent('#csv-message-rbm')) ?? '', /Loaded 4 patterns of 4 values/);
      assert.match(page.url(), /[?&]data=csv&.*patterns=4\.4\./);
      // The readout may still hold the previous data set's value for a frame: wait for −log 2
      // itself (the wait fails the test if it never comes).
      await waitForBestLogLikelihood(page, -Math.log(2));
      assert.ok(Math.abs((await readoutValue(page, 'best-log-likelihood')) + Math.log(2)) < 1e-12);
      await reopenPermalink(page, context.url());
      assert.equal(await page.inputValue('#control-data'), 'csv');
      await waitForBestLogLikelihood(page, -Math.log(2));
      assert.ok(Math.abs((await readoutValue(page, 'best-log-likelihood')) + Math.log(2)) < 1e-12);
      await waitForCount(page, 'updates', 20);
      await screenshot(page, 'rbm-csv');
    });
  });

  it('hnn: another system changes the portrait and both models’ numbers; permalink', async () => {
    await withPage(context, async (page) => {
      await page.goto(`${context.url()}#/hnn?system=spring&width=8&traj=4&horizon=5&seed=2`);
      for (const name of ['hnn-energy-mse', 'baseline-energy-mse']) await waitForReadout(page, name);
      const portrait = await canvasPixels(page, '#hnn-canvas');
      const before = await readoutValue(page, 'baseline-energy-mse');
      await page.selectOption('#control-system', 'pendulum');
      await page.waitForFunction(
        (old) =>
          Number((document.querySelector('#readout-baseline-energy-mse') as HTMLElement).dataset.value) !==
          old,
        before,
        { timeout: 30_000 },
      );
      for (const name of ['hnn-energy-mse', 'baseline-energy-mse']) await waitForReadout(page, name);
      assert.notEqual(await readoutValue(page, 'baseline-energy-mse'), before);
      assert.notEqual(await canvasPixels(page, '#hnn-canvas'), portrait, 'the portrait changed');
      assert.match(page.url(), /[?&]system=pendulum&/);
      await reopenPermalink(page, context.url());
      assert.equal(await page.inputValue('#control-system'), 'pendulum');
      await waitForReadout(page, 'hnn-energy-mse');
      await screenshot(page, 'hnn-pendulum');
    });
  });

  it('pinn: the conductivity changes the maps and the error; L-BFGS on demand; permalink', async () => {
    await withPage(context, async (page) => {
      await page.goto(`${context.url()}#/pinn?width=6&depth=1&switch=10000&lbfgs=50&points=64&seed=2`);
      await waitForCount(page, 'step', 5);
      const maps = await canvasPixels(page, '#pinn-canvas');
      const error = await readoutValue(page, 'relative-l2');
      await setRange(page, 'k', 869);
      await page.waitForFunction(() => /[?&]k=0\.999&/.test(location.hash));
      const step = Number(await page.$eval('.lab-page', (e) => (e as HTMLElement).dataset.step));
      await waitForCount(page, 'step', step + 3);
      assert.notEqual(await canvasPixels(page, '#pinn-canvas'), maps, 'the maps changed');
      assert.notEqual(await readoutValue(page, 'relative-l2'), error);
      await page.click('#control-switch-now');
      await page.waitForFunction(
        () => (document.querySelector('#readout-phase') as HTMLElement).dataset.value === 'L-BFGS',
      );
      const switched = Number(/[?&]switch=(\d+)&/.exec(page.url())?.[1]);
      assert.ok(switched > 0 && switched < 10000, `switch=${switched}`);
      await reopenPermalink(page, context.url());
      assert.equal(await page.inputValue('#control-switch'), String(switched));
      await waitForCount(page, 'step', 2);
      await screenshot(page, 'pinn-lbfgs');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
      const saved = JSON.parse(readFileSync((await download.path()) as string, 'utf8'));
      assert.equal(saved.page, 'pinn');
      assert.equal(saved.parameters.k, 0.999);
      assert.equal(saved.now.prediction.length, saved.now.exact.length);
    });
  });
}
