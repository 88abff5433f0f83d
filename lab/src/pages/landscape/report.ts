/**
 * What the dynamics page reports about a run: the energy gap U − U_min along the run (log
 * axis), the read-outs (step, U, |∇U|, position, local λmax, HMC acceptance), and the notices
 * that explain the run's state (converged, HMC divergent trajectories, divergence).
 */
import { largestCurvature } from '../../../../src/optim/curvature.js';
import { t } from '../../i18n.js';
import { LineChart } from '../../ui/chart.js';
import { PALETTE } from '../../ui/colors.js';
import { formatValue, readout } from '../../ui/controls.js';
import type { Frame } from '../../ui/frame.js';
import { GRADIENT_TOLERANCE, type MethodName, type Walker } from './dynamics.js';
import type { Surface } from './surfaces.js';

/** Most points drawn on the energy chart (the path is thinned evenly beyond). */
const CHART_POINTS = 1500;

type AnyFrame = Pick<Frame<never>, 'figures' | 'readouts' | 'notice'>;

/** The chart, read-outs and notices of a run. */
export class RunReport {
  readonly chart: LineChart;
  private readonly read;

  constructor(private readonly frame: AnyFrame) {
    this.chart = new LineChart(frame.figures, {
      name: 'energy',
      title: { en: 'Energy above the minimum along the run', zh: '运行过程中高于最小值的能量' },
      xLabel: { en: 'step', zh: '步数' },
      yLabel: { en: 'U − U_min', zh: 'U − U_min' },
      series: [{ label: 'U − U_min', color: PALETTE.blue }],
      logY: true,
      height: 260,
    });
    this.read = {
      step: readout('step', { en: 'step', zh: '步数' }),
      energy: readout('energy', { en: 'U', zh: 'U' }),
      gradient: readout('gradient', { en: '|∇U|', zh: '|∇U|' }),
      position: readout('position', { en: '(x, y)', zh: '(x, y)' }),
      curvature: readout('curvature', { en: 'local λmax', zh: '局部 λmax' }),
      acceptance: readout('acceptance', { en: 'acceptance', zh: '接受率' }),
    };
    frame.readouts.append(...Object.values(this.read).map((entry) => entry.element));
  }

  /** Redraws the chart and the read-outs, and updates the notices, for `walker`. */
  update(walker: Walker, surface: Surface, method: MethodName): void {
    const { read, frame } = this;
    const path = walker.path;
    const count = path.step.length;
    const stride = Math.max(1, Math.ceil(count / CHART_POINTS));
    const steps: number[] = [];
    const gaps: number[] = [];
    for (let i = 0; i < count; i += stride) {
      steps.push(path.step[i]);
      gaps.push(path.energy[i] - surface.minimum);
    }
    if ((count - 1) % stride !== 0) {
      steps.push(path.step[count - 1]);
      gaps.push(path.energy[count - 1] - surface.minimum);
    }
    this.chart.setData(steps, [gaps]);
    const current = walker.current;
    read.step.set(walker.step);
    read.energy.set(current.energy);
    read.gradient.set(Math.hypot(current.gradient[0], current.gradient[1]));
    read.position.set(`(${formatValue(current.position[0])}, ${formatValue(current.position[1])})`);
    try {
      read.curvature.set(largestCurvature(surface.energy, current.position).value);
    } catch {
      read.curvature.set('—');
    }
    read.acceptance.set(method === 'hmc' && walker.step > 0 ? walker.accepted / walker.step : '—');
    frame.notice(
      'hmc-divergent',
      'warning',
      method === 'hmc' && walker.divergentTrajectories > 0
        ? `${walker.divergentTrajectories} ${t({
            en: 'divergent leapfrog trajectories (energy error above 1000·T), all rejected: the step ε is too large for the curvature (leapfrog needs ε < 2/√λmax).',
            zh: '条蛙跳轨迹发散（能量误差超过 1000·T），均被拒绝：相对曲率而言步长 ε 过大（蛙跳需要 ε < 2/√λmax）。',
          })}`
        : null,
    );
    frame.notice(
      'converged',
      'info',
      walker.converged
        ? t({
            en: `Converged at step ${walker.step}: |∇U| ≤ ${GRADIENT_TOLERANCE}, the ball is at rest in a minimum.`,
            zh: `在第 ${walker.step} 步收敛：|∇U| ≤ ${GRADIENT_TOLERANCE}，小球静止在极小点。`,
          })
        : null,
    );
    if (walker.divergence) {
      frame.notice(
        'divergence',
        'error',
        `${t({ en: 'Divergence — ', zh: '发散 — ' })}${walker.divergence.message}`,
      );
      this.chart.explain(
        t({
          en: `Diverged at step ${walker.divergence.step}: the energy is no longer finite or bounded, so the curve stops there (see the explanation above).`,
          zh: `在第 ${walker.divergence.step} 步发散：能量不再有限或有界，曲线在此终止（见上方说明）。`,
        }),
      );
    }
  }
}
