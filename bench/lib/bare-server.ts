import { type ChildProcess, spawn } from "node:child_process";

/**
 * A bare node:http JSON server in its own process: the yardstick for HTTP figures. On a shared
 * 2-core box its req/s says how much the machine can give right now, so an app figure can be
 * read as a fraction of it rather than against a number taken on a quiet day.
 */

const SERVER_SOURCE = `
const http = require("node:http");
const body = JSON.stringify({ status: "ok" });
const server = http.createServer((request, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  response.end(body);
});
server.listen(0, "127.0.0.1", () => console.log("PORT " + server.address().port));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`;

export interface BareServer {
  url: string;
  stop(): Promise<void>;
}

export function startBareServer(timeoutMs = 10_000): Promise<BareServer> {
  const child: ChildProcess = spawn(process.execPath, ["-e", SERVER_SOURCE], { stdio: ["ignore", "pipe", "inherit"] });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error("bare server did not start in time"));
    }, timeoutMs);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /PORT (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}`, stop });
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`bare server exited early (code ${code})`));
    });
  });
}
