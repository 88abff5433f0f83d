/**
 * Second-order Taylor arithmetic in one variable (internal): a `Jet` carries f, f′ and f″ at a
 * point, and every operation applies the chain rule, so a formula written once gives its first
 * and second derivatives exactly (to rounding). The exact results use it to get energies and
 * specific heats, magnetisations and susceptibilities as derivatives of log Z without finite
 * differences.
 */

/** A value with its first and second derivatives with respect to one variable. */
export interface Jet {
  readonly value: number;
  readonly first: number;
  readonly second: number;
}

/** The jet of a constant. */
export function constant(value: number): Jet {
  return { value, first: 0, second: 0 };
}

/** The jet of the variable itself at `value`. */
export function variable(value: number): Jet {
  return { value, first: 1, second: 0 };
}

/** f(a) from f(a₀), f′(a₀), f″(a₀): the chain rule to second order. */
export function compose(a: Jet, value: number, first: number, second: number): Jet {
  return { value, first: first * a.first, second: first * a.second + second * a.first * a.first };
}

/** a + b. */
export function add(a: Jet, b: Jet): Jet {
  return { value: a.value + b.value, first: a.first + b.first, second: a.second + b.second };
}

/** a − b. */
export function subtract(a: Jet, b: Jet): Jet {
  return { value: a.value - b.value, first: a.first - b.first, second: a.second - b.second };
}

/** a + c for a plain number c. */
export function shift(a: Jet, c: number): Jet {
  return { value: a.value + c, first: a.first, second: a.second };
}

/** c·a for a plain number c. */
export function scale(a: Jet, c: number): Jet {
  return { value: c * a.value, first: c * a.first, second: c * a.second };
}

/** a·b. */
export function multiply(a: Jet, b: Jet): Jet {
  return {
    value: a.value * b.value,
    first: a.first * b.value + a.value * b.first,
    second: a.second * b.value + 2 * a.first * b.first + a.value * b.second,
  };
}

/** 1/a. */
export function reciprocal(a: Jet): Jet {
  const x = a.value;
  return compose(a, 1 / x, -1 / (x * x), 2 / (x * x * x));
}

/** a/b. */
export function divide(a: Jet, b: Jet): Jet {
  return multiply(a, reciprocal(b));
}

/** exp(a). */
export function exp(a: Jet): Jet {
  const v = Math.exp(a.value);
  return compose(a, v, v, v);
}

/** ln a for a > 0. */
export function log(a: Jet): Jet {
  const x = a.value;
  return compose(a, Math.log(x), 1 / x, -1 / (x * x));
}

/** ln(1 + a) for a > −1, accurate for small a. */
export function log1p(a: Jet): Jet {
  const d = 1 / (1 + a.value);
  return compose(a, Math.log1p(a.value), d, -d * d);
}

/** exp(a) − 1, accurate for small a. */
export function expm1(a: Jet): Jet {
  const v = Math.exp(a.value);
  return compose(a, Math.expm1(a.value), v, v);
}

/** √a for a > 0. */
export function sqrt(a: Jet): Jet {
  const r = Math.sqrt(a.value);
  return compose(a, r, 0.5 / r, -0.25 / (r * a.value));
}

/** sinh a. */
export function sinh(a: Jet): Jet {
  const s = Math.sinh(a.value);
  const c = Math.cosh(a.value);
  return compose(a, s, c, s);
}

/** cosh a. */
export function cosh(a: Jet): Jet {
  const s = Math.sinh(a.value);
  const c = Math.cosh(a.value);
  return compose(a, c, s, c);
}

/** tanh a. */
export function tanh(a: Jet): Jet {
  const t = Math.tanh(a.value);
  const d = 1 - t * t;
  return compose(a, t, d, -2 * t * d);
}

/** acosh(a) for a > 1. */
export function acosh(a: Jet): Jet {
  const x = a.value;
  // √(x−1)·√(x+1) rather than √(x²−1): no overflow of x² for large x.
  const r = Math.sqrt(x - 1) * Math.sqrt(x + 1);
  return compose(a, Math.acosh(x), 1 / r, -x / (r * r * r));
}

/** aⁿ for an integer n ≥ 2 (any sign of a). */
export function powerInteger(a: Jet, n: number): Jet {
  const x = a.value;
  const p2 = x ** (n - 2);
  return compose(a, p2 * x * x, n * p2 * x, n * (n - 1) * p2);
}

/** ln(2 cosh a), without overflow for large |a|; derivatives tanh a and sech² a. */
export function logTwoCosh(a: Jet): Jet {
  const x = Math.abs(a.value);
  const t = Math.tanh(a.value);
  return compose(a, x + Math.log1p(Math.exp(-2 * x)), t, 1 - t * t);
}

/** ln(2 sinh a) for a > 0, without overflow; derivatives coth a and −1/sinh² a. */
export function logTwoSinh(a: Jet): Jet {
  const x = a.value;
  const value = x > 1 ? x + Math.log1p(-Math.exp(-2 * x)) : Math.log(2 * Math.sinh(x));
  const coth = 1 / Math.tanh(x);
  return compose(a, value, coth, 1 - coth * coth);
}
