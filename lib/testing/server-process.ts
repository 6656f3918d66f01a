// The store's Next.js server process as tests and the bench watch it: startStore's PID is the start
// command, whose child running scripts/serve.ts is the server itself (lib/startup/next-server.ts).
// Linux /proc only.
import { readFileSync, readdirSync, readlinkSync } from "node:fs";

/** The PID of the server process below the start command `startPid`. */
export function serverPidOf(startPid: number): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === startPid && readFileSync(`/proc/${entry}/cmdline`, "utf8").includes("scripts/serve.ts")) return Number(entry);
    } catch {
      // Exited while we read.
    }
  }
  throw new Error(`no scripts/serve.ts process below pid ${startPid}`);
}

/** Resident set size in bytes. */
export function rssOf(pid: number): number {
  const line = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!line) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(line[1]) * 1024;
}

/** Samples the RSS every `everyMs` until stopped; returns the highest seen. */
export function sampleRss(pid: number, everyMs = 20): { stop: () => number } {
  let peak = rssOf(pid);
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(peak, rssOf(pid));
    },
  };
}

/** The paths of the files `pid` holds open. */
export function openFilesOf(pid: number): string[] {
  const dir = `/proc/${pid}/fd`;
  return readdirSync(dir).flatMap((fd) => {
    try {
      return [readlinkSync(`${dir}/${fd}`)];
    } catch {
      return []; // closed while we read
    }
  });
}

export const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`;

/** Processor time (user + system) the process has used so far, in milliseconds. */
export function cpuTimeMsOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime, fields 14 and 15 of proc(5), in clock ticks of 1/100 s on Linux.
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
