/**
 * The lab's pages and the seed essays they illustrate. Pages are loaded on demand (each is its
 * own chunk), so the home page stays small. A page whose mechanism the library does not have
 * yet is listed with what it will show, and says so plainly: no placeholder physics.
 */
import type { Text } from './i18n.js';
import type { PageModule } from './page.js';

/** A seed essay (in `shared/seeds/`, written in Chinese): its theme in both languages. */
export interface Essay {
  id: string;
  title: Text;
}

/** The five seed essays. */
export const ESSAYS: readonly Essay[] = [
  {
    id: '000',
    title: {
      en: 'Machine learning and physics: a shared language (optimization as a physical process)',
      zh: '机器学习与物理学：共同的语言（作为物理过程的优化）',
    },
  },
  {
    id: '001',
    title: {
      en: 'The physics of deep learning: landscapes, glasses, kicks and physical laws',
      zh: '深度学习的物理学：能量景观、玻璃态、"踢球"与物理定律',
    },
  },
  {
    id: '002',
    title: {
      en: 'Statistical mechanics and machine learning: energy, the Boltzmann distribution, sampling',
      zh: '统计力学与机器学习：能量、玻尔兹曼分布与采样',
    },
  },
  {
    id: '003',
    title: {
      en: "Backpropagation through a physicist's eyes: dynamics, signal propagation, geometry",
      zh: '物理学家眼中的反向传播：动力学、信号传播与景观几何',
    },
  },
  {
    id: '004',
    title: {
      en: 'Physics and deep learning: the 2024 Nobel prizes (Hopfield networks, Boltzmann machines)',
      zh: '物理与深度学习：解析 2024 年诺贝尔奖（Hopfield 网络、玻尔兹曼机）',
    },
  },
];

/** Whether a page runs, is planned on existing library code, or waits for the library. */
export type PageStatus = 'ready' | 'coming' | 'not-in-library';

/** One page of the lab. */
export interface PageEntry {
  /** The route, `#/<id>`. */
  id: string;
  title: Text;
  summary: Text;
  /** Ids of the essays it illustrates. */
  essays: readonly string[];
  status: PageStatus;
  /** Loads the page's module (ready pages only). */
  load?: () => Promise<PageModule>;
}

