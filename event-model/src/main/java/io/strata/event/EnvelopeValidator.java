package io.strata.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import java.io.Serial;
import java.io.Serializable;
import java.util.Optional;

/**
 * The ingest job's single entry point: decode, check the payload size, check the type and version
 * against the registry, check the payload against the schema of its version, and upcast to the latest
 * version. Never throws on bad input; rejections carry a reason.
 */
public final class EnvelopeValidator implements Serializable {

  @Serial private static final long serialVersionUID = 1L;

  private final ValidationConfig config;
  private final EventTypeRegistry registry;
  private final PayloadSchemas schemas;
  private final EnvelopeCodec codec = new EnvelopeCodec();

  /** Types and versions from the registry, payloads unchecked beyond being JSON objects. */
  public EnvelopeValidator(ValidationConfig config, EventTypeRegistry registry) {
    this(config, registry, PayloadSchemas.NONE);
  }

  public EnvelopeValidator(ValidationConfig config, EventTypeRegistry registry, PayloadSchemas schemas) {
    this.config = requireNonNull(config, "config is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.schemas = requireNonNull(schemas, "schemas is null");
  }

  public DecodeResult validate(byte[] bytes) {
    DecodeResult decoded = codec.decode(bytes);
    if (!(decoded instanceof DecodeResult.Valid valid)) {
      return decoded;
    }
    EventEnvelope envelope = valid.envelope();
    int payloadBytes = envelope.payload().getBytes(UTF_8).length;
    if (payloadBytes > config.maxPayloadBytes()) {
      return invalid(
          RejectionCode.PAYLOAD_TOO_LARGE,
          "payload is " + payloadBytes + " bytes, over the limit of " + config.maxPayloadBytes());
    }
    String type = envelope.eventType();
    if (!registry.isKnown(type)) {
      return invalid(RejectionCode.UNKNOWN_EVENT_TYPE, "unknown event type '" + type + "'");
    }
    if (envelope.schemaVersion() > registry.latestVersion(type)) {
      return invalid(
          RejectionCode.UNKNOWN_SCHEMA_VERSION,
          registry.unknownVersionMessage(type, envelope.schemaVersion()));
    }
    Optional<String> violation = schemas.violation(type, envelope.schemaVersion(), envelope.payload());
    if (violation.isPresent()) {
      return invalid(RejectionCode.PAYLOAD_INVALID, violation.get());
    }
    try {
      return new DecodeResult.Valid(registry.upcastToLatest(envelope), valid.ignoredFields());
    } catch (UpcastFailedException e) {
      return invalid(RejectionCode.UPCAST_FAILED, e.getMessage());
    }
  }

  public ValidationConfig config() {
    return config;
  }

  public EventTypeRegistry registry() {
    return registry;
  }

  private static DecodeResult invalid(RejectionCode code, String message) {
    return new DecodeResult.Invalid(new Rejection(code, message));
  }
}
