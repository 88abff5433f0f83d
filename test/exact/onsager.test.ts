/** The infinite 2D lattice: elliptic integrals, Onsager's u(T) and c(T), Yang's m(T), T_c. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  arithmeticGeometricMean,
  CRITICAL_TEMPERATURE,
  completeEllipticE,
  completeEllipticK,
  completeEllipticKFromComplement,
  isingCriticalTemperature,
  kaufmanIsing,
  onsagerEnergyPerSpin,
  onsagerSpecificHeat,
  yangMagnetization,
} from '../../src/exact/index.js';

/** ∫₀^{π/2} f by composite Simpson with n (even) panels. */
function simpson(f: (x: number) => number, n: number): number {
  const h = Math.PI / 2 / n;
  let sum = f(0) + f(Math.PI / 2);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (sum * h) / 3;
}

function close(actual: number, expected: number, tolerance: number, label = ''): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${label} ${actual} vs ${expected} (|Δ| = ${Math.abs(actual - expected)})`,
  );
}

describe('complete elliptic integrals (modulus k)', () => {
  it('match quadrature of their definitions', () => {
    for (const k of [0, 0.1, 0.5, 0.9, 0.99]) {
      const first = simpson((t) => 1 / Math.sqrt(1 - k * k * Math.sin(t) ** 2), 4000);
      const second = simpson((t) => Math.sqrt(1 - k * k * Math.sin(t) ** 2), 4000);
      close(completeEllipticK(k), first, 1e-11, `K(${k})`);
      close(completeEllipticE(k), second, 1e-11, `E(${k})`);
    }
  });

  it('take the modulus, not the parameter m = k², and have the right limits', () => {
    close(completeEllipticK(0), Math.PI / 2, 1e-15);
    close(completeEllipticE(0), Math.PI / 2, 1e-15);
    close(completeEllipticK(Math.SQRT1_2), 1.8540746773013719, 1e-14); // K(m = 1/2)
    assert.equal(completeEllipticK(1), Infinity);
    assert.equal(completeEllipticE(1), 1);
    // Near k = 1, K ≈ ln(4/k'): the complement form stays accurate where 1 − k² cancels.
    close(completeEllipticKFromComplement(1e-12), Math.log(4e12), 1e-10);
    close(arithmeticGeometricMean(1, Math.SQRT2 / 2), 0.847213084793979, 1e-15);
    assert.throws(() => completeEllipticK(1.5), /modulus must be in \[0, 1\]/);
  });
});

describe('Onsager and Yang', () => {
  it('reproduce the reference values', () => {
    close(CRITICAL_TEMPERATURE, 2.269185314213022, 1e-15);
    close(isingCriticalTemperature(2), 2 * 2.269185314213022, 1e-14);
    close(onsagerEnergyPerSpin(2.0), -1.745564575, 1e-9);
    close(onsagerEnergyPerSpin(3.0), -0.8173095925, 1e-10);
    close(yangMagnetization(2.0), 0.9113193779, 1e-10);
    close(onsagerEnergyPerSpin(CRITICAL_TEMPERATURE), -Math.SQRT2, 1e-14);
  });

  it('u(T) is continuous through T_c, m(T) vanishes above it', () => {
    for (const epsilon of [1e-6, 1e-9]) {
      close(onsagerEnergyPerSpin(CRITICAL_TEMPERATURE * (1 - epsilon)), -Math.SQRT2, 1e-4);
      close(onsagerEnergyPerSpin(CRITICAL_TEMPERATURE * (1 + epsilon)), -Math.SQRT2, 1e-4);
    }
    assert.equal(yangMagnetization(CRITICAL_TEMPERATURE * 1.0001), 0);
    assert.equal(yangMagnetization(5), 0);
    assert.ok(yangMagnetization(CRITICAL_TEMPERATURE * 0.9999) > 0);
    close(yangMagnetization(0.5), 1, 1e-6);
  });

  it('c(T) is du/dT (central differences) and diverges at T_c', () => {
    for (const t of [1.0, 1.8, 2.2, 2.35, 3, 5]) {
      const h = 1e-4;
      const derivative = (onsagerEnergyPerSpin(t + h) - onsagerEnergyPerSpin(t - h)) / (2 * h);
      close(onsagerSpecificHeat(t), derivative, 1e-6, `c(${t})`);
    }
    assert.ok(onsagerSpecificHeat(CRITICAL_TEMPERATURE * (1 + 1e-8)) > 5);
  });

  it('the energy scales with J', () => {
    close(onsagerEnergyPerSpin(4, 2), 2 * onsagerEnergyPerSpin(2), 1e-14);
  });

  it('is the large-lattice limit of Kaufman (off T_c, finite-size effects are exponentially small)', () => {
    for (const t of [1.5, 2.0, 3.0]) {
      const finite = kaufmanIsing({ width: 128, temperature: t });
      close(finite.energyPerSpin, onsagerEnergyPerSpin(t), 1e-11, `u(${t})`);
      close(finite.specificHeat, onsagerSpecificHeat(t), 1e-9, `c(${t})`);
    }
  });
});
