#!/usr/bin/env node
// The CLI entry: the compiled CLI lives in dist/ (built by `npm ci` through `prepare`).
// Relaxed SIMD goes on first (Node 20 keeps it behind a flag), before any kernels module
// compiles, so the kernels run their fused multiply-add build.
import { enableRelaxedSimd } from '../dist/cli/relaxed-simd.js';

enableRelaxedSimd();
const { main } = await import('../dist/cli/main.js');

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`physml: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
