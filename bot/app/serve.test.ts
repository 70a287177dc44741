// `npm run serve` as a process manager runs it: spawned, then sent SIGTERM on the npm
// process itself. With Slack configured against a Web API that refuses connections it
// listens at once and /healthz says why Slack is not ok; SIGTERM stops the server (no node
// left answering, as the `sh -c tsx` chain used to leave). Full-text index in a temporary
// folder, built on first run; nothing leaves 127.0.0.1.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { signedSlackHeaders } from "../surfaces/slack/sign-slack-request.js";
import { serveTestEnv, watchSpawnedServer } from "../testing/spawned-server.js";

const REPO = path.resolve(import.meta.dirname, "../..");
const lanceDir = mkdtempSync(path.join(tmpdir(), "pg-serve-"));
let child: ChildProcess | undefined;
afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  rmSync(lanceDir, { recursive: true, force: true });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Polls /readyz until 200; a 503 meanwhile must say the answer workers are starting. */
async function untilReady(base: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${base}/readyz`);
    if (res.status === 200) return;
    expect(((await res.json()) as { detail?: string }).detail).toMatch(/^answer workers starting/);
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npm run serve", () => {
  it("listens with Slack's Web API unreachable, rejects a signed null with 400, and stops on SIGTERM to npm", { timeout: 120_000 }, async () => {
    const secret = "serve-test-signing-secret";
    const apiUrl = `http://127.0.0.1:${await closedPort()}/api/`;
    child = spawn("npm", ["run", "-s", "serve"], {
      cwd: REPO,
      env: serveTestEnv({ lancedbUri: lanceDir, slackBotToken: "xoxb-serve-test", signingSecret: secret, slackApiUrl: apiUrl }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    const server = watchSpawnedServer(child);
    const exited = server.exited;
    const port = await server.port;
    const base = `http://127.0.0.1:${port}`;
    // The listening line names only the routes of surfaces that are on (Teams is off here).
    const listening = JSON.parse(server.output().split("\n").find((l) => l.includes('"event":"server_listening"'))!) as { routes: string[] };
    expect(listening.routes).toContain("/slack/events");
    expect(listening.routes).not.toContain("/api/messages");

    // It listens while its answer workers open their guides: ready once they have.
    await untilReady(base, 60_000);
    const health = (await (await fetch(`${base}/healthz`)).json()) as {
      ready: boolean;
      index: { ready: boolean; sections: number; answerWorkers: { workers: number; up: number } };
      surfaces: Record<string, { state: string }>;
    };
    expect(health.ready).toBe(true);
    expect(health.index.sections).toBeGreaterThan(100);
    expect(health.index.answerWorkers.up).toBe(health.index.answerWorkers.workers);
    expect(["starting", "degraded"]).toContain(health.surfaces.slack!.state);
    expect(health.surfaces.teams!.state).toBe("off");
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    const bad = await fetch(`${base}/slack/events`, { method: "POST", headers: signedSlackHeaders(secret, "null"), body: "null" });
    expect(bad.status).toBe(400);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(server.output()).toContain(`waiting for the Slack Web API at ${apiUrl} (attempt 1)`);

    child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<"hung">((resolve) => setTimeout(() => resolve("hung"), 20_000))]);
    expect(code).toBe(0);
    expect(server.output()).toContain('"event":"server_stopped"');
    // Nothing is left answering on the port.
    await expect(fetch(`${base}/healthz`, { signal: AbortSignal.timeout(2_000) })).rejects.toThrow();
  });
});
