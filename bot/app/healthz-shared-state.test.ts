// /healthz names where shared state lives: "memory" without REDIS_URL; with Redis unreachable
// it says "degraded" (still 200: answers keep flowing from each process's memory).
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { startServer } from "../surfaces/http/server.js";
import { freePort } from "../testing/redis-server.js";
import { openSharedState } from "./shared-state.js";

const logger = pino({ level: "silent" });

async function healthz(sharedState: () => ReturnType<ReturnType<typeof openSharedState>["health"]>) {
  const running = await startServer({ port: 0, host: "127.0.0.1", logger, mounts: [], sharedState });
  try {
    const res = await fetch(`${running.url}/healthz`);
    return { status: res.status, body: (await res.json()) as { status: string; sharedState: { state: string; mode: string; detail?: string } } };
  } finally {
    await running.stop();
  }
}

describe("/healthz sharedState", () => {
  it("is ok and in memory without REDIS_URL", async () => {
    const state = openSharedState(undefined, logger);
    const { status, body } = await healthz(() => state.health());
    expect(status).toBe(200);
    expect(body.status).toBe("ok");
    expect(body.sharedState).toMatchObject({ state: "ok", mode: "memory" });
  });

  it("says degraded, without the password, while Redis cannot be reached", async () => {
    const state = openSharedState({ url: `redis://:s3cret@127.0.0.1:${await freePort()}`, commandTimeoutMs: 100 }, logger, { startupGraceMs: 100 });
    state.start();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const { status, body } = await healthz(() => state.health());
    await state.close();
    expect(status).toBe(200);
    expect(body.status).toBe("degraded");
    expect(body.sharedState).toMatchObject({ state: "degraded", mode: "redis" });
    expect(JSON.stringify(body)).not.toContain("s3cret");
  });
});
