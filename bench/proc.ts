/**
 * What a process costs, read from /proc (Linux): CPU ticks and resident memory, for the load
 * benchmark's per-process figures. A process tree's CPU (PostgreSQL's postmaster and its backends)
 * counts the live children and, through cutime/cstime, those that exited and were reaped.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** USER_HZ: 100 on every Linux the project runs on (sysconf(_SC_CLK_TCK)); node has no call for it. */
const TICKS_PER_S = 100;

interface Stat {
  ppid: number;
  /** utime + stime in ms */
  ownMs: number;
  /** cutime + cstime in ms (reaped children) */
  childrenMs: number;
}

function stat(pid: number): Stat | undefined {
  let raw: string;
  try {
    raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined; // gone
  }
  // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
  const f = raw.slice(raw.lastIndexOf(')') + 2).split(' ');
  const n = (i: number) => Number(f[i - 3]);
  const ms = (ticks: number) => (ticks * 1000) / TICKS_PER_S;
  return { ppid: n(4), ownMs: ms(n(14) + n(15)), childrenMs: ms(n(16) + n(17)) };
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** CPU ms used so far by a process (and, with tree, by all its descendants, live and reaped). */
export function cpuMs(pid: number, tree = false): number {
  const root = stat(pid);
  if (!root) return NaN;
  if (!tree) return root.ownMs;
  const stats = new Map<number, Stat>();
  for (const p of allPids()) {
    const s = stat(p);
    if (s) stats.set(p, s);
  }
  let total = root.ownMs + root.childrenMs;
  const walk = (parent: number) => {
    for (const [p, s] of stats) {
      if (s.ppid !== parent) continue;
      total += s.ownMs;
      walk(p);
    }
  };
  walk(pid);
  return total;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

export function parentOf(pid: number): number | undefined {
  return stat(pid)?.ppid;
}

/** The first process whose command line holds every one of `parts` (e.g. the Temporal dev server on a port). */
export function findProcess(parts: string[]): number | undefined {
  for (const p of allPids()) {
    let cmd: string[];
    try {
      cmd = readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (parts.every((part) => cmd.includes(part))) return p;
  }
  return undefined;
}
