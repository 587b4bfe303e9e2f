/** Installing a Debian package for `npm test` and `npm start` on a fresh Debian/Ubuntu machine. */
import { existsSync } from 'node:fs';

type Run = (label: string, cmd: string, args: string[], env?: NodeJS.ProcessEnv) => void;

let updated = false;

/** Whether this machine can install with apt-get (root, Debian or Ubuntu). */
export const canApt = () => process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

/**
 * `apt-get install -y <pkg>`, after one `apt-get update` per run: stale package lists name versions the
 * mirror no longer has (a fresh machine's lists once gave an old Chromium).
 */
export function aptInstall(run: Run, pkg: string): void {
  if (!updated) run('apt-get update', 'apt-get', ['update', '-qq']);
  updated = true;
  run(`install ${pkg}`, 'apt-get', ['install', '-y', '-qq', pkg], { DEBIAN_FRONTEND: 'noninteractive' });
}