/** Every page, in the order of the home page. */
export const PAGES: readonly PageEntry[] = [
  {
    id: 'landscape',
    title: { en: 'Landscapes and dynamics', zh: '能量景观与动力学' },
    summary: {
      en: 'A ball on a loss surface: gradient descent, heavy ball, Nesterov, Adam, Langevin and HMC; the stability bound 2/λmax; divergence explained.',
      zh: '损失曲面上的小球：梯度下降、重球、Nesterov、Adam、朗之万与 HMC；稳定性界 2/λmax；发散时给出解释。',
    },
    essays: ['000', '001', '003'],
    status: 'ready',
    load: () => import('./pages/landscape/page.js'),
  },
  {
    id: 'ising',
    title: { en: 'Ising model', zh: '伊辛模型' },
    summary: {
      en: 'A live lattice across T_c with Metropolis, heat-bath or Wolff updates, against Onsager and Yang; seeded runs identical to the CLI.',
      zh: '跨越临界温度的实时晶格（Metropolis、热浴、Wolff），与 Onsager、杨振宁的精确解对照；带种子的运行与命令行结果完全一致。',
    },
    essays: ['002', '004'],
    status: 'ready',
    load: () => import('./pages/ising/page.js'),
  },
  {
    id: 'hopfield',
    title: { en: 'Hopfield memory', zh: 'Hopfield 联想记忆' },
    summary: {
      en: 'Store patterns or digits, corrupt them with a brush, and watch the energy fall as the memory is recalled.',
      zh: '存入随机图样或手写数字，用画笔破坏它们，看着能量下降、记忆被唤回。',
    },
    essays: ['004', '002'],
    status: 'ready',
    load: () => import('./pages/hopfield/page.js'),
  },
  {
    id: 'annealing',
    title: { en: 'Double-well annealing', zh: '双势阱退火' },
    summary: {
      en: 'Langevin dynamics on (x²−1)² at constant and cyclic temperature: hops between the wells, x(t) and its histogram.',
      zh: '在 (x²−1)² 上以恒定与周期温度运行朗之万动力学：势阱间的跃迁、x(t) 与直方图。',
    },
    essays: ['001', '002'],
    status: 'ready',
    load: () => import('./pages/annealing/page.js'),
  },
  {
    id: 'spin-glass',
    title: { en: 'Spin glass: P(q) while cooling', zh: '自旋玻璃：降温中的 P(q)' },
    summary: {
      en: 'Sherrington–Kirkpatrick replicas cooled across T_c = 1: the overlap distribution P(q) leaves q = 0, against the exact P(q) by enumeration for small N.',
      zh: 'Sherrington–Kirkpatrick 模型的副本降温穿过 T_c = 1：重叠分布 P(q) 离开 q = 0；小 N 时与穷举得到的精确 P(q) 对照。',
    },
    essays: ['001'],
    status: 'ready',
    load: () => import('./pages/spin-glass/page.js'),
  },
  {
    id: 'rbm',
    title: { en: 'RBM dreaming on digits', zh: '受限玻尔兹曼机"做梦"' },
    summary: {
      en: 'A restricted Boltzmann machine learns the digits, bars and stripes or your own CSV patterns: its filters, fantasy particles and dreams while it trains, with the exact log-likelihood for small layers.',
      zh: '受限玻尔兹曼机学习手写数字、条纹图样或您自己的 CSV 图样：训练中的滤波器、幻想粒子与“梦”，小网络时给出精确对数似然。',
    },
    essays: ['002', '004'],
    status: 'ready',
    load: () => import('./pages/rbm/page.js'),
  },
  {
    id: 'pinn',
    title: { en: 'Physics-informed network: heat equation', zh: '物理信息神经网络：热方程' },
    summary: {
      en: 'Prediction, exact solution and error while a PINN learns the heat equation (Adam → L-BFGS), with the conductivity, the points and the switch changeable as it trains.',
      zh: 'PINN 学习热方程时的预测、精确解与误差（Adam → L-BFGS）；训练中可改变热导率、配点与切换时机。',
    },
    essays: ['000', '001'],
    status: 'ready',
    load: () => import('./pages/pinn/page.js'),
  },
  {
    id: 'hnn',
    title: { en: 'Hamiltonian neural network', zh: '哈密顿神经网络' },
    summary: {
      en: 'Phase portraits and energy drift of a learned H(q, p) against a plain MLP, both trained live on the same noisy pendulum or spring.',
      zh: '学习得到的 H(q, p) 与普通 MLP 的相图和能量漂移对比，两者在同一组带噪的单摆或弹簧数据上实时训练。',
    },
    essays: ['000'],
    status: 'ready',
    load: () => import('./pages/hnn/page.js'),
  },
  {
    id: 'signal-propagation',
    title: { en: 'Signal propagation across depth', zh: '信号在深度方向的传播' },
    summary: {
      en: 'Activation variance and gradient norms layer by layer: order, chaos and the edge between them.',
      zh: '逐层的激活方差与梯度范数：有序、混沌及其边界。',
    },
    essays: ['003'],
    status: 'not-in-library',
  },
  {
    id: 'hessian',
    title: { en: 'Hessian spectrum', zh: 'Hessian 谱' },
    summary: {
      en: 'Top eigenvalues and spectral density of a trained network’s Hessian, and the link to step sizes.',
      zh: '训练后网络 Hessian 的最大特征值与谱密度，以及它与步长的关系。',
    },
    essays: ['003'],
    status: 'not-in-library',
  },
  {
    id: 'uncertainty',
    title: { en: 'Uncertainty and active learning', zh: '不确定性与主动学习' },
    summary: {
      en: 'Aleatoric and epistemic bands; click to add data where the model is least sure.',
      zh: '偶然与认知不确定性带；在模型最不确定处点击添加数据。',
    },
    essays: ['001'],
    status: 'not-in-library',
  },
  {
    id: 'quantum',
    title: { en: 'Neural quantum states', zh: '神经网络量子态' },
    summary: {
      en: 'Variational energy of an RBM wave function against exact diagonalization.',
      zh: 'RBM 波函数的变分能量与精确对角化结果对比。',
    },
    essays: ['004'],
    status: 'not-in-library',
  },
];

/** The page with this id, if any. */
export function findPage(id: string): PageEntry | undefined {
  return PAGES.find((page) => page.id === id);
}
