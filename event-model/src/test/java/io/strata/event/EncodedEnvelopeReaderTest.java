package io.strata.event;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EncodedEnvelopeReaderTest {
  private final EnvelopeCodec codec = new EnvelopeCodec();

  private static EventEnvelope envelope(String payload, Instant ingestTime, String causation, String key) {
    return new EventEnvelope(
        "evt-é-1", "order.placed", 2, "acme", "order-42", Instant.parse("2024-05-01T10:15:30.123456Z"),
        ingestTime, "checkout", "corr-7", causation, key, payload);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "{\"a\":1}",
        "{\"amount\":1.50,\"big\":123456789012345678901234567890,\"exp\":1E+10,\"neg\":-0.0}",
        "{\"text\":\"quote \\\" backslash \\\\ tab \\t newline \\n control \\u0001 slash /\"}",
        "{\"unicode\":\"größe 東京 \uD83D\uDE00\",\"nested\":{\"list\":[1,\"two\",null,true,{\"x\":[]}]}}",
        "{ \"spaced\" : [ 1 , 2 ] }",
        // A lone surrogate and an escaped backslash before a 'u': the slow path gives the same.
        "{\"lone\":\"\\uD800 x\",\"path\":\"C:\\\\users\"}"
      })
  void givesWhatDecodeGivesForWhatEncodeWrote(String payload) throws IOException {
    for (EventEnvelope original :
        new EventEnvelope[] {
          envelope(payload, null, null, "order-42"),
          envelope(payload, Instant.parse("2024-05-01T10:15:31Z"), "cmd-3", "another-key")
        }) {
      byte[] encoded = codec.encode(original);
      EventEnvelope expected = ((DecodeResult.Valid) codec.decode(encoded)).envelope();
      assertThat(codec.decodeEncoded(encoded)).isEqualTo(expected);
    }
  }

  @Test
  void agreesWithDecodeOverManyEnvelopes() throws IOException {
    Random random = new Random(3);
    for (int i = 0; i < 2_000; i++) {
      String payload = "{\"n\":" + random.nextInt() + ",\"s\":\"" + Integer.toHexString(random.nextInt()) + "\"}";
      Instant ingest = Instant.ofEpochMilli(1_700_000_000_000L + random.nextInt(1_000_000_000));
      byte[] encoded = codec.encode(envelope(payload, ingest, i % 2 == 0 ? null : "c" + i, "k" + i));
      assertThat(codec.decodeEncoded(encoded)).isEqualTo(((DecodeResult.Valid) codec.decode(encoded)).envelope());
    }
  }

  @Test
  void inputEncodeDidNotWriteIsAnErrorNamingWhatIsWrong() throws IOException {
    String base =
        "{\"event_id\":\"e\",\"event_type\":\"t\",\"schema_version\":1,\"tenant_id\":\"a\",\"entity_id\":\"x\","
            + "\"event_time\":\"2024-05-01T10:15:30Z\",\"source\":\"s\",\"correlation_id\":\"c\",\"payload\":{}";
    assertThatThrownBy(() -> read("not json {\"secret\":1}")).hasMessage("not valid JSON at byte 4");
    assertThatThrownBy(() -> read("[1]")).hasMessage("not a JSON object");
    assertThatThrownBy(() -> read(base + ",\"extra\":1}")).hasMessage("unknown field 'extra'");
    assertThatThrownBy(() -> read(base.replace("\"payload\":{}", "\"payload\":\"{}\"") + "}"))
        .hasMessage("field 'payload' is not an object");
    assertThatThrownBy(() -> read(base.replace("\"schema_version\":1", "\"schema_version\":\"1\"") + "}"))
        .hasMessage("field 'schema_version' is not an integer");
    assertThatThrownBy(() -> read(base.replace("10:15:30Z", "12:15:30+02:00") + "}"))
        .hasMessageContaining("field 'event_time' is not a UTC timestamp as encode writes it");
    assertThatThrownBy(() -> read(base.replace("\"source\":\"s\",", "") + "}"))
        .hasMessageContaining("not a complete envelope: source is null");
    assertThatThrownBy(() -> read(base + "} {}")).hasMessage("data after the envelope");
    assertThat(codecRead(base + "}").key()).isEqualTo("x");
  }

  private EventEnvelope codecRead(String json) throws IOException {
    return codec.decodeEncoded(json.getBytes(UTF_8));
  }

  private void read(String json) throws IOException {
    codecRead(json);
  }
}
