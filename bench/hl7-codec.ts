/**
 * Bench: the HL7 V3 codec (lib/hl7) — build and parse of every LR-domain request and reply,
 * the performance-anchor XML sizes (2.4 kB, 62 kB; docs/performance.md), and a 10,000-patient batch confirm.
 *
 *   node --import tsx bench/hl7-codec.ts        (BENCH_QUICK=1 for a ~10× shorter smoke run)
 */

import { XMLParser } from "fast-xml-parser";
import { type BenchSettings, isMainModule, machineLine, runAsScript } from "@/bench/lib/bench-main";
import { describeCpu, startCpuMeter } from "@/bench/lib/cpu-meter";
import {
  batchConfirmationReply,
  batchConfirmRequest,
  largeSoapReply,
  sampleReplies,
  sampleRequest,
  sampleRequests,
  smallSoapReply,
  soapReply,
} from "@/bench/lib/hl7-bench-messages";
import { measureRetainedHeap, utf8Mb } from "@/bench/lib/memory";
import type { BenchReport, DetailTable, Figure } from "@/bench/lib/report";
import { formatNumber } from "@/bench/lib/report";
import { consume, type LatencyFigures, type LoopBounds, measureEachCall, quickBounds, timeOnce } from "@/bench/lib/stats";
import {
  buildReply,
  buildRequest,
  buildSoapRequest,
  type Hl7Reply,
  type Hl7Request,
  parseReply,
  parseReplyDocument,
  parseRequest,
  parseRequestDocument,
  parseXml,
} from "@/lib/hl7";

const MESSAGE_BOUNDS: LoopBounds = { warmupIterations: 200, maxIterations: 3_000, maxMs: 200, minIterations: 50 };
const BIG_MESSAGE_BOUNDS: LoopBounds = { warmupIterations: 20, maxIterations: 500, maxMs: 800, minIterations: 20 };
const BATCH_PATIENTS = 10_000;
const BATCH_REPEATS = 3;
/** A 10,000-patient confirmation list is several MB — above the codec's 1 MiB default limit. */
const BATCH_PARSE_OPTIONS = { limits: { maxBytes: 32 * 1024 * 1024 } };

/** Calls per message before any timing, so the first message measured does not pay for JIT tiering. */
const WARM_UP_ROUNDS = 60;
/** The anchor-comparison rows are measured in interleaved rounds; the best round is reported. */
const ANCHOR_ROUNDS = 3;

function warmUpCodec(rounds: number): void {
  const requests = sampleRequests().map(({ request }) => ({ request, xml: buildRequest(request) }));
  const replies = sampleReplies().map(({ reply }) => ({ reply, xml: soapReply(reply) }));
  for (let round = 0; round < rounds; round++) {
    for (const { request, xml } of requests) {
      consume(buildRequest(request));
      consume(parseRequest(xml));
    }
    for (const { reply, xml } of replies) {
      consume(buildReply(reply));
      consume(parseReplyDocument(xml, "text/xml"));
    }
  }
}

/**
 * Measure several cases in interleaved rounds and keep each case's best (lowest-mean) round: on a
 * shared machine the minimum is the figure least distorted by other processes, and interleaving
 * stops one case from getting all the quiet seconds.
 */
function bestOfRounds(cases: readonly (() => unknown)[], bounds: LoopBounds, rounds: number): LatencyFigures[] {
  const best: (LatencyFigures | undefined)[] = cases.map(() => undefined);
  for (let round = 0; round < rounds; round++) {
    cases.forEach((fn, i) => {
      const figures = measureEachCall(fn, bounds);
      const current = best[i];
      if (!current || figures.meanUs < current.meanUs) best[i] = figures;
    });
  }
  return best.map((figures) => {
    if (!figures) throw new Error("no rounds measured");
    return figures;
  });
}

interface MessageCase {
  label: string;
  bytes: number;
  build: LatencyFigures;
  parse: LatencyFigures;
}

function check(condition: boolean, message: string): void {
  // A bench that measured the wrong thing is worse than none: stop instead of printing figures.
  if (!condition) throw new Error(`bench sanity check failed: ${message}`);
}

