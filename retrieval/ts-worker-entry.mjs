// Piscina's entry file for a worker module written in TypeScript (workerData.module, a file://
// URL). Under `tsx` (npm run serve and the other npm scripts) a worker thread inherits tsx's
// loader and imports the module directly; under vitest, whose transformer worker threads do not
// inherit, tsx's API loads it. Plain JavaScript, so it loads either way. The module's default
// export (the task handler, or a promise of it) becomes this file's.
import { workerData } from "piscina";

const NEEDS_TSX = new Set(["ERR_UNKNOWN_FILE_EXTENSION", "ERR_MODULE_NOT_FOUND"]);

async function load(url) {
  try {
    return await import(url);
  } catch (error) {
    if (!NEEDS_TSX.has(error?.code)) throw error;
    const { tsImport } = await import("tsx/esm/api");
    return tsImport(url, import.meta.url);
  }
}

const { default: handler } = await load(workerData.module);
export default handler;
