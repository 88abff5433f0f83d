/** The HNN page's workers (one per model): serve the training engine (see engine.ts). */
import { serveLiveEngine } from '../../workers/live-runner.js';
import { createHnnEngine } from './engine.js';

serveLiveEngine(createHnnEngine);
