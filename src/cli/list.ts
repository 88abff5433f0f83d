/**
 * `physml list`: the registered experiments, one per line (or as JSON).
 */
import type { Command } from 'commander';
import { experiments } from '../experiments/registry.js';
import { type CliIo, printJson } from './io.js';
import { renderTable } from './table.js';

/** Adds `list` to the program. */
export function registerList(program: Command, io: CliIo): void {
  program
    .command('list')
    .description('list the experiments')
    .option('--json', 'print the list as JSON on stdout')
    .action((options: { json?: boolean }) => {
      if (options.json) {
        printJson(
          io,
          experiments.map((experiment) => ({
            name: experiment.name,
            title: experiment.title,
            inTour: experiment.tour !== undefined,
          })),
        );
        return;
      }
      const rows = experiments.map((experiment) => [experiment.name, experiment.title]);
      io.stdout.write(
        `${renderTable(['experiment', 'title'], rows)}\n\nDetails: physml describe <experiment>\n`,
      );
    });
}
