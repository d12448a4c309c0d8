import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { readBody } from "./read-body";

/** The route wrapper's body reader: caps counted while reading, formats checked before reading. */
function streamOf(totalBytes: number, chunkBytes = 64 * 1024): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(chunkBytes).fill(97);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= totalBytes) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => sent };
}

function request(body: BodyInit | ReadableStream<Uint8Array>, headers: Record<string, string>): Request {
  return new Request("http://127.0.0.1/api/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

async function errorCode(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return `${error.code} ${error.status}`;
    throw error;
  }
  return "read";
}

describe("readBody", () => {
  it("refuses a chunked 20 MB body with 413 at the cap, without reading the rest", async () => {
    const body = streamOf(20 * 1024 * 1024);
    expect(await errorCode(readBody(request(body.stream, { "content-type": "text/xml" }), "text", 1024 * 1024))).toBe(
      "payload_too_large 413",
    );
    expect(body.pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a declared Content-Length over the cap before reading anything", async () => {
    const body = streamOf(1024);
    const req = request(body.stream, { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) });
    expect(await errorCode(readBody(req, "json", 64 * 1024))).toBe("payload_too_large 413");
    expect(body.pulled()).toBe(0);
  });

  it("checks the content type before reading", async () => {
    const body = streamOf(1024);
    expect(await errorCode(readBody(request(body.stream, { "content-type": "text/plain" }), "json"))).toBe("unsupported_media_type 415");
    expect(body.pulled()).toBe(0);
  });

  it("reads JSON, refusing a body that is not JSON", async () => {
    expect(await readBody(request('{"a":1}', { "content-type": "application/json" }), "json")).toEqual({ a: 1 });
    expect(await errorCode(readBody(request("{", { "content-type": "application/json" }), "json"))).toBe("invalid_input 422");
  });

  it("reads a CSV upload as text and a multipart form as its fields, files as text", async () => {
    expect(await readBody(request("nhs_number\n9990000018\n", { "content-type": "text/csv" }), "csv")).toBe("nhs_number\n9990000018\n");
    const form = new FormData();
    form.set("subject", "self");
    form.set("file", new File(["9990000018\n"], "clinic.csv", { type: "text/csv" }));
    const encoded = new Request("http://127.0.0.1/", { method: "POST", body: form });
    const bytes = new Uint8Array(await encoded.arrayBuffer());
    const contentType = encoded.headers.get("content-type") ?? "";
    expect(await readBody(request(bytes, { "content-type": contentType }), "multipart")).toEqual({ subject: "self", file: "9990000018\n" });
  });
});
