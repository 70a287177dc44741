// One writer at a time for a local index folder. Two ingests that overlap can each drop the
// other's tables, so the second one stops with who holds the lock instead. The lock is a file
// created atomically (link(2) fails if it exists) holding the writer's pid, host and start
// time; a lock whose process is gone on this host is stale and taken over, so a killed
// ingest never blocks the next one. Object stores have no such primitive: there the
// operator runs one ingest job at a time (README), and buildIndex's activation check still
// refuses to activate over another writer's newer index.
import { randomUUID } from "node:crypto";
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { IndexLocation } from "./index-location.js";

export const LOCK_FILE = "ingest.lock";

interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  token: string;
}

export class IngestLockedError extends Error {
  constructor(readonly holder: LockHolder | null) {
    super(
      holder
        ? `another ingest is running (pid ${holder.pid}${holder.host === os.hostname() ? "" : ` on ${holder.host}`}, since ${holder.startedAt}); wait for it to finish and run this again.`
        : "another ingest is running (its lock file is being written); wait for it to finish and run this again.",
    );
  }
}

export interface IngestLock {
  /** False for remote indexes, where nothing excludes a second writer. */
  readonly exclusive: boolean;
  /** Whether this process still holds the lock (checked again just before activating). */
  held(): boolean;
  release(): void;
}

/** Takes the writer's lock for `location`, or throws IngestLockedError naming the holder. */
export function acquireIngestLock(location: IndexLocation): IngestLock {
  if (location.kind === "remote") return { exclusive: false, held: () => true, release: () => {} };
  const lockPath = path.join(location.folder, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), token: randomUUID() };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(lockPath, me)) {
      const lock: IngestLock = {
        exclusive: true,
        held: () => readHolder(lockPath)?.token === me.token,
        release: () => {
          if (lock.held()) unlinkQuietly(lockPath);
        },
      };
      return lock;
    }
    const holder = readHolder(lockPath);
    if (holder && isStale(holder)) {
      // Move the stale file aside (atomic) rather than deleting it, so two writers taking
      // over at once cannot delete each other's fresh lock: only one rename succeeds.
      const aside = `${lockPath}.stale-${me.token}`;
      try {
        renameSync(lockPath, aside);
        const moved = readHolder(aside);
        unlinkQuietly(aside);
        if (moved?.token !== holder.token && moved) {
          // We moved a fresh lock by mistake: put it back and report it as the holder.
          tryCreate(lockPath, moved);
          throw new IngestLockedError(moved);
        }
      } catch (error) {
        if (error instanceof IngestLockedError) throw error;
      }
      continue;
    }
    throw new IngestLockedError(holder);
  }
  throw new IngestLockedError(readHolder(lockPath));
}

/** The current holder of a local index's lock, if any and not stale. */
export function ingestLockHolder(location: IndexLocation): LockHolder | null {
  if (location.kind === "remote") return null;
  const holder = readHolder(path.join(location.folder, LOCK_FILE));
  return holder && !isStale(holder) ? holder : null;
}

function tryCreate(lockPath: string, holder: LockHolder): boolean {
  // Written in full to a private name first, then linked into place: a reader never sees a
  // half-written lock, and link fails if the lock exists.
  const temp = `${lockPath}.${holder.token}`;
  writeFileSync(temp, JSON.stringify(holder));
  try {
    linkSync(temp, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkQuietly(temp);
  }
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(readFileSync(lockPath, "utf8")) as Partial<LockHolder>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string" && typeof parsed.token === "string")
      return { pid: parsed.pid, host: parsed.host, startedAt: String(parsed.startedAt), token: parsed.token };
    return null;
  } catch {
    return null;
  }
}

/**
 * A lock is stale when its process no longer exists on this host, or when it names this very
 * process's pid but was taken before this process started: an earlier process had the pid (a
 * restarted container's ingest is pid 1 every time).
 */
function isStale(holder: LockHolder): boolean {
  if (holder.host !== os.hostname()) return false;
  if (holder.pid === process.pid) return Date.parse(holder.startedAt) < Date.now() - process.uptime() * 1000;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function unlinkQuietly(p: string): void {
  try {
    unlinkSync(p);
  } catch {
    // Already gone.
  }
}
