/**
 * Multilayer perceptrons on the differentiable tensor core: parameters in one flat vector,
 * Xavier/He/mean-field initialisation, exact input derivatives of any order through autodiff,
 * Taylor-mode first and second input derivatives for PDE residuals, and JSON checkpoints.
 */
export {
  type ActivationDerivatives,
  type ActivationName,
  activate,
  activationDerivatives,
  activationNames,
} from './activation.js';
export {
  type LayerLayout,
  type LayerStandardDeviations,
  layerStandardDeviations,
  type MlpInitialization,
} from './initialization.js';
export { type MlpInputDerivatives, mlpInputDerivatives } from './input-derivatives.js';
export {
  type LayerViews,
  type Mlp,
  type MlpArchitecture,
  type MlpArchitectureOptions,
  type MlpOptions,
  type MlpParameters,
  mlp,
  mlpArchitecture,
} from './mlp.js';
export { type MlpJson, mlpFromJson, mlpToJson } from './serialization.js';
