/** The PINN page's worker: serves the training engine (see engine.ts). */
import { serveLiveEngine } from '../../workers/live-runner.js';
import { createPinnEngine } from './engine.js';

serveLiveEngine(createPinnEngine);
