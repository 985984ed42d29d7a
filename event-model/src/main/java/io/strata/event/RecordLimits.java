package io.strata.event;

/**
 * Record sizes that the broker, the topics, the producers and ingest agree on.
 *
 * <ul>
 *   <li>a payload may be up to {@link ValidationConfig#DEFAULT_MAX_PAYLOAD_BYTES} (1 MiB, compact JSON);
 *       a larger one goes to the dead-letter topic as {@code PAYLOAD_TOO_LARGE};
 *   <li>a record sent to {@code events.raw} may be up to {@link #MAX_RAW_RECORD_BYTES} (2 MiB, key, value
 *       and headers, as Kafka counts a batch): room for the largest payload and its envelope, so that the
 *       payload rule, not the broker, decides; a larger one is refused at the producer
 *       ({@code RecordTooLargeException}) and never reaches the pipeline;
 *   <li>every other topic and every producer of the pipeline take up to {@link #MAX_RECORD_BYTES}: a
 *       hot-log record (the envelope re-encoded with its ingest time) or a dead letter (the raw record
 *       and its reason in headers) of the largest raw record still fits.
 * </ul>
 */
public final class RecordLimits {
  public static final int MAX_RAW_RECORD_BYTES = 2 << 20;
  public static final int MAX_RECORD_BYTES = MAX_RAW_RECORD_BYTES + (64 << 10);
  /** Room in a raw record for everything but the payload: the envelope's fields, the key, headers. */
  public static final int ENVELOPE_ALLOWANCE_BYTES = 256 << 10;

  private RecordLimits() {}

  /** The largest {@code strata.ingest.max-payload-bytes} that the raw topic's limit leaves room for. */
  public static int maxPayloadLimit() {
    return MAX_RAW_RECORD_BYTES - ENVELOPE_ALLOWANCE_BYTES;
  }
}
