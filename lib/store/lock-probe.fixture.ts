/**
 * Child-process probe for the data-folder lock tests (run with tsx; not a test itself).
 *   open <dir>           try to open the store; exit 0 "OPENED" (then close), or 3 with the lock error
 *   open-and-exit <dir>  open the store and call process.exit() without close(): the exit hook must release
 *   hold <dir>           take the lock, print HELD and wait (the test kills it: a stale lock)
 */
import { acquireDataDirLock, StoreLockedError } from "./data-dir-lock";
import { openStore } from "./open-store";

const [mode, dataDir] = process.argv.slice(2);
if (!mode || !dataDir) {
  console.error("usage: lock-probe.fixture.ts open|open-and-exit|hold <dir>");
  process.exit(2);
}

async function main(folder: string): Promise<void> {
  if (mode === "hold") {
    acquireDataDirLock(folder);
    console.log("HELD");
    setInterval(() => undefined, 60_000);
    return;
  }
  try {
    const store = await openStore({ name: "probe", dataDir: folder, migrations: {} });
    console.log("OPENED");
    if (mode === "open-and-exit") process.exit(0);
    await store.close();
  } catch (error) {
    if (error instanceof StoreLockedError) {
      console.log(JSON.stringify({ locked: true, holderPid: error.holderPid, message: error.message }));
      process.exit(3);
    }
    throw error;
  }
}

// No top-level await: tsx compiles this file as CommonJS (package.json has no "type").
main(dataDir).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
