/** The RBM page's worker: serves the training engine (see engine.ts). */
import { serveLiveEngine } from '../../workers/live-runner.js';
import { createRbmEngine } from './engine.js';

serveLiveEngine(createRbmEngine);
