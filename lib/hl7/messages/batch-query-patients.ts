/**
 * The patients of a QUPC_IN090000UK03 this system built, read from its stored bytes without
 * parsing the 1.3 MB message back: every `patient.id` exactly as the codec writes it. If the count
 * of `patient.id` elements and of matches differ (a message not in the codec's own form), the
 * answer is undefined and the caller parses the message instead.
 */
const PATIENT_ID =
  /<patient\.id><value root="2\.16\.840\.1\.113883\.2\.1\.4\.1" extension="([^"&<]*)"\/><semanticsText>Patient\.Id<\/semanticsText><\/patient\.id>/g;

export function readBatchQueryNhsNumbers(requestXml: string): string[] | undefined {
  const found: string[] = [];
  for (const match of requestXml.matchAll(PATIENT_ID)) found.push(match[1] ?? "");
  const elements = requestXml.match(/<(?:[A-Za-z_][\w.-]*:)?patient\.id[\s/>]/g)?.length ?? 0;
  return found.length > 0 && found.length === elements ? found : undefined;
}
