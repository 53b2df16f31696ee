// Starts the real server as a child process, the way a supervisor (or `npm start`) does: the compiled
// dist-server/main.js on plain node (tests/support/build-server.ts builds it before the tests), on a
// free port, and stops it with a real signal.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');
/** The compiled server (`npm run build:server`). */
export const SERVER_ENTRY = join(ROOT, 'dist-server', 'main.js');

export type StartOptions = {
  timeoutMs?: number;
  /** A command the server runs under, e.g. ['strace', '-f', …]: it is given node and the entry. */
  wrapper?: string[];
  /** Its own process group (pid = group id), for signalling the group as a supervisor does. */
  detached?: boolean;
};

/** The command line that runs the compiled server, under `wrapper` if any. */
function serverCommand(wrapper: string[] = []): [string, string[]] {
  const node = [process.execPath, SERVER_ENTRY];
  const [command, ...args] = [...wrapper, ...node];
  return [command!, args];
}

export type RunningServer = {
  url: string;
  proc: ChildProcess;
  /** Every line the process wrote to stdout and stderr, in order. */
  output: string[];
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

export async function tempDir(prefix = 'nusa-layan-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function startServer(
  env: Record<string, string | undefined> = {},
  opts: StartOptions = {},
): Promise<RunningServer> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const [command, args] = serverCommand(opts.wrapper);
  const proc = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: undefined, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output.join('\n')}`)),
      timeoutMs,
    );
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        output.push(line);
        const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      }
    };
    proc.stdout!.on('data', onLine);
    proc.stderr!.on('data', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    proc,
    output,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

/** Runs the server process expecting it to fail at start; resolves with its exit code and output. */
export async function runServerExpectingFailure(
  env: Record<string, string | undefined>,
): Promise<{ code: number | null; output: string }> {
  const [command, args] = serverCommand();
  const proc = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: undefined, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => proc.once('exit', resolve));
  return { code, output };
}
