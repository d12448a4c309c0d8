import "server-only";
import { AppError } from "@/lib/errors/app-error";

/**
 * Reading a request body for the route wrapper: the cap is counted while the bytes arrive, so a
 * chunked body (no Content-Length) is refused with 413 at the cap instead of being buffered, and a
 * declared Content-Length over the cap is refused before reading anything.
 *
 * Formats: JSON; form-encoded (OIDC back-channel logout); text (Spine's XML); CSV (a clinic list);
 * multipart/form-data (a file upload: fields and files as text).
 */
export type BodyFormat = "json" | "form" | "text" | "csv" | "multipart";

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;

const CONTENT_TYPES: Record<BodyFormat, { prefixes: string[]; message: string }> = {
  json: { prefixes: ["application/json"], message: "Send JSON." },
  form: { prefixes: ["application/x-www-form-urlencoded"], message: "Send the form as application/x-www-form-urlencoded." },
  text: { prefixes: [""], message: "" },
  csv: { prefixes: ["text/csv", "text/plain", "application/vnd.ms-excel"], message: "Send the list as a CSV file (text/csv)." },
  multipart: { prefixes: ["multipart/form-data"], message: "Send the form as multipart/form-data." },
};

export async function readBody(request: Request, format: BodyFormat, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const expected = CONTENT_TYPES[format];
  if (!expected.prefixes.some((prefix) => type.startsWith(prefix))) throw new AppError("unsupported_media_type", expected.message);
  const bytes = await readCapped(request, maxBytes);
  switch (format) {
    case "multipart":
      return multipartFields(bytes, request.headers.get("content-type") ?? "");
    case "form":
      return Object.fromEntries(new URLSearchParams(utf8(bytes)));
    case "json": {
      const text = utf8(bytes);
      try {
        return text === "" ? {} : JSON.parse(text);
      } catch {
        throw new AppError("invalid_input", "The request body is not valid JSON.");
      }
    }
    default:
      return utf8(bytes);
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("payload_too_large", `The request is larger than ${maxBytes} bytes.`);
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

export async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** Fields and files of a multipart body (already capped), files as their text. */
async function multipartFields(bytes: Uint8Array, contentType: string): Promise<Record<string, string>> {
  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("invalid_input", "The form could not be read. Try uploading the file again.");
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name in fields) continue;
    fields[name] = typeof value === "string" ? value : await value.text();
  }
  return fields;
}
