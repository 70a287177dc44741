import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireIngestLock, IngestLockedError, LOCK_FILE } from "./ingest-lock.js";

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));
const folderWithLock = (holder: { pid: number; host: string; startedAt: string }) => {
  const folder = mkdtempSync(path.join(tmpdir(), "pg-lock-"));
  folders.push(folder);
  writeFileSync(path.join(folder, LOCK_FILE), JSON.stringify({ ...holder, token: randomUUID() }));
  return { kind: "local" as const, folder };
};

describe("acquireIngestLock", () => {
  it("takes over a lock naming this process's pid that was taken before this process started (a restarted container's pid 1)", () => {
    const before = new Date(Date.now() - process.uptime() * 1000 - 60_000).toISOString();
    const lock = acquireIngestLock(folderWithLock({ pid: process.pid, host: hostname(), startedAt: before }));
    expect(lock.held()).toBe(true);
    lock.release();
  });

  it("does not take over a live lock, nor one from another host", () => {
    expect(() => acquireIngestLock(folderWithLock({ pid: process.pid, host: hostname(), startedAt: new Date().toISOString() }))).toThrow(IngestLockedError);
    expect(() => acquireIngestLock(folderWithLock({ pid: 1, host: `${hostname()}-elsewhere`, startedAt: new Date(0).toISOString() }))).toThrow(IngestLockedError);
  });
});
