/** The spin-glass page's worker: serves the replica engine (see engine.ts). */
import { serveLiveEngine } from '../../workers/live-runner.js';
import { createSpinGlassEngine } from './engine.js';

serveLiveEngine(createSpinGlassEngine);
