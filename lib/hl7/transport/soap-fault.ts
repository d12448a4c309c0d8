import { NS } from "@/lib/hl7/transport/namespaces";
import { el, type XmlElement } from "@/lib/hl7/xml/xml-node";
import { child, children, find, textOf } from "@/lib/hl7/xml/xml-query";
import { serializeXml } from "@/lib/hl7/xml/xml-write";

/** One nasp:error inside a SOAP fault's errorList (or an MHS error list). */
export interface SoapFaultError {
  codeContext: string;
  errorCode: string;
  severity: string;
  location?: string;
  description: string;
}

export interface SoapFault {
  faultCode: string;
  faultString: string;
  errors: SoapFaultError[];
}

/** SOAP Fault with nasp:errorList (docs/domain.md §7.1); sent with HTTP 500. */
export function buildSoapFault(fault: SoapFault): string {
  return serializeXml(
    el(
      "SOAP:Envelope",
      { "xmlns:SOAP": NS.soap },
      el(
        "SOAP:Body",
        {},
        el(
          "SOAP:Fault",
          {},
          el("faultcode", {}, fault.faultCode),
          el("faultstring", {}, fault.faultString),
          el(
            "detail",
            {},
            el(
              "nasp:errorList",
              { "xmlns:nasp": NS.nasp },
              fault.errors.map((e) =>
                el(
                  "nasp:error",
                  {},
                  el("nasp:codeContext", {}, e.codeContext),
                  el("nasp:errorCode", {}, e.errorCode),
                  el("nasp:severity", {}, e.severity),
                  e.location !== undefined ? el("nasp:location", {}, e.location) : undefined,
                  el("nasp:description", {}, e.description),
                ),
              ),
            ),
          ),
        ),
      ),
    ),
    { declaration: true },
  );
}

/** Read a SOAP Fault element (tolerant: missing parts read as empty strings). */
export function readSoapFault(fault: XmlElement): SoapFault {
  const list = find(fault, "detail/errorList");
  return {
    faultCode: textOf(child(fault, "faultcode"))?.trim() ?? "",
    faultString: textOf(child(fault, "faultstring"))?.trim() ?? "",
    errors: list
      ? children(list, "error").map((e) => {
          const error: SoapFaultError = {
            codeContext: textOf(child(e, "codeContext"))?.trim() ?? "",
            errorCode: textOf(child(e, "errorCode"))?.trim() ?? "",
            severity: textOf(child(e, "severity"))?.trim() ?? "",
            description: textOf(child(e, "description"))?.trim() ?? "",
          };
          const location = textOf(child(e, "location"));
          if (location !== undefined) error.location = location.trim();
          return error;
        })
      : [],
  };
}
