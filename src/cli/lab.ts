/**
 * `physml lab`: builds the web lab (Vite, from `lab/`) when its build is missing or older than
 * its sources, and serves `lab/dist/` on 127.0.0.1 only, with a small static file server
 * (Node's `http`, nothing else), until Ctrl-C or SIGTERM.
 *
 * stdout carries the URL alone (one line, for scripts); the messages go to stderr. The server
 * answers only GET and HEAD for files inside the build folder, only for the Host names of the
 * loopback address (a page elsewhere cannot reach it by DNS rebinding), and forbids any
 * request to another origin through its Content-Security-Policy, so the lab works offline.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, extname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Command } from 'commander';
import { InputError } from '../experiments/framework/errors.js';
import type { CliIo } from './io.js';

/** The port `physml lab` listens on unless told otherwise. */
export const DEFAULT_LAB_PORT = 5178;
/** The only address the lab listens on. */
export const LAB_HOST = '127.0.0.1';

/** Where the lab's sources and build live, inside the physml repository. */
export interface LabPaths {
  /** The repository root (holds `lab/` and `src/`). */
  repository: string;
  /** `lab/`: index.html, vite.config.ts, src/. */
  source: string;
  /** `lab/dist/`: the built app that is served. */
  output: string;
}

/** The lab's folders, found from this module's own location (src/cli or dist/cli). */
export function labPaths(repository = fileURLToPath(new URL('../..', import.meta.url))): LabPaths {
  const source = join(repository, 'lab');
  return { repository, source, output: join(source, 'dist') };
}

function newestModification(path: string, skip: ReadonlySet<string> = new Set()): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) {
    const child = join(path, entry);
    if (!skip.has(child)) newest = Math.max(newest, newestModification(child, skip));
  }
  return newest;
}

/**
 * `'missing'` when there is no build, `'stale'` when a source (the lab's own files, or the
 * library under `src/`, which the lab bundles) is newer than it, `'fresh'` otherwise.
 */
export function labBuildStatus(paths: LabPaths = labPaths()): 'missing' | 'stale' | 'fresh' {
  const built = join(paths.output, 'index.html');
  if (!existsSync(built)) return 'missing';
  const skip = new Set([paths.output, join(paths.source, 'node_modules')]);
  const sources = Math.max(
    newestModification(paths.source, skip),
    newestModification(join(paths.repository, 'src')),
  );
  return sources > statSync(built).mtimeMs ? 'stale' : 'fresh';
}

/**
 * Builds the lab with Vite in a child process (so that no bundler state outlives the build),
 * its output going to `log`. Throws when Vite is not installed or the build fails.
 */
