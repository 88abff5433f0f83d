/**
 * Former home of the spin-glass argument checks, which now live in `core/validate.ts`. Kept only
 * as a re-export for `src/data/`, which still imports `describe` from here; new code imports
 * `core/validate.js` directly.
 */
export { describe } from '../../core/validate.js';