function requestCase(label: string, request: Hl7Request, bounds: LoopBounds): MessageCase {
  const xml = buildRequest(request);
  check(parseRequest(xml).interactionId === request.interactionId, `${label} round trip`);
  return {
    label,
    bytes: Buffer.byteLength(xml),
    build: measureEachCall(() => buildRequest(request), bounds),
    parse: measureEachCall(() => parseRequest(xml), bounds),
  };
}

function replyCase(label: string, reply: Hl7Reply, bounds: LoopBounds): MessageCase {
  const xml = buildReply(reply);
  check(parseReply(xml).interactionId === reply.interactionId, `${label} round trip`);
  return {
    label,
    bytes: Buffer.byteLength(xml),
    build: measureEachCall(() => buildReply(reply), bounds),
    parse: measureEachCall(() => parseReply(xml), bounds),
  };
}

/** The sync path end to end on the codec side: SOAP envelope included, as it travels. */
function soapCases(bounds: LoopBounds): MessageCase[] {
  const query = sampleRequest("QUPC_IN010000UK32");
  const soapOptions = { to: "http://127.0.0.1:4100/sync-service", fromAddress: "http://127.0.0.1:3000" };
  const requestXml = buildSoapRequest(query, soapOptions).body;
  check(parseRequestDocument(requestXml, "text/xml").request.interactionId === "QUPC_IN010000UK32", "SOAP request round trip");
  const answer = sampleReplies().find((named) => named.reply.interactionId === "QUPC_IN030000UK14")?.reply;
  check(answer !== undefined, "sample QUPC_IN030000UK14 exists");
  const reply = answer as Hl7Reply;
  const replyXml = soapReply(reply);
  check(parseReplyDocument(replyXml, "text/xml").kind === "hl7", "SOAP reply round trip");
  return [
    {
      label: "SOAP QUPC_IN010000UK32 (sync request)",
      bytes: Buffer.byteLength(requestXml),
      build: measureEachCall(() => buildSoapRequest(query, soapOptions), bounds),
      parse: measureEachCall(() => parseRequestDocument(requestXml, "text/xml"), bounds),
    },
    {
      label: "SOAP QUPC_IN030000UK14 (sync reply)",
      bytes: Buffer.byteLength(replyXml),
      build: measureEachCall(() => soapReply(reply), bounds),
      parse: measureEachCall(() => parseReplyDocument(replyXml, "text/xml"), bounds),
    },
  ];
}

const us = (value: number) => formatNumber(value);

function messageTable(cases: readonly MessageCase[]): DetailTable {
  return {
    title: "Per message (bare HL7 unless marked SOAP): ops/s and per-call latency in µs",
    columns: ["message", "kB", "build ops/s", "build p50", "build p99", "parse ops/s", "parse p50", "parse p99"],
    rows: cases.map((c) => [
      c.label,
      (c.bytes / 1000).toFixed(1),
      us(c.build.opsPerSec),
      us(c.build.p50Us),
      us(c.build.p99Us),
      us(c.parse.opsPerSec),
      us(c.parse.p50Us),
      us(c.parse.p99Us),
    ]),
  };
}

