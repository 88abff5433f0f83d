/**
 * Runs experiments in a dedicated worker, one at a time, with progress callbacks; `cancel`
 * terminates the worker (a running experiment cannot be interrupted otherwise).
 */
import type {
  ExperimentRequest,
  ExperimentResponse,
  ExperimentResultMessage,
  LabExperiment,
} from './experiment-protocol.js';

/** What `run` resolves to. */
export interface ExperimentRun {
  result: ExperimentResultMessage;
  seconds: number;
  logs: string[];
}

/** A client of the experiment worker. */
export class ExperimentClient {
  private worker: Worker | undefined;
  private nextId = 1;

  /** Runs `experiment`; rejects with the experiment's error (its name and message kept). */
  run(
    experiment: LabExperiment,
    values: Record<string, unknown>,
    seed: number,
    onProgress: (done: number, total: number, label?: string) => void,
  ): Promise<ExperimentRun> {
    this.cancel();
    const worker = new Worker(new URL('./experiment.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    const id = this.nextId++;
    const logs: string[] = [];
    return new Promise((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<ExperimentResponse>) => {
        const message = event.data;
        if (message.id !== id) return;
        if (message.type === 'progress') onProgress(message.done, message.total, message.label);
        else if (message.type === 'log') logs.push(message.message);
        else {
          this.cancel();
          if (message.type === 'result') resolve({ result: message.result, seconds: message.seconds, logs });
          else {
            const error = new Error(message.message);
            error.name = message.name;
            reject(error);
          }
        }
      };
      worker.onerror = (event) => {
        this.cancel();
        reject(new Error(event.message || 'the experiment worker failed to start'));
      };
      const request: ExperimentRequest = { id, experiment, values, seed };
      worker.postMessage(request);
    });
  }

  /** Stops the running experiment, if any. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }
}
