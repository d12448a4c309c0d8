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

/**
 * A batch query in the codec's own form as its skeleton (the message with its first `patient.id`
 * only: a few kB to parse instead of 1.3 MB) and every patient it names. Undefined unless every
 * `patient.id` is in that form and they stand together in one run (nothing else between them), so
 * the skeleton is the message with the rest of the run cut out and reads the same everywhere else.
 */
export function readBatchQuerySkeleton(requestXml: string): { skeletonXml: string; nhsNumbers: string[] } | undefined {
  const nhsNumbers: string[] = [];
  let runStart = -1;
  let runEnd = -1;
  let secondStart = -1;
  for (const match of requestXml.matchAll(PATIENT_ID)) {
    const start = match.index ?? 0;
    if (runStart < 0) runStart = start;
    else if (requestXml.slice(runEnd, start).trim() !== "") return undefined;
    else if (secondStart < 0) secondStart = runEnd;
    runEnd = start + match[0].length;
    nhsNumbers.push(match[1] ?? "");
  }
  const elements = requestXml.match(/<(?:[A-Za-z_][\w.-]*:)?patient\.id[\s/>]/g)?.length ?? 0;
  if (nhsNumbers.length === 0 || nhsNumbers.length !== elements) return undefined;
  const skeletonXml = secondStart < 0 ? requestXml : requestXml.slice(0, secondStart) + requestXml.slice(runEnd);
  return { skeletonXml, nhsNumbers };
}
