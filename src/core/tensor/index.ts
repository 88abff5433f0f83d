/** Tensors: dense typed arrays with shapes, and every differentiable op on them. */
export * from '../ops/index.js';
export { broadcastShapes, formatShape, type Shape, shapeSize } from './shape.js';
export {
  arange,
  type DType,
  delta,
  eye,
  type FloatArray,
  fromData,
  full,
  item,
  linspace,
  ones,
  onesLike,
  scalar,
  Tensor,
  type TensorOptions,
  tensor,
  toArray,
  toNested,
  zeros,
  zerosLike,
} from './tensor.js';
