/**
 * The NUTS trajectory: a binary tree of integrator steps built by repeated doubling, with
 * multinomial sampling of a point from it and the generalized No-U-Turn criterion (Hoffman &
 * Gelman 2014; Betancourt 2017, "A Conceptual Introduction to Hamiltonian Monte Carlo", §A.4).
 * This file builds one subtree of 2^depth steps, recursively, exactly as Stan's `build_tree`:
 *
 * - each leaf is one integrator step (backwards in time for direction −1) with weight
 *   exp(−(H − H₀)/T), and adds min(1, exp(−(H − H₀)/T)) to the acceptance statistic;
 * - a subtree's proposal is drawn uniformly in proportion to the weights (merging two halves,
 *   the second half's proposal replaces the first with probability w_final/(w_init + w_final));
 * - a subtree is rejected whole (NaN weight) if a leaf diverged or if the U-turn criterion
 *   p♯₋·ρ > 0 and p♯₊·ρ > 0 fails across it, or across either half extended by the
 *   neighbouring point of the other half (the extra checks of Stan's current `base_nuts`,
 *   which catch U-turns that fall between the two halves).
 *
 * ρ is the sum of the momenta over the subtree and p♯ = M⁻¹p the velocity at its ends. All
 * buffers live in per-depth workspaces allocated once, so building a tree allocates nothing.
 */
import { portableExp, portableLog, type RandomStream } from '../../core/random/index.js';
import type { Integrator, PhaseSpaceState } from '../../integrators/integrator.js';

/** A point a (sub)tree proposes as the next state: position, U, ∇U and the Hamiltonian. */
export interface TreeProposal {
  readonly position: Float64Array;
  readonly gradient: Float64Array;
  potentialEnergy: number;
  /** H = U + ½pᵀM⁻¹p at the point. */
  hamiltonian: number;
}

/** A proposal with zeroed buffers for an n-dimensional target. */
export function createProposal(dimension: number): TreeProposal {
  return {
    position: new Float64Array(dimension),
    gradient: new Float64Array(dimension),
    potentialEnergy: 0,
    hamiltonian: 0,
  };
}

/** Copies `source` into `target` without allocating. */
export function copyProposal(target: TreeProposal, source: TreeProposal): void {
  target.position.set(source.position);
  target.gradient.set(source.gradient);
  target.potentialEnergy = source.potentialEnergy;
  target.hamiltonian = source.hamiltonian;
}

/**
 * log(eᵃ + eᵇ) without overflow; −∞ when both are −∞. Built on the portable exp and log so
 * that tree sampling decisions are bit-identical across engines.
 */
export function logAddExp(a: number, b: number): number {
  const high = Math.max(a, b);
  if (high === Number.NEGATIVE_INFINITY) return high;
  return high + portableLog(1 + portableExp(-Math.abs(a - b)));
}

/**
 * The generalized No-U-Turn criterion (Betancourt 2017) with ρ = ρ_a + ρ_b: true while the
 * trajectory still expands at both ends, p♯₋·ρ > 0 and p♯₊·ρ > 0. Passing ρ as two parts
 * lets Stan's "extended" checks (a subtree's ρ plus one neighbouring momentum) run without a
 * scratch buffer.
 */
export function noUTurn(
  velocityMinus: Float64Array,
  velocityPlus: Float64Array,
  rhoA: Float64Array,
  rhoB: Float64Array,
): boolean {
  let plus = 0;
  let minus = 0;
  for (let i = 0; i < rhoA.length; i++) {
    const rho = rhoA[i] + rhoB[i];
    plus += velocityPlus[i] * rho;
    minus += velocityMinus[i] * rho;
  }
  return plus > 0 && minus > 0;
}

/** Buffers of one recursion level (a subtree of depth ≥ 1 splits into init and final halves). */
interface Level {
  readonly momentumInitEnd: Float64Array;
  readonly velocityInitEnd: Float64Array;
  readonly rhoInit: Float64Array;
  readonly momentumFinalBegin: Float64Array;
  readonly velocityFinalBegin: Float64Array;
  readonly rhoFinal: Float64Array;
  readonly proposalFinal: TreeProposal;
}

/** The fixed parameters of a tree builder. */
export interface TreeBuilderOptions {
  readonly integrator: Integrator;
  readonly inverseMassDiagonal: Float64Array;
  readonly stepSize: number;
  /** Trajectories whose energy error exceeds this (in units of T) diverge. */
  readonly divergenceThreshold: number;
  readonly temperature: number;
}

/**
 * Builds NUTS subtrees and keeps the per-transition tallies (steps, summed acceptance
 * statistic, divergence). Call `begin(H₀)` at the start of each transition.
 */
export class TreeBuilder {
  readonly #options: TreeBuilderOptions;
  readonly #dimension: number;
  readonly #inverseTemperature: number;
  readonly #levels: Level[] = [];
  #initialHamiltonian = 0;
  /** Integrator steps taken in this transition. */
  numSteps = 0;
  /** Σ min(1, exp(−(H − H₀)/T)) over every leaf built, valid or not. */
  sumAcceptance = 0;
  /** Whether a leaf of this transition diverged. */
  divergent = false;

  constructor(options: TreeBuilderOptions, dimension: number) {
    this.#options = options;
    this.#dimension = dimension;
    this.#inverseTemperature = 1 / options.temperature;
  }

  /** Starts a transition whose initial point has Hamiltonian `initialHamiltonian`. */
  begin(initialHamiltonian: number): void {
    this.#initialHamiltonian = initialHamiltonian;
    this.numSteps = 0;
    this.sumAcceptance = 0;
    this.divergent = false;
  }

