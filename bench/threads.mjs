// CPU time per thread of a running process, sampled from /proc (Linux; elsewhere it reports nothing).
// Threads that end between samples keep their last sampled time, so sample often (default 50 ms).
// threadSampler(pid, viaTime): with viaTime, pid is /usr/bin/time's and its child is measured;
// descendants are included (each entry says its process and whether it is that process's main thread).
import { readdirSync, readFileSync } from 'node:fs';

export function threadSampler(pid, viaTime = false, everyMs = 50) {
  const HZ = 100; // USER_HZ: clock ticks per second in /proc/<pid>/stat on Linux
  const last = new Map();
  let target = viaTime ? null : pid;
  const children = (p) => {
    try {
      return readFileSync(`/proc/${p}/task/${p}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
    } catch {
      return [];
    }
  };
  const sample = () => {
    if (target === null) {
      target = children(pid)[0] ?? null;
      if (target === null) return;
    }
    // The process and its descendants (`slant analyze` may run itself again as node --single-threaded).
    const procs = [target];
    for (let i = 0; i < procs.length && procs.length < 16; i++) procs.push(...children(procs[i]));
    for (const proc of procs) {
      let tids;
      try {
        tids = readdirSync(`/proc/${proc}/task`);
      } catch {
        continue; // ended
      }
      for (const tid of tids) {
        try {
          const st = readFileSync(`/proc/${proc}/task/${tid}/stat`, 'utf8');
          const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
          last.set(`${proc}:${tid}`, { pid: proc, tid: Number(tid), main: Number(tid) === proc, cpu: (Number(f[11]) + Number(f[12])) / HZ });
        } catch {
          // the thread ended between listing and reading
        }
      }
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
