/**
 * `physml describe <experiment>`: what an experiment does, its parameters (type, default,
 * allowed range) and its metrics; `--json` prints the same as one JSON object.
 */
import type { Command } from 'commander';
import type { Experiment } from '../experiments/framework/define.js';
import { describeParameters, type ParameterDescription } from '../experiments/framework/params.js';
import { getExperiment } from '../experiments/registry.js';
import { formatParameterValue } from '../report/format.js';
import { type CliIo, printJson } from './io.js';
import { renderTable } from './table.js';

/** The JSON form of `describe`. */
export interface ExperimentDescription {
  name: string;
  title: string;
  description: string;
  parameters: ParameterDescription[];
  metrics: Array<{ name: string; description: string; unit?: string }>;
  /** The parameters the tour uses, or null when the experiment is not in the tour. */
  tour: Record<string, unknown> | null;
}

/** Everything `describe` shows about an experiment. */
export function describeExperiment(experiment: Experiment): ExperimentDescription {
  return {
    name: experiment.name,
    title: experiment.title,
    description: experiment.description,
    parameters: describeParameters(experiment.params),
    metrics: Object.entries(experiment.metrics).map(([name, definition]) => ({ name, ...definition })),
    tour: (experiment.tour as Record<string, unknown> | undefined) ?? null,
  };
}

/** Wraps text at `width` columns, each line prefixed by `indent`. */
function wrap(text: string, width: number, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(indent + line);
  return lines.join('\n');
}

/** The text form of `describe`. */
export function describeText(description: ExperimentDescription, width = 100): string {
  const parameters = renderTable(
    ['parameter', 'type', 'default', 'allowed', 'description'],
    description.parameters.map((p) => [
      p.name,
      p.type,
      formatParameterValue(p.default),
      p.allowed,
      p.description,
    ]),
    { indent: '  ' },
  );
  const metrics = renderTable(
    ['metric', 'unit', 'description'],
    description.metrics.map((m) => [m.name, m.unit ?? '', m.description]),
    { indent: '  ' },
  );
  const example = description.parameters[0];
  const lines = [
    `${description.name}: ${description.title}`,
    '',
    wrap(description.description, width, '  '),
    '',
    'Parameters (set with --set name=value):',
    parameters,
    '',
    'Metrics:',
    metrics,
    '',
  ];
  if (description.tour !== null) {
    const tour = Object.entries(description.tour).map(([k, v]) => `${k}=${formatParameterValue(v)}`);
    lines.push(`In the tour with: ${tour.join(' ') || 'the defaults'}`);
  }
  lines.push(
    `Example: physml run ${description.name}${example ? ` --set ${example.name}=${formatParameterValue(example.default)}` : ''}`,
    '',
  );
  return lines.join('\n');
}

/** Adds `describe` to the program. */
export function registerDescribe(program: Command, io: CliIo): void {
  program
    .command('describe')
    .description("show an experiment's parameters (type, default, allowed range) and metrics")
    .argument('<experiment>', 'experiment name (see physml list)')
    .option('--json', 'print the description as JSON on stdout')
    .action((name: string, options: { json?: boolean }) => {
      const description = describeExperiment(getExperiment(name));
      if (options.json) printJson(io, description);
      else io.stdout.write(describeText(description, Math.max(60, Math.min(120, io.stdout.columns ?? 100))));
    });
}
