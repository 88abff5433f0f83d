/**
 * Elementary functions that return the same bits in every JavaScript engine, for code whose
 * results must match between Node and the browser (seeded runs, golden numbers). ECMAScript
 * leaves `Math.exp`, `Math.sin`, `**` and the rest "implementation-approximated", and V8
 * versions do differ in the last bit; these are fdlibm 5.3 transcriptions (FreeBSD msun) that use
 * only `+ − × ÷`, `Math.sqrt` and exact bit manipulation, all correctly rounded or exact in
 * IEEE 754. Errors are below 1 ulp (about 1 ulp for pow and tanh).
 */
export { portableCosPi, portableExp, portableLog, portableSinPi } from '../random/elementary.js';
export { portableExpm1 } from './expm1.js';
export { portableHypot } from './hypot.js';
export { portableAcos, portableAtan } from './inverse-trigonometric.js';
export { portableLog1p } from './log1p.js';
export { portablePow } from './pow.js';
export { portableTanh } from './tanh.js';
export { portableCos, portableSin } from './trigonometric.js';
