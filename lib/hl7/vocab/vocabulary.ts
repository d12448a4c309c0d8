/** A coded vocabulary held as data: code system, display names, and optional per-code facts. */
export interface VocabularyEntry {
  code: string;
  displayName: string;
}

export interface Vocabulary<E extends VocabularyEntry = VocabularyEntry> {
  name: string;
  codeSystem: string;
  entries: readonly E[];
}

export function displayNameOf(vocab: Vocabulary, code: string): string | undefined {
  return vocab.entries.find((e) => e.code === code)?.displayName;
}

export function isCodeIn(vocab: Vocabulary, code: string): boolean {
  return vocab.entries.some((e) => e.code === code);
}

export function entryOf<E extends VocabularyEntry>(vocab: Vocabulary<E>, code: string): E | undefined {
  return vocab.entries.find((e) => e.code === code);
}