function worst(cases: readonly MessageCase[], pick: (c: MessageCase) => number): { label: string; value: number } {
  let result = { label: "", value: Number.NEGATIVE_INFINITY };
  for (const c of cases) if (pick(c) > result.value) result = { label: c.label, value: pick(c) };
  return result;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function batchFigures(repeats: number): { figures: Figure[]; notes: string[] } {
  // Warm the same code paths on a small batch first, so the timed runs are not JIT start-up.
  const warm = batchConfirmRequest(100);
  parseReply(buildReply(batchConfirmationReply(warm.interactionId === "QUPC_IN090000UK03" ? warm.payload.nhsNumbers : [])));
  buildRequest(warm);

  const request = batchConfirmRequest(BATCH_PATIENTS);
  const nhsNumbers = request.interactionId === "QUPC_IN090000UK03" ? request.payload.nhsNumbers : [];
  check(nhsNumbers.length === BATCH_PATIENTS, "10,000 distinct synthetic patients");
  const buildMs: number[] = [];
  let requestXml = "";
  for (let i = 0; i < repeats; i++) {
    const timed = timeOnce(() => buildRequest(request));
    buildMs.push(timed.ms);
    requestXml = timed.value;
  }
  const replyXml = soapReply(batchConfirmationReply(nhsNumbers));
  const parseMs: number[] = [];
  for (let i = 0; i < repeats; i++) parseMs.push(timeOnce(() => parseReplyDocument(replyXml, "text/xml", BATCH_PARSE_OPTIONS)).ms);
  const retained = measureRetainedHeap(() => parseReplyDocument(replyXml, "text/xml", BATCH_PARSE_OPTIONS));
  const parsed = retained.value;
  check(
    parsed.kind === "hl7" && parsed.reply.interactionId === "QUPC_IN250000UK02" && parsed.reply.payload.results.length === BATCH_PATIENTS,
    "batch reply parsed in full",
  );

  const subject = `batch confirm, ${BATCH_PATIENTS.toLocaleString("en-GB")} patients`;
  const figures: Figure[] = [
    {
      subject: `${subject}: build request`,
      metric: `median of ${repeats}`,
      value: median(buildMs),
      unit: "ms",
      targetId: "hl7.batch.build.ms",
    },
    { subject: `${subject}: request size`, metric: "UTF-8", value: utf8Mb(requestXml), unit: "MB" },
    {
      subject: `${subject}: parse SOAP reply`,
      metric: `median of ${repeats}`,
      value: median(parseMs),
      unit: "ms",
      targetId: "hl7.batch.parse.ms",
    },
    { subject: `${subject}: reply size`, metric: "UTF-8", value: utf8Mb(replyXml), unit: "MB" },
    {
      subject: `${subject}: parsed reply`,
      metric: retained.exact ? "retained heap" : "heap growth (approx.)",
      value: retained.retainedHeapMb,
      unit: "MB",
    },
  ];
  const notes = [
    `batch reply parsed with maxBytes ${BATCH_PARSE_OPTIONS.limits.maxBytes / 1024 / 1024} MiB: the codec's 1 MiB default refuses it (reply is ${utf8Mb(replyXml).toFixed(1)} MB)`,
  ];
  if (!retained.exact) notes.push("run with `node --expose-gc --import tsx …` (run-all does) for an exact retained-heap figure");
  return { figures, notes };
}

/** The parser set-up the performance anchors timed (attributes on, NS prefixes removed; docs/performance.md): a machine-speed yardstick. */
function anchorParser(): XMLParser {
  return new XMLParser({ ignoreAttributes: false, removeNSPrefix: true, processEntities: false });
}

export async function runHl7CodecBench(settings: BenchSettings): Promise<BenchReport> {
  const cpu = startCpuMeter();
  const messageBounds = quickBounds(MESSAGE_BOUNDS, settings.quick);
  const bigBounds = quickBounds(BIG_MESSAGE_BOUNDS, settings.quick);

  warmUpCodec(settings.quick ? 5 : WARM_UP_ROUNDS);
  const cases: MessageCase[] = [
    ...sampleRequests().map(({ label, request }) => requestCase(label, request, messageBounds)),
    ...sampleReplies().map(({ label, reply }) => replyCase(label, reply, messageBounds)),
    ...soapCases(messageBounds),
  ];
  const worstBuildP50 = worst(cases, (c) => c.build.p50Us);
  const worstParseP50 = worst(cases, (c) => c.parse.p50Us);
  const worstP99 = worst(cases, (c) => Math.max(c.build.p99Us, c.parse.p99Us));

  const small = smallSoapReply();
  const large = largeSoapReply();
  check(parseReplyDocument(large.xml, "text/xml").kind === "hl7", "62 kB reply parses");
  const parser = anchorParser();
  const rounds = settings.quick ? 1 : ANCHOR_ROUNDS;
  const [rawSmall, smallXml] = bestOfRounds([() => parser.parse(small), () => parseXml(small)], messageBounds, rounds);
  const [rawLarge, largeXml, largeDocument] = bestOfRounds(
    [() => parser.parse(large.xml), () => parseXml(large.xml), () => parseReplyDocument(large.xml, "text/xml")],
    bigBounds,
    rounds,
  );
  if (!rawSmall || !smallXml || !rawLarge || !largeXml || !largeDocument) throw new Error("missing anchor figures");
  const smallLabel = `SOAP QUPC_IN040000UK30, ${(Buffer.byteLength(small) / 1000).toFixed(1)} kB`;
  const largeLabel = `SOAP QUPC_IN070000UK32 (${large.lrCount} LRs), ${(Buffer.byteLength(large.xml) / 1000).toFixed(1)} kB`;

  const batch = batchFigures(settings.quick ? 1 : BATCH_REPEATS);

  const figures: Figure[] = [
    {
      subject: `all ${cases.length} messages: slowest build (${worstBuildP50.label})`,
      metric: "p50",
      value: worstBuildP50.value,
      unit: "µs",
      targetId: "hl7.message.build.p50",
    },
    {
      subject: `all ${cases.length} messages: slowest parse (${worstParseP50.label})`,
      metric: "p50",
      value: worstParseP50.value,
      unit: "µs",
      targetId: "hl7.message.parse.p50",
    },
    {
      subject: `all ${cases.length} messages: worst tail (${worstP99.label})`,
      metric: "p99",
      value: worstP99.value,
      unit: "µs",
      targetId: "hl7.message.p99",
    },
    {
      subject: `calibration: raw fast-xml-parser ${smallLabel}`,
      metric: `mean, best of ${rounds}`,
      value: rawSmall.meanUs,
      unit: "µs",
      targetId: "hl7.calibration.fxp-2k.mean",
    },
    {
      subject: `calibration: raw fast-xml-parser ${largeLabel}`,
      metric: `mean, best of ${rounds}`,
      value: rawLarge.meanUs,
      unit: "µs",
      targetId: "hl7.calibration.fxp-62k.mean",
    },
    {
      subject: `parseXml ${smallLabel}`,
      metric: `mean, best of ${rounds}`,
      value: smallXml.meanUs,
      unit: "µs",
      targetId: "hl7.xml-2k.mean",
    },
    { subject: `parseXml ${smallLabel}`, metric: "throughput", value: smallXml.opsPerSec, unit: "ops/s" },
    {
      subject: `parseXml ${largeLabel}`,
      metric: `mean, best of ${rounds}`,
      value: largeXml.meanUs,
      unit: "µs",
      targetId: "hl7.xml-62k.mean",
    },
    { subject: `parseXml ${largeLabel}`, metric: "throughput", value: largeXml.opsPerSec, unit: "ops/s" },
    {
      subject: `parseReplyDocument ${largeLabel}`,
      metric: `mean, best of ${rounds}`,
      value: largeDocument.meanUs,
      unit: "µs",
      targetId: "hl7.document-62k.mean",
    },
    { subject: `parseReplyDocument ${largeLabel}`, metric: "p99", value: largeDocument.p99Us, unit: "µs" },
    ...batch.figures,
  ];

  return {
    title: "HL7 V3 codec (lib/hl7), in process",
    notes: [
      machineLine(),
      describeCpu(cpu()),
      "calibration rows repeat the anchors.md §4 parser set-up: if they miss, the machine (not the codec) is slower than when the anchors were taken",
      settings.quick
        ? "QUICK run (BENCH_QUICK=1): a tenth of the iterations — figures are rough"
        : "per-call timing with process.hrtime; loops bounded by count and time",
      "parseXml = the codec's safe XML read (checks + validation pass + parse pass + tree); parse* / parse*Document = XML → typed model",
      ...batch.notes,
    ],
    details: [messageTable(cases)],
    figures,
  };
}

if (isMainModule(import.meta.url)) void runAsScript("hl7-codec", runHl7CodecBench);
