/** Spine message ids are upper-case UUIDs (docs/domain.md §2.2). */
export function newMessageId(): string {
  // Web Crypto (Node 20+ and browsers) keeps this module usable from client components too.
  return globalThis.crypto.randomUUID().toUpperCase();
}

/** wsa:MessageID form: "uuid:" + 36-char UUID = exactly 41 chars (Spine validator rule). */
export function toWsaMessageId(id: string): string {
  return id.startsWith("uuid:") ? id : `uuid:${id}`;
}

export function fromWsaMessageId(value: string): string {
  return value.trim().replace(/^uuid:/i, "");
}

const UUID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