  /** The workspace of recursion level `depth`, allocated on first use. */
  #level(depth: number): Level {
    let level = this.#levels[depth];
    if (level === undefined) {
      const n = this.#dimension;
      level = {
        momentumInitEnd: new Float64Array(n),
        velocityInitEnd: new Float64Array(n),
        rhoInit: new Float64Array(n),
        momentumFinalBegin: new Float64Array(n),
        velocityFinalBegin: new Float64Array(n),
        rhoFinal: new Float64Array(n),
        proposalFinal: createProposal(n),
      };
      this.#levels[depth] = level;
    }
    return level;
  }

  /** One leaf: an integrator step from `z` in `direction`; returns its log weight or NaN. */
  #leaf(
    z: PhaseSpaceState,
    proposal: TreeProposal,
    velocityBegin: Float64Array,
    velocityEnd: Float64Array,
    rho: Float64Array,
    momentumBegin: Float64Array,
    momentumEnd: Float64Array,
    direction: 1 | -1,
  ): number {
    const { integrator, inverseMassDiagonal, stepSize, divergenceThreshold } = this.#options;
    const momentum = z.momentum;
    if (direction === 1) {
      integrator.step(z, stepSize);
    } else {
      // Backwards in time = flip p, step forwards, flip back (exact for reversible integrators,
      // and independent of whether an integrator accepts negative steps).
      for (let i = 0; i < momentum.length; i++) momentum[i] = -momentum[i];
      integrator.step(z, stepSize);
      for (let i = 0; i < momentum.length; i++) momentum[i] = -momentum[i];
    }
    this.numSteps++;
    // One pass over the coordinates: kinetic energy, velocity, ρ and the end momenta.
    let twiceKinetic = 0;
    for (let i = 0; i < momentum.length; i++) {
      const p = momentum[i];
      const inverseMass = inverseMassDiagonal[i];
      twiceKinetic += p * p * inverseMass;
      const v = inverseMass * p;
      velocityBegin[i] = v;
      velocityEnd[i] = v;
      rho[i] += p;
      momentumBegin[i] = p;
      momentumEnd[i] = p;
    }
    let hamiltonian = z.potentialEnergy + 0.5 * twiceKinetic;
    if (Number.isNaN(hamiltonian)) hamiltonian = Number.POSITIVE_INFINITY;
    const error = (hamiltonian - this.#initialHamiltonian) * this.#inverseTemperature;
    if (!(error <= divergenceThreshold)) this.divergent = true;
    this.sumAcceptance += error <= 0 ? 1 : error === Number.POSITIVE_INFINITY ? 0 : portableExp(-error);
    proposal.position.set(z.position);
    proposal.gradient.set(z.gradient);
    proposal.potentialEnergy = z.potentialEnergy;
    proposal.hamiltonian = hamiltonian;
    return this.divergent ? Number.NaN : -error;
  }

  /**
   * Extends the trajectory from `z` (advanced in place) by a subtree of 2^depth steps in
   * `direction`. Writes the subtree's multinomial proposal, the velocities and momenta at its
   * beginning (next to the existing trajectory) and end, and adds its momenta to `rho`.
   *
   * @returns the log of the subtree's summed weights Σ exp(−(H − H₀)/T), or NaN when the
   *   subtree is invalid (a divergence or a U-turn inside it); an invalid subtree's outputs
   *   are garbage and must be discarded.
   */
  build(
    depth: number,
    z: PhaseSpaceState,
    proposal: TreeProposal,
    velocityBegin: Float64Array,
    velocityEnd: Float64Array,
    rho: Float64Array,
    momentumBegin: Float64Array,
    momentumEnd: Float64Array,
    direction: 1 | -1,
    stream: RandomStream,
  ): number {
    if (depth === 0) {
      return this.#leaf(z, proposal, velocityBegin, velocityEnd, rho, momentumBegin, momentumEnd, direction);
    }
    const level = this.#level(depth);
    level.rhoInit.fill(0);
    const weightInit = this.build(
      depth - 1,
      z,
      proposal,
      velocityBegin,
      level.velocityInitEnd,
      level.rhoInit,
      momentumBegin,
      level.momentumInitEnd,
      direction,
      stream,
    );
    if (Number.isNaN(weightInit)) return Number.NaN;
    level.rhoFinal.fill(0);
    const weightFinal = this.build(
      depth - 1,
      z,
      level.proposalFinal,
      level.velocityFinalBegin,
      velocityEnd,
      level.rhoFinal,
      level.momentumFinalBegin,
      momentumEnd,
      direction,
      stream,
    );
    if (Number.isNaN(weightFinal)) return Number.NaN;
    // Uniform multinomial sampling inside the subtree: the final half's proposal wins with
    // probability w_final / (w_init + w_final).
    const weight = logAddExp(weightInit, weightFinal);
    if (weightFinal > weight || stream.nextUniform() < portableExp(weightFinal - weight)) {
      copyProposal(proposal, level.proposalFinal);
    }
    const { rhoInit, rhoFinal } = level;
    for (let i = 0; i < rho.length; i++) rho[i] += rhoInit[i] + rhoFinal[i];
    const valid =
      noUTurn(velocityBegin, velocityEnd, rhoInit, rhoFinal) &&
      noUTurn(velocityBegin, level.velocityFinalBegin, rhoInit, level.momentumFinalBegin) &&
      noUTurn(level.velocityInitEnd, velocityEnd, rhoFinal, level.momentumInitEnd);
    return valid ? weight : Number.NaN;
  }
}
