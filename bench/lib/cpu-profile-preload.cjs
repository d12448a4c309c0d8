// Preloaded into the app the request-path bench starts (BENCH_APP_NODE_OPTIONS="--require
// <abs path>/bench/lib/cpu-profile-preload.cjs"), since Node 20 refuses --cpu-prof in
// NODE_OPTIONS. Profiles the process in phases: each SIGUSR2 ends the current phase, writing
// <CPU_PROFILE_DIR or the temp dir>/<pid>-<phase>.cpuprofile, and starts the next; SIGTERM writes
// the last phase before the process exits.
const inspector = require("node:inspector");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const dir = process.env.CPU_PROFILE_DIR || os.tmpdir();
const session = new inspector.Session();
session.connect();
session.post("Profiler.setSamplingInterval", { interval: 500 });
session.post("Profiler.enable", () => session.post("Profiler.start"));
let phase = 0;
let stopped = false;

function writePhase(then) {
  session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(path.join(dir, `${process.pid}-${phase}.cpuprofile`), JSON.stringify(result.profile));
    phase += 1;
    then?.();
  });
}

process.on("SIGUSR2", () => {
  if (!stopped) writePhase(() => session.post("Profiler.start"));
});
process.prependListener("SIGTERM", () => {
  if (stopped) return;
  stopped = true;
  writePhase();
});
