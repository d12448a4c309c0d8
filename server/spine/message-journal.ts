import "server-only";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Support/training journal: with SPINE_MESSAGE_LOG_DIR set, every message body exactly as sent or
 * received goes to one file `<timestamp>-<direction>-<interactionId>-<messageId>.xml` (`.http`
 * for ebXML multipart). Off by default; config refuses it in live mode without confirmation.
 * A journal failure is logged by the caller and never fails the Spine exchange.
 */
export interface JournalEntry {
  direction: "outbound" | "inbound";
  interactionId?: string;
  messageId?: string;
  body: string;
  multipart?: boolean;
}

export type MessageJournal = (entry: JournalEntry) => Promise<void>;

export const noJournal: MessageJournal = async () => undefined;

/** Sortable, file-name-safe UTC timestamp: 20250106T090000123Z. */
export function journalTimestamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(".", "");
}

function safePart(value: string | undefined, fallback: string): string {
  const cleaned = (value ?? "").replace(/[^A-Za-z0-9_.-]/g, "");
  return cleaned === "" ? fallback : cleaned.slice(0, 80);
}

export function fileJournal(logDir: string, now: () => Date = () => new Date()): MessageJournal {
  return async (entry) => {
    await mkdir(logDir, { recursive: true });
    const stem = [
      journalTimestamp(now()),
      entry.direction,
      safePart(entry.interactionId, "unknown"),
      safePart(entry.messageId, "no-message-id"),
    ].join("-");
    const extension = entry.multipart ? "http" : "xml";
    // A retry or duplicate reply reuses the message id: add a suffix rather than overwrite.
    for (let n = 1; n <= 100; n++) {
      const name = n === 1 ? `${stem}.${extension}` : `${stem}-${n}.${extension}`;
      try {
        await writeFile(path.join(logDir, name), entry.body, { flag: "wx" });
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  };
}

export function journalFor(logDir: string | undefined): MessageJournal {
  return logDir ? fileJournal(logDir) : noJournal;
}
