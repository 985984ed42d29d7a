package io.strata.event;

/** The reason class of a rejected message; dead-letter records carry it next to the message. */
public enum RejectionCode {
  NOT_JSON,
  NOT_AN_OBJECT,
  MISSING_FIELD,
  EMPTY_FIELD,
  WRONG_TYPE,
  BAD_TIMESTAMP,
  PAYLOAD_TOO_LARGE,
  UNKNOWN_EVENT_TYPE,
  UNKNOWN_SCHEMA_VERSION,
  PAYLOAD_INVALID,
  UPCAST_FAILED
}
