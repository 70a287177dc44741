// Preloaded into the real server by bench/burst-bench.ts (`node --import ./bench/event-loop-probe.mjs`),
// so the server's code stays as shipped: samples the event loop's delay (perf_hooks'
// monitorEventLoopDelay) and reports it, with memory, over the IPC channel the bench opened.
// "reset" starts a new measurement window; "report" answers with the window's figures.
import { monitorEventLoopDelay } from "node:perf_hooks";

if (process.send) {
  const histogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
  process.on("message", (message) => {
    if (message?.type === "reset") {
      histogram.reset();
      process.send({ type: "reset" });
    } else if (message?.type === "report") {
      process.send({
        type: "report",
        eventLoopMaxMs: ms(histogram.max),
        eventLoopP99Ms: ms(histogram.percentile(99)),
        eventLoopMeanMs: ms(histogram.mean),
        rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
        // Peak resident set of the whole process, worker threads included.
        peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      });
    }
  });
  // The channel must not keep the server alive: it stops as it would without the probe.
  process.channel?.unref();
}
