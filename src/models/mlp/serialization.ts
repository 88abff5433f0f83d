/**
 * MLP checkpoints as plain JSON: the architecture and the flat parameter vector. Numbers are
 * written by `JSON.stringify`, whose shortest round-trip form restores every float64 bit for
 * bit, so a reloaded network computes exactly what the saved one did.
 */
import type { DType } from '../../core/tensor/index.js';
import { type ActivationName, assertActivation } from './activation.js';
import { type MlpArchitecture, mlpArchitecture } from './mlp.js';

/** The JSON form of an MLP and its parameters. */
export interface MlpJson {
  format: 'physml-mlp';
  version: 1;
  sizes: number[];
  activation: ActivationName;
  outputActivation: ActivationName;
  dtype: DType;
  parameters: number[];
}

/** The architecture and parameters as a JSON-safe record (parameters must be finite). */
export function mlpToJson(model: MlpArchitecture, parameters: Float64Array): MlpJson {
  if (!(parameters instanceof Float64Array) || parameters.length !== model.parameterCount) {
    throw new Error(`parameters must be a Float64Array of length ${model.parameterCount}`);
  }
  const index = parameters.findIndex((value) => !Number.isFinite(value));
  if (index >= 0)
    throw new Error(`parameters[${index}] is ${parameters[index]}; only finite values can be saved`);
  return {
    format: 'physml-mlp',
    version: 1,
    sizes: [...model.sizes],
    activation: model.activation,
    outputActivation: model.outputActivation,
    dtype: model.dtype,
    parameters: Array.from(parameters),
  };
}

/**
 * Rebuilds the architecture and parameters from {@link mlpToJson}'s record (or its parsed
 * JSON text). Throws an error naming the offending field for anything malformed.
 */
export function mlpFromJson(json: unknown): { model: MlpArchitecture; parameters: Float64Array } {
  if (json === null || typeof json !== 'object') throw new Error('MLP checkpoint must be an object');
  const record = json as Partial<Record<keyof MlpJson, unknown>>;
  if (record.format !== 'physml-mlp') {
    throw new Error(`MLP checkpoint format must be "physml-mlp", got ${String(record.format)}`);
  }
  if (record.version !== 1)
    throw new Error(`MLP checkpoint version must be 1, got ${String(record.version)}`);
  assertActivation(record.activation, 'MLP checkpoint activation');
  assertActivation(record.outputActivation, 'MLP checkpoint outputActivation');
  const model = mlpArchitecture({
    sizes: record.sizes as number[],
    activation: record.activation,
    outputActivation: record.outputActivation,
    dtype: record.dtype as DType,
  });
  const values = record.parameters;
  if (!Array.isArray(values) || values.length !== model.parameterCount) {
    throw new Error(
      `MLP checkpoint parameters must be an array of ${model.parameterCount} numbers, got ${
        Array.isArray(values) ? `${values.length}` : String(values)
      }`,
    );
  }
  const parameters = new Float64Array(values.length);
  values.forEach((value, i) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new Error(`MLP checkpoint parameters[${i}] must be a finite number, got ${String(value)}`);
    }
    parameters[i] = value;
  });
  return { model, parameters };
}
