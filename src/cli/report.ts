/**
 * `physml report <run-dir>`: renders `report.html` again from the run's `result.json`
 * (after an upgrade of physml, or after editing the result by hand).
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { writeFileAtomic } from '../experiments/framework/atomic-write.js';
import { readResultFile } from '../experiments/framework/result.js';
import { renderReportHtml } from '../report/html.js';
import type { CliIo } from './io.js';

/** Re-renders the report of a run directory; returns the report's path. */
export async function rerenderReport(runDirectory: string): Promise<string> {
  const result = readResultFile(runDirectory);
  const html = await renderReportHtml(result);
  const path = join(runDirectory, 'report.html');
  writeFileAtomic(path, html);
  return path;
}

/** Adds `report` to the program. */
export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description("render a run's report.html again from its result.json")
    .argument('<run-dir>', 'a run directory (runs/<experiment>-<time>-<seed>)')
    .action(async (runDirectory: string) => {
      io.stdout.write(`${await rerenderReport(runDirectory)}\n`);
    });
}
