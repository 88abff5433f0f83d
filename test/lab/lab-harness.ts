// The lab as a user meets it: `physml lab --port 0` as a real child process (through the same
// entry the CLI tests use), and Debian's Chromium driven by playwright-core with the flags of
// DEVELOPERS.md. Without /usr/bin/chromium the browser tests fail in CI (CI installs it) and
// are skipped, with a message, elsewhere.
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { cliCommand } from '../cli/spawn-cli.js';

export const repository = fileURLToPath(new URL('../..', import.meta.url));

/** Where screenshots go (gitignored). */
export const artifacts = join(repository, 'test-artifacts', 'lab');

export const chromiumPath = '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. */
export function browserProblem(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  return `${chromiumPath} is missing: install Debian's Chromium (apt-get install -y chromium; .ci/run does) to run the lab's browser tests`;
}

/** A running `physml lab`. */
export interface LabProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  stderr(): string;
  /** Resolves with the exit code and signal once the process has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `physml lab --port 0` (building the lab first if needed) and waits for its URL. */
export function startLab(timeoutMs = 240_000): Promise<LabProcess> {
  const child = spawn(process.execPath, [...cliCommand, 'lab', '--port', '0'], {
    cwd: repository,
    env: { ...process.env, PHYSML_DEBUG: '' },
  });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`physml lab printed no URL within ${timeoutMs} ms; stderr:\n${stderr}`));
    }, timeoutMs);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^(http:\/\/[^\s]+)\n/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], child, stderr: () => stderr, exited });
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`physml lab exited (${signal ?? code}) before printing its URL; stderr:\n${stderr}`));
    });
  });
}

/** Launches headless Chromium with the project's flags. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      // Containers often have a small /dev/shm; Chromium then uses /tmp instead.
      '--disable-dev-shm-usage',
    ],
  });
}

/** A page that records console errors and uncaught exceptions. */
export async function openPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { page, errors };
}

/** Writes a full-page screenshot under test-artifacts/lab/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifacts, { recursive: true });
  const path = join(artifacts, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The pixels of a canvas, as a data URL (to compare two moments). */
export function canvasPixels(page: Page, selector: string): Promise<string> {
  return page.$eval(selector, (canvas) => (canvas as HTMLCanvasElement).toDataURL());
}

/** The exact number behind a read-out (`#readout-<name>`). */
export async function readoutValue(page: Page, name: string): Promise<number> {
  const text = await page.$eval(
    `#readout-${name}`,
    (element) => (element as HTMLElement).dataset.value ?? '',
  );
  return Number(text);
}

/** Moves a range input to `value` (its raw position) as a user would, firing `input`. */
export async function setRange(page: Page, name: string, position: number): Promise<void> {
  await page.$eval(
    `#control-${name}`,
    (element, value) => {
      const input = element as HTMLInputElement;
      input.value = String(value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    position,
  );
}
