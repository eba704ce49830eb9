// CPU time per thread of a running process, sampled from /proc (Linux; elsewhere it reports nothing).
// Threads that end between samples keep their last sampled time, so sample often (default 50 ms).
// threadSampler(pid, viaTime): with viaTime, pid is /usr/bin/time's and its child is measured.
import { readdirSync, readFileSync } from 'node:fs';

export function threadSampler(pid, viaTime = false, everyMs = 50) {
  const HZ = 100; // USER_HZ: clock ticks per second in /proc/<pid>/stat on Linux
  const last = new Map();
  let target = viaTime ? null : pid;
  const sample = () => {
    try {
      if (target === null) {
        const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
        if (!kids) return;
        target = Number(kids.split(' ')[0]);
      }
      for (const tid of readdirSync(`/proc/${target}/task`)) {
        try {
          const st = readFileSync(`/proc/${target}/task/${tid}/stat`, 'utf8');
          const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
          last.set(tid, { tid: Number(tid), main: Number(tid) === target, cpu: (Number(f[11]) + Number(f[12])) / HZ });
        } catch {
          // the thread ended between listing and reading
        }
      }
    } catch {
      // not Linux, or the process has ended
    }
  };
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      return last.size ? [...last.values()] : null;
    },
  };
}
