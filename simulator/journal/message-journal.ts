import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Kysely } from "kysely";
import type { SimulatorDatabase } from "@/simulator/store/schema";

export interface JournalEntry {
  direction: "inbound" | "outbound";
  /** "sync-soap" | "ebxml" | "mhs" | "pds" … */
  transport: string;
  interactionId?: string;
  messageId?: string;
  refToMessageId?: string;
  senderAsid?: string;
  httpStatus?: number;
  /** Short machine-readable outcome: "accepted", "duplicate", "soap-fault:206", "acked" … */
  outcome: string;
  body: string;
  /** ebXML multipart bodies are journalled as .http files, everything else as .xml. */
  multipart?: boolean;
}

/** File-name-safe, sortable UTC timestamp: 20250106T090000123Z. */
export function journalTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(".", "");
}

function safePart(value: string | undefined, fallback: string): string {
  const cleaned = (value ?? "").replace(/[^A-Za-z0-9_.-]/g, "");
  return cleaned === "" ? fallback : cleaned;
}

/**
 * The message log: every message body in the database (read by /_control/messages) and, when
 * SPINE_MESSAGE_LOG_DIR is set, one file per message named like the BFF's journal:
 * <timestamp>-<direction>-<interactionId>-<messageId>.xml (.http for ebXML multipart).
 */
export class MessageJournal {
  constructor(
    private readonly db: Kysely<SimulatorDatabase>,
    private readonly options: { logDir?: string; now: () => Date },
  ) {}

  async record(entry: JournalEntry): Promise<void> {
    const at = this.options.now();
    await this.db
      .insertInto("message_log")
      .values({
        logged_at: at.toISOString(),
        direction: entry.direction,
        transport: entry.transport,
        interaction_id: entry.interactionId ?? null,
        message_id: entry.messageId ?? null,
        ref_to_message_id: entry.refToMessageId ?? null,
        sender_asid: entry.senderAsid ?? null,
        http_status: entry.httpStatus ?? null,
        outcome: entry.outcome,
        body: entry.body,
      })
      .execute();
    if (this.options.logDir) await this.writeFile(at, entry, this.options.logDir);
  }

  private async writeFile(at: Date, entry: JournalEntry, logDir: string): Promise<void> {
    await mkdir(logDir, { recursive: true });
    const stem = [
      journalTimestamp(at),
      entry.direction,
      safePart(entry.interactionId, "unknown"),
      safePart(entry.messageId, "no-message-id"),
    ].join("-");
    const extension = entry.multipart ? "http" : "xml";
    // A repeated message id (duplicate reply, retry) gets a suffix rather than overwriting.
    for (let attempt = 0; attempt < 100; attempt++) {
      const name = attempt === 0 ? `${stem}.${extension}` : `${stem}-${attempt + 1}.${extension}`;
      try {
        await writeFile(path.join(logDir, name), entry.body, { flag: "wx" });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  }
}
