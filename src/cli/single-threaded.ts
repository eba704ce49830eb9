/**
 * Run the current command again as `node --single-threaded` (docs/team.md, "How many"): V8 then
 * collects garbage and compiles on the analysing threads instead of helper threads. When the
 * analysing threads fill the cores the helpers only compete with them: two `slant worker`
 * processes on two cores gained 1.74× over one that way, 1.3× with the helpers. The flag cannot go
 * in NODE_OPTIONS, and setting it at run time (v8.setFlagsFromString) crashed V8 in the middle of a
 * concurrent marking (tried: "Check failed: concurrent_marking_handle_"), so the process starts
 * itself again with it.
 *
 * Returns null when nothing is to be done (already single-threaded, SLANT_SINGLE_THREADED=0, or
 * already re-run), else the child's exit code once it ends. Signals (Ctrl-C, SIGTERM, SIGHUP) are
 * passed on to the child, which decides when to stop; a child may get one twice (a terminal or
 * systemd signals the whole group too), so its handlers must treat a repeat as the same request.
 * If the parent is killed outright, the child ends too (an IPC channel between them closes).
 */
import { spawn } from 'node:child_process';

const MARK = 'SLANT_SINGLE_THREADED';

export function runSingleThreaded(): Promise<number> | null {
  if (process.env[MARK] === 'child') {
    // The parent holds the other end of a channel: if it dies (even by SIGKILL), the channel closes
    // and this process goes too, as a single process would have (no orphan taking jobs).
    if (process.channel) {
      process.channel.unref();
      process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
    }
    return null;
  }
  if (process.execArgv.includes('--single-threaded') || process.env[MARK] === '0') return null;
  const script = process.argv[1];
  if (!script) return null;
  const child = spawn(process.execPath, ['--single-threaded', ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    env: { ...process.env, [MARK]: 'child' },
  });
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const pass = (sig: NodeJS.Signals): void => {
    child.kill(sig);
  };
  for (const s of signals) process.on(s, pass);
  return new Promise((resolve) => {
    child.on('error', () => {
      for (const s of signals) process.off(s, pass);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, pass);
      resolve(code ?? (signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1));
    });
  });
}
