/**
 * The formulas of the dynamics page: each method's update rule in TeX, and its step-size
 * stability bound at a curvature λ (from `src/optim/stability.ts`; for HMC, the leapfrog's
 * ε < 2/√λ), with the notice that compares the current step size with it.
 */
import {
  gradientDescentStability,
  heavyBallStability,
  nesterovStability,
} from '../../../../src/optim/stability.js';
import { t } from '../../i18n.js';
import { formatValue, type SliderMark } from '../../ui/controls.js';
import type { NoticeKind } from '../../ui/frame.js';
import type { MethodName } from './dynamics.js';
import type { Surface } from './surfaces.js';

/** The update rule of each method, in TeX. */
export const EQUATIONS: Record<MethodName, string> = {
  gd: String.raw`\theta_{k+1} = \theta_k - \eta\,\nabla U(\theta_k),\qquad \eta < 2/\lambda_{\max}`,
  'heavy-ball': String.raw`\theta_{k+1} = \theta_k - \eta\,\nabla U(\theta_k) + \beta\,(\theta_k - \theta_{k-1})\;\leftrightarrow\; m\ddot\theta + \gamma\dot\theta + \nabla U = 0`,
  nesterov: String.raw`v_{k+1} = \beta v_k - \eta\nabla U(\theta_k + \beta v_k),\quad \theta_{k+1} = \theta_k + v_{k+1}`,
  adam: String.raw`m \leftarrow \beta_1 m + (1-\beta_1) g,\; v \leftarrow \beta_2 v + (1-\beta_2) g^2,\; \theta \leftarrow \theta - \eta\,\hat m/(\sqrt{\hat v}+\epsilon)`,
  langevin: String.raw`\theta_{k+1} = \theta_k - \eta\,\nabla U(\theta_k) + \sqrt{2\eta T}\,\xi_k \;\to\; p(\theta) \propto e^{-U(\theta)/T}`,
  hmc: String.raw`H(\theta, p) = U(\theta) + \tfrac12|p|^2,\quad (\theta, p) \xrightarrow{L\times\varepsilon} (\theta', p'),\quad P_{\mathrm{acc}} = \min(1, e^{-\Delta H/T})`,
};

/** The stability bound on the step size of `method` at curvature λ, when there is a simple one. */
export function stabilityMark(method: MethodName, curvature: number, beta: number): SliderMark | undefined {
  switch (method) {
    case 'gd':
    case 'langevin': {
      const condition = gradientDescentStability(0, curvature);
      return { value: condition.bound, label: `2/λmax = ${formatValue(condition.bound)}`, tone: 'danger' };
    }
    case 'heavy-ball': {
      const condition = heavyBallStability(0, beta, curvature);
      return {
        value: condition.bound,
        label: `2(1+β)/λmax = ${formatValue(condition.bound)}`,
        tone: 'danger',
      };
    }
    case 'nesterov': {
      const condition = nesterovStability(0, beta, curvature);
      return {
        value: condition.bound,
        label: `2(1+β)/((1+2β)λmax) = ${formatValue(condition.bound)}`,
        tone: 'danger',
      };
    }
    case 'hmc': {
      // Leapfrog on curvature λ (unit mass) is stable iff ε√λ < 2.
      const bound = 2 / Math.sqrt(curvature);
      return { value: bound, label: `2/√λmax = ${formatValue(bound)}`, tone: 'danger' };
    }
    default:
      return undefined;
  }
}

/** The notice comparing the step size with the stability bound of `method` on `surface`. */
export function stabilityNotice(
  surface: Surface,
  method: MethodName,
  stepSize: number,
  momentum: number,
): { kind: NoticeKind; text: string } {
  const mark = stabilityMark(method, surface.largestCurvature, momentum);
  if (mark === undefined) {
    return {
      kind: 'info',
      text: t({
        en: 'Adam rescales each step by its gradient history: no fixed step-size bound applies.',
        zh: 'Adam 按梯度历史缩放每一步：没有固定的步长界。',
      }),
    };
  }
  const where = surface.curvatureIsGlobal
    ? t({ en: 'everywhere on this quadratic', zh: '在此二次型上处处成立' })
    : t({ en: 'at the stiffest minimum', zh: '在最陡的极小点处' });
  const unstable = stepSize >= mark.value;
  return {
    kind: unstable ? 'warning' : 'info',
    text: `${t({ en: 'Stability bound', zh: '稳定性界' })} (${where}): ${mark.label}; η = ${formatValue(stepSize)} ${
      unstable
        ? t({ en: '≥ bound: expect divergence', zh: '≥ 界：预计发散' })
        : t({ en: '< bound', zh: '< 界' })
    }.`,
  };
}