export async function buildLab(paths: LabPaths, log: (text: string) => void): Promise<void> {
  if (!existsSync(join(paths.source, 'index.html'))) {
    throw new InputError(
      `the lab's sources are not in this installation (${paths.source}): the lab is built from the physml repository`,
    );
  }
  let viteBin: string;
  try {
    const require = createRequire(join(paths.repository, 'package.json'));
    viteBin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    throw new InputError(
      'building the lab needs vite, a development dependency of physml: run `npm install` in the ' +
        `repository (${paths.repository}), or serve an existing build with --no-build`,
    );
  }
  const started = Date.now();
  log(`physml: building the lab (vite build ${relative(process.cwd(), paths.source) || '.'})\n`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [viteBin, 'build', paths.source, '--logLevel', 'warn'], {
      cwd: paths.repository,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => log(chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`the lab build failed (vite exited with ${signal ?? `code ${code}`})`));
    });
  });
  log(`physml: lab built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Same-origin only: scripts, workers, styles, fonts and images from this server (and data/blob URLs). */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A running lab server. */
export interface LabServer {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly port: number;
  /** Stops accepting connections, ends the open ones and resolves when the server is closed. */
  close(): Promise<void>;
}

/** Options of {@link startLabServer}. */
export interface LabServerOptions {
  /** The folder to serve (the lab build). */
  directory: string;
  /** Port in [0, 65535]; 0 picks any free port. */
  port: number;
}

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(`${text}\n`);
}

/** The file a request path names inside `root`, or undefined when it leaves `root`. */
function resolveFile(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  if (existsSync(file) && statSync(file).isDirectory()) return join(file, 'index.html');
  return file;
}

function handler(root: string, allowedHosts: () => Set<string>) {
  const compressed = new Map<string, { mtime: number; body: Buffer }>();
  return (request: IncomingMessage, response: ServerResponse): void => {
    if (!allowedHosts().has((request.headers.host ?? '').toLowerCase())) {
      send(response, 421, 'physml lab: unexpected Host header (the lab answers on 127.0.0.1 only)');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      send(response, 405, 'physml lab: only GET and HEAD');
      return;
    }
    const pathname = new URL(request.url ?? '/', 'http://lab.invalid').pathname;
    const file = resolveFile(root, pathname);
    if (file === undefined) {
      send(response, 403, 'physml lab: forbidden path');
      return;
    }
    if (!existsSync(file) || !statSync(file).isFile()) {
      send(response, 404, `physml lab: not found: ${pathname}`);
      return;
    }
    const type = contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
    const mtime = statSync(file).mtimeMs;
    let body: Buffer = readFileSync(file);
    const headers: Record<string, string> = {
      'Content-Type': type,
      // Hashed asset names never change content; everything else is revalidated.
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      'Content-Security-Policy': contentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      Vary: 'Accept-Encoding',
    };
    const compressible = /^(text\/|application\/json|image\/svg)/.test(type) && body.length > 1024;
    if (compressible && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
      let cached = compressed.get(file);
      if (cached === undefined || cached.mtime !== mtime) {
        cached = { mtime, body: gzipSync(body) };
        compressed.set(file, cached);
      }
      body = cached.body;
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = String(body.length);
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  };
}

/** Serves `directory` on 127.0.0.1:`port`; rejects with an InputError when the port is taken. */
export function startLabServer(options: LabServerOptions): Promise<LabServer> {
  const root = normalize(options.directory);
  let port = options.port;
  const hosts = new Set<string>();
  const server: Server = createServer(handler(root, () => hosts));
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new InputError(
              `--port ${port} is already in use on ${LAB_HOST}; choose another port, or --port 0 for any free one`,
            )
          : error,
      );
    });
    server.listen(port, LAB_HOST, () => {
      const address = server.address();
      port = typeof address === 'object' && address !== null ? address.port : port;
      for (const name of [LAB_HOST, 'localhost']) hosts.add(`${name}:${port}`);
      resolve({
        url: `http://${LAB_HOST}:${port}/`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** Parses `--port`: an integer in [0, 65535]. */
export function parsePort(text: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  if (!(Number.isInteger(value) && value >= 0 && value <= 65535)) {
    throw new InputError(`--port must be an integer in [0, 65535] (0: any free port), got "${text}"`);
  }
  return value;
}

interface LabCommandOptions {
  port: string;
  build: boolean;
}

/** Adds `lab` to the program. */
export function registerLab(program: Command, io: CliIo): void {
  program
    .command('lab')
    .description('build (if needed) and serve the web lab on 127.0.0.1; Ctrl-C stops it')
    .option('--port <n>', 'port to listen on; 0 picks any free port', String(DEFAULT_LAB_PORT))
    .option('--no-build', 'serve the existing build as it is, even if older than its sources')
    .action(async (options: LabCommandOptions) => {
      const port = parsePort(options.port);
      const paths = labPaths();
      const status = labBuildStatus(paths);
      const log = (text: string) => io.stderr.write(text);
      if (!options.build) {
        if (status === 'missing') {
          throw new InputError(
            `no lab build in ${paths.output}; run physml lab without --no-build (or npm run lab:build) first`,
          );
        }
        if (status === 'stale')
          log('physml: the lab build is older than its sources (serving it: --no-build)\n');
      } else if (status !== 'fresh') {
        await buildLab(paths, log);
      }
      const server = await startLabServer({ directory: paths.output, port });
      io.stdout.write(`${server.url}\n`);
      log(`physml: the lab is served at ${server.url} (127.0.0.1 only); press Ctrl-C to stop\n`);
      if (!io.ownsProcess) {
        // In-process (tests): the build and the port were checked; nothing may outlive the call.
        await server.close();
        return;
      }
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          log(`physml: ${signal}: stopping the lab\n`);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
