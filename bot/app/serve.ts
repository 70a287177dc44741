// `npm run serve`: one process, one port. Opens the index (building it on a first run), starts
// the answer workers (serving-guide.ts: answers run in worker threads, never on this event
// loop), mounts the Slack and Teams surfaces on the HTTP server (which listens while the
// workers are still opening their guides, /readyz saying not ready until they have, and
// before either surface contacts Slack or Microsoft), and on SIGTERM or SIGINT stops
// accepting, lets answers in flight finish, then exits. The npm script execs node, so a
// SIGTERM sent to `npm run serve` reaches this process.
import { ConfigError, loadConfig } from "../platform/config.js";
import { InFlightWork } from "../platform/in-flight-work.js";
import { createLogger } from "../platform/logger.js";
import { useOutboundProxy } from "../platform/outbound-proxy.js";
import { keepRejectionsNonFatal } from "../platform/process-guards.js";
import { startServer } from "../surfaces/http/server.js";
import { createSlackMount } from "../surfaces/slack/slack-app.js";
import { createTeamsMount } from "../surfaces/teams/teams-endpoint.js";
import { IndexLocationError } from "../../retrieval/index/index-location.js";
import { IndexDamagedError } from "../../retrieval/index/lance-store.js";
import { CorpusError } from "../../corpus/load-corpus.js";
import { openServingGuide } from "./serving-guide.js";
import { openSharedState } from "./shared-state.js";
import { countDuplicates, countFeedback, instrumentGuide, observeGuide } from "./instrument.js";
import { ServingMetrics } from "../platform/metrics.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  // Before anything contacts Slack or Microsoft: every fetch goes through HTTPS_PROXY when set.
  useOutboundProxy(config.proxy, logger);
  // Serving: answers in worker threads (ANSWER_WORKERS), each with the model and its rethrowing
  // rejection handler; this thread loads no model (with ANSWER_WORKERS=0 it does, here).
  const guide = await openServingGuide(config, logger);
  // After any model has loaded here (it installs a rethrowing handler): no stray rejection is fatal.
  keepRejectionsNonFatal(logger);
  const inFlight = new InFlightWork();
  // REDIS_URL: claims, history (Slack and Teams) and shared answers in Redis (connecting in the
  // background); else in memory.
  const shared = openSharedState(config.redis, logger);
  shared.start();
  // GET /metrics: each surface answers through its own counting wrapper of the guide.
  const metrics = new ServingMetrics();
  observeGuide(metrics, guide);
  const claims = countDuplicates(shared.claims, metrics);
  const mounts = [
    createSlackMount({
      slack: config.slack,
      guide: instrumentGuide(guide, "slack", metrics),
      logger,
      inFlight,
      dedupe: claims,
      history: shared.conversations("slack"),
      shared: shared.shares,
      onFeedback: countFeedback(metrics, "slack"),
    }),
    createTeamsMount({ config: config.teams, guide: instrumentGuide(guide, "teams", metrics), logger, bot: { redelivery: claims, history: shared.conversations("teams"), onFeedback: countFeedback(metrics, "teams") } }),
  ];
  const running = await startServer({
    port: config.port,
    logger,
    mounts,
    inFlight,
    index: () => guide.health(),
    sharedState: () => shared.health(),
    routes: [metrics.route()],
  });
  const shutdown = (signal: string) => {
    logger.info({ event: "shutdown", signal }, "shutting down");
    void running
      .stop()
      .then(() => guide.close())
      .then(() => shared.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error({ event: "shutdown_failed", err }, "shutdown failed");
          process.exit(1);
        },
      );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
  // Questions that arrive before the workers are up wait in the pool; workers that cannot open
  // their guide at all leave nothing to answer with, so the server stops as at any start-up failure.
  await guide.started.catch(async (err: unknown) => {
    await running.stop();
    await guide.close().catch(() => {});
    throw err;
  });
}

main().catch((err: unknown) => {
  // An operator's mistake (configuration, index location, damaged index, a first run's
  // corpus error) is one line saying what to do; anything else keeps its stack.
  const known = [ConfigError, IndexLocationError, IndexDamagedError, CorpusError].some((type) => err instanceof type);
  if (known) createLogger("error").fatal({ event: "startup_failed" }, `could not start the server: ${(err as Error).message}`);
  else createLogger("error").fatal({ event: "startup_failed", err }, "could not start the server");
  process.exit(1);
});
