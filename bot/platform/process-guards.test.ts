import { spawn } from "node:child_process";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { keepRejectionsNonFatal } from "./process-guards.js";

describe("keepRejectionsNonFatal", () => {
  const added: Array<[string, (...args: unknown[]) => void]> = [];
  afterEach(() => {
    for (const [event, listener] of added.splice(0)) process.removeListener(event, listener);
    for (const l of process.listeners("unhandledRejection")) if ((l as { practiceGuide?: boolean }).practiceGuide) process.removeListener("unhandledRejection", l);
  });

  it("removes the embedding runtime's rethrowing handlers, keeps others, and logs rejections instead", () => {
    // The exact shapes the emscripten runtime installs.
    const rethrowRejection = function (reason: unknown) {
      throw reason;
    };
    class ExitStatus {}
    const rethrowException = function (ex: unknown) {
      if (!(ex instanceof ExitStatus)) {
        throw ex;
      }
    };
    const other = () => {};
    for (const [event, l] of [["unhandledRejection", rethrowRejection], ["uncaughtException", rethrowException], ["unhandledRejection", other]] as const) {
      process.on(event, l as (...args: unknown[]) => void);
      added.push([event, l as (...args: unknown[]) => void]);
    }
    const lines: string[] = [];
    keepRejectionsNonFatal(pino({ level: "error" }, { write: (l: string) => lines.push(l) }));
    expect(process.listeners("unhandledRejection")).not.toContain(rethrowRejection);
    expect(process.listeners("uncaughtException")).not.toContain(rethrowException);
    expect(process.listeners("unhandledRejection")).toContain(other);
    const ours = process.listeners("unhandledRejection").find((l) => (l as { practiceGuide?: boolean }).practiceGuide)!;
    expect(() => (ours as (r: unknown) => void)(new TypeError("Cannot read properties of null"))).not.toThrow();
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: "unhandled_rejection", err: "Cannot read properties of null" });
  });
});

describe("endQuietlyWhenStdoutCloses", () => {
  // A child writing far more than a pipe holds, whose reader closes after the first chunk.
  const writer = (guarded: boolean) => `
    ${guarded ? `const { endQuietlyWhenStdoutCloses } = await import(${JSON.stringify(new URL("./process-guards.ts", import.meta.url).href)}); endQuietlyWhenStdoutCloses();` : ""}
    const line = "x".repeat(1000) + "\\n";
    for (let i = 0; i < 5000; i++) process.stdout.write(line);`;
  const runClosingEarly = (guarded: boolean) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", writer(guarded)], { stdio: ["ignore", "pipe", "pipe"] });
      let stderr = "";
      child.stderr.on("data", (d: Buffer) => (stderr += d));
      child.stdout.once("data", () => child.stdout.destroy());
      child.on("close", (code) => resolve({ code, stderr }));
    });

  it("ends with status 0 and no stack trace when the reader stops early, where an unguarded writer dies on EPIPE", async () => {
    const unguarded = await runClosingEarly(false);
    expect(unguarded.code).not.toBe(0);
    expect(unguarded.stderr).toMatch(/EPIPE/);
    const guarded = await runClosingEarly(true);
    expect(guarded).toEqual({ code: 0, stderr: "" });
  }, 30_000);
});
