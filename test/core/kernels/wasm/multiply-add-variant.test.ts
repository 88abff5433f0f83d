/**
 * The choice between the fused and separate multiply-add builds: parsing of the setting, and
 * the rule that the variant is fixed once a kernels module has compiled (so that every instance
 * in a process, threads included, runs the same build).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { relaxedSimdEnabled } from '../../../../src/cli/relaxed-simd.js';
import {
  kernelsBinary,
  parseMultiplyAddSetting,
  setWasmMultiplyAdd,
  wasmMultiplyAdd,
} from '../../../../src/core/kernels/wasm/multiply-add-variant.js';

describe('multiply-add variant', () => {
  it('parses auto, fused, separate (any case, blank means auto) and names the setting otherwise', () => {
    assert.equal(parseMultiplyAddSetting(undefined), 'auto');
    assert.equal(parseMultiplyAddSetting('  '), 'auto');
    assert.equal(parseMultiplyAddSetting('Fused'), 'fused');
    assert.equal(parseMultiplyAddSetting('separate'), 'separate');
    assert.throws(
      () => parseMultiplyAddSetting('fma'),
      /PHYSML_WASM_MULTIPLY_ADD must be one of auto, fused, separate \(or unset\), got 'fma'/,
    );
    assert.throws(() => setWasmMultiplyAdd('both' as 'auto'), /setWasmMultiplyAdd: setting must be one of/);
  });

  it('the relaxed-SIMD probe agrees with the fused build validating', () => {
    assert.equal(relaxedSimdEnabled(), WebAssembly.validate(kernelsBinary('fused')));
    assert.equal(WebAssembly.validate(kernelsBinary('separate')), true);
  });

  it('is fixed once in use: asking for the other build then throws, asking for the same one is fine', () => {
    const inUse = wasmMultiplyAdd();
    setWasmMultiplyAdd(inUse);
    setWasmMultiplyAdd('auto');
    const other = inUse === 'fused' ? 'separate' : 'fused';
    assert.throws(() => setWasmMultiplyAdd(other), /already compiled and in use/);
    assert.equal(wasmMultiplyAdd(), inUse);
  });
});
