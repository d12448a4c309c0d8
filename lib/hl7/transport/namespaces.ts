/** Transport namespaces (docs/domain.md §8.1, §8.2). */
export const NS = {
  soap: "http://schemas.xmlsoap.org/soap/envelope/",
  wsa: "http://schemas.xmlsoap.org/ws/2004/08/addressing",
  hl7: "urn:hl7-org:v3",
  eb: "http://www.oasis-open.org/committees/ebxml-msg/schema/msg-header-2_0.xsd",
  hl7ebxml: "urn:hl7-org:transport/ebXML/DSTUv1.0",
  xlink: "http://www.w3.org/1999/xlink",
  nasp: "http://national.carerecords.nhs.uk/schema/",
} as const;

export const PARTY_ID_TYPE = "urn:nhs:names:partyType:ocs+serviceInstance";
export const TO_PARTY_MSH_ACTOR = "urn:oasis:names:tc:ebxml-msg:actor:toPartyMSH";
export const NEXT_MSH_ACTOR = "http://schemas.xmlsoap.org/soap/actor/next";
export const EBXML_SERVICE = "urn:oasis:names:tc:ebxml-msg:service";
export const EBXML_ERROR_CONTEXT = "urn:oasis:names:tc:ebxml-msg:service:errors";
export const MIME_BOUNDARY = "--=_MIME-Boundary";
export const EBXML_HEADER_CONTENT_ID = "ebXMLHeader@spine.nhs.uk";
export const XML_CONTENT_TYPE = "text/xml; charset=UTF-8";
