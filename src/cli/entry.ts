/**
 * The CLI entry for running from source, `node --import tsx src/cli/entry.ts ...`; it mirrors
 * bin/physml.js, which runs the compiled dist/cli/main.js.
 */
import { main } from './main.js';

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`physml: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
