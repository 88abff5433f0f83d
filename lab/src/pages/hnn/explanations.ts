/**
 * What the HNN page says when a number goes wrong: a training loss that stops being finite,
 * a rollout that leaves every finite range, and a rollout step too large for RK4 to measure
 * the models rather than itself.
 */
import type { Text } from '../../i18n.js';
import { formatValue } from '../../ui/controls.js';
import type { SystemName } from './engine.js';

/** RK4's stability limit on the imaginary axis: |hλ| ≤ 2√2. */
const RK4_LIMIT = 2 * Math.SQRT2;

/**
 * A note on the rollout step h against the true system's fastest small-oscillation frequency ω
 * (1 for the spring, √6 for the pendulum): null while h·ω ≤ 1.
 */
export function integratorText(
  system: SystemName,
  h: number,
): { kind: 'info' | 'warning'; text: Text } | null {
  const omega = system === 'spring' ? 1 : Math.sqrt(6);
  const product = h * omega;
  if (product <= 1) return null;
  const unstable = product > RK4_LIMIT;
  return {
    kind: unstable ? 'warning' : 'info',
    text: {
      en: `h·ω = ${formatValue(product)} (ω = ${formatValue(omega)}, the true system’s fastest frequency): ${unstable ? `beyond RK4’s stability limit ${formatValue(RK4_LIMIT)}, so even the true field would be integrated into a growing or collapsing orbit` : 'RK4’s own energy error is no longer small'}. The energy drifts you see are partly the integrator’s; lower h to measure the models alone.`,
      zh: `h·ω = ${formatValue(product)}（ω = ${formatValue(omega)}，真实系统的最快频率）：${unstable ? `超出 RK4 的稳定界 ${formatValue(RK4_LIMIT)}，即使真实向量场也会被积分成扩张或收缩的轨道` : 'RK4 自身的能量误差已不可忽略'}。此时看到的能量漂移部分来自积分器；减小 h 才能只衡量模型。`,
    },
  };
}

/** A rollout of `model` that left every finite range at time `at`. */
export function blowUpText(model: Text, at: number, h: number): Text {
  return {
    en: `The ${model.en}'s rollout left every finite range at t = ${formatValue(at)}, so its curves end there: RK4 is stable only while h·|λ| ≲ ${formatValue(RK4_LIMIT)} for the eigenvalues λ of the learned field's Jacobian, and h = ${h} breaks it. Lower the step h.`,
    zh: `${model.zh}的推演在 t = ${formatValue(at)} 时超出有限范围，曲线在此终止：RK4 仅在 h·|λ| ≲ ${formatValue(RK4_LIMIT)}（λ 为所学向量场雅可比矩阵的特征值）时稳定，h = ${h} 超出了这一界限。请减小步长 h。`,
  };
}

/** Training of `model` stopped because its loss stopped being finite. */
export function trainingDivergenceText(model: Text, reason: string, eta: number): Text {
  return {
    en: `The ${model.en}'s training diverged: ${reason}. The learning rate η = ${eta} is too large for this loss; lower it and start new networks.`,
    zh: `${model.zh}的训练发散：${reason}。学习率 η = ${eta} 对该损失过大；请降低它并重新建网。`,
  };
}
