import { Hl7CodecError } from "@/lib/hl7/errors";

/**
 * HL7 TS: YYYYMMDDHHMM[SS][±ZZzz] (the three lengths Spine accepts: 12, 14, 19), plus YYYYMMDD
 * for date-only values. Which zone Spine expects is not stated, so the caller chooses (default UTC).
 */
export interface Hl7TimestampOptions {
  zone?: "utc" | "local";
  precision?: "minute" | "second";
  withOffset?: boolean;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function formatHl7Timestamp(date: Date, opts: Hl7TimestampOptions = {}): string {
  if (Number.isNaN(date.getTime())) throw new Hl7CodecError("invalid_input", "invalid date");
  const utc = (opts.zone ?? "utc") === "utc";
  const parts = utc
    ? [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds()]
    : [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes(), date.getSeconds()];
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  let ts = `${pad(y, 4)}${pad(mo)}${pad(d)}${pad(h)}${pad(mi)}`;
  if ((opts.precision ?? "second") === "second") ts += pad(s);
  if (opts.withOffset) {
    const offsetMinutes = utc ? 0 : -date.getTimezoneOffset();
    const sign = offsetMinutes < 0 ? "-" : "+";
    const abs = Math.abs(offsetMinutes);
    ts += `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
  }
  return ts;
}

const TS = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?([+-]\d{4})?$/;

/** Parse an HL7 TS; without an offset it is read as UTC. */
export function parseHl7Timestamp(ts: string): Date {
  const m = TS.exec(ts);
  if (!m) throw new Hl7CodecError("invalid_value", `not an HL7 timestamp: ${ts.slice(0, 30)}`);
  const [, y, mo, d, h = "00", mi = "00", s = "00", offset] = m;
  const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)] as const;
  const [year, month, day, hour, minute, second] = fields;
  let millis = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(millis);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    throw new Hl7CodecError("invalid_value", `impossible date/time: ${ts}`);
  }
  if (offset) {
    const sign = offset.startsWith("-") ? -1 : 1;
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(3, 5));
    millis -= sign * (oh * 60 + om) * 60_000;
  }
  return new Date(millis);
}

/** ebXML eb:Timestamp: ISO 8601 UTC without milliseconds. */
export function formatEbxmlTimestamp(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}
