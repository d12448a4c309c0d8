// Preloaded into a process the bench starts (NODE_OPTIONS="--require …/cpu-profile-preload.cjs"),
// since Node 20 refuses --cpu-prof in NODE_OPTIONS: profiles the whole process and writes
// <CPU_PROFILE_DIR or the temp dir>/<pid>.cpuprofile when it is told to stop (SIGTERM), before it exits.
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.CPU_PROFILE_DIR || require("node:os").tmpdir();
const session = new inspector.Session();
session.connect();
session.post("Profiler.setSamplingInterval", { interval: 500 });
session.post("Profiler.enable", () => session.post("Profiler.start"));
let written = false;
process.prependListener("SIGTERM", () => {
  if (written) return;
  written = true;
  session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
});
