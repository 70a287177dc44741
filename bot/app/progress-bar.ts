// The embedding progress bar a person at a terminal sees while the index is built; nothing
// when stderr is not a terminal (logs stay plain JSON there).
import { Presets, SingleBar } from "cli-progress";

export interface ProgressBar {
  update: (done: number, total: number) => void;
  stop: () => void;
}

export function embeddingProgressBar(stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar({ format: "Embedding {bar} {value}/{total} chunks | {eta}s left", stream }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (total === 0) return;
      if (!started) bar.start(total, 0);
      started = true;
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
      started = false;
    },
  };
}
