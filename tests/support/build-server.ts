// Vitest global setup of the projects that start the server as a process: compiles it the way
// `npm run build` does (esbuild, a second or two), so those tests always run the current sources
// as the compiled JavaScript a supervisor runs with plain node.
import { spawnSync } from 'node:child_process';
import { ROOT } from './server.ts';

export default function setup(): void {
  const built = spawnSync('npm', ['run', '--silent', 'build:server'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`npm run build:server failed (exit ${built.status ?? built.signal})`);
}
