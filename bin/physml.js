#!/usr/bin/env node
// The CLI entry: the compiled CLI lives in dist/ (built by `npm ci` through `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`physml: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
