// Preloaded into the real server by bench/burst-bench.ts (`node --import ./bench/event-loop-probe.mjs`),
// so the server's code stays as shipped: samples the event loop's delay (perf_hooks'
// monitorEventLoopDelay) and reports it, with memory, over the IPC channel the bench opened.
// It also times each POST from the moment this process accepted its connection to the moment
// its response was written (diagnostics_channel's net and http server events): the server's
// own part of an ack, without the load generator's, which shares the same cores.
// "reset" starts a new measurement window; "report" answers with the window's figures.
import { subscribe } from "node:diagnostics_channel";
import { monitorEventLoopDelay } from "node:perf_hooks";

if (process.send) {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
  const acceptedAt = new WeakMap();
  let postMs = [];
  subscribe("net.server.socket", ({ socket }) => acceptedAt.set(socket, performance.now()));
  subscribe("http.server.response.finish", ({ request, response }) => {
    const since = acceptedAt.get(response.socket ?? request.socket);
    if (request.method === "POST" && since !== undefined) postMs.push(performance.now() - since);
  });
  const percentile = (values, p) => {
    if (values.length === 0) return null;
    const sorted = [...values].sort((a, b) => a - b);
    return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
  };
  process.on("message", (message) => {
    if (message?.type === "reset") {
      histogram.reset();
      postMs = [];
      process.send({ type: "reset" });
    } else if (message?.type === "report") {
      process.send({
        type: "report",
        eventLoopMaxMs: ms(histogram.max),
        eventLoopP99Ms: ms(histogram.percentile(99)),
        eventLoopMeanMs: ms(histogram.mean),
        serverPostP50Ms: percentile(postMs, 50),
        serverPostP95Ms: percentile(postMs, 95),
        serverPostMaxMs: percentile(postMs, 100),
        rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
        // Peak resident set of the whole process, worker threads included.
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    }
  });
  // The channel must not keep the server alive: it stops as it would without the probe.
  process.channel?.unref();
}
