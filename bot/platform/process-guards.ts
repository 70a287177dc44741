// No input may kill a serving process. The embedding library's emscripten runtime installs
// `process.on("unhandledRejection", r => { throw r })` (and a rethrowing uncaughtException
// handler) when the model loads, which turns any stray rejection, such as one from a library
// parsing a malformed request, into a crash. After the model has loaded, the entry files
// remove exactly those rethrowing handlers and log unhandled rejections instead.
import type { Logger } from "pino";

/** A listener whose whole body rethrows what it was given (emscripten's). */
function rethrows(listener: (...args: unknown[]) => void): boolean {
  const body = String(listener).replace(/\s+/g, " ");
  return /\{ ?throw \w+;? ?\}$/.test(body) || /if \(!\(\w+ instanceof ExitStatus\)\) \{ ?throw \w+;? ?\}/.test(body);
}

export function keepRejectionsNonFatal(logger: Logger): void {
  for (const event of ["unhandledRejection", "uncaughtException"] as const)
    for (const listener of process.listeners(event) as Array<(...args: unknown[]) => void>)
      if (rethrows(listener)) process.removeListener(event, listener);
  if (!process.listeners("unhandledRejection").some((l) => (l as { practiceGuide?: boolean }).practiceGuide)) {
    const log = (reason: unknown) => logger.error({ event: "unhandled_rejection", err: reason instanceof Error ? reason.message : String(reason) }, "an unhandled promise rejection was logged and ignored; the process keeps serving");
    process.on("unhandledRejection", Object.assign(log, { practiceGuide: true }));
  }
}

/**
 * A command whose output is piped into a reader that stops early (`sections --json | head`,
 * `ask --jsonl | head -1`) ends quietly with status 0, as Unix tools do, instead of dying on
 * an unhandled EPIPE with a stack trace.
 */
export function endQuietlyWhenStdoutCloses(): void {
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(0);
    throw err;
  });
}
