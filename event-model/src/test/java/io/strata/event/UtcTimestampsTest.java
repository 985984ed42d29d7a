package io.strata.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "2024-05-01T10:15:30Z", "2024-05-01T10:15:30.1Z", "2024-05-01T10:15:30.123Z",
        "2024-05-01T10:15:30.123456789Z", "2024-02-29T23:59:59.999Z", "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999999999Z"
      })
  void readsTheCanonicalShapeAsTheFullParserDoes(String text) {
    Instant expected = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    assertThat(UtcTimestamps.parse(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // Not the fast shape: left to the full parser, which accepts or rejects them.
        "2024-05-01T10:15:30+02:00", "2024-05-01t10:15:30z", "2024-05-01T10:15:30.Z",
        "2024-05-01T10:15:30.1234567890Z",
        // Not a valid date or time: the full parser rejects them.
        "2023-02-29T10:15:30Z", "2024-13-01T10:15:30Z", "2024-05-01T24:00:00Z", "2024-05-01T10:60:00Z",
        "2024-05-01T10:15:60Z", "2024-05-01T10:15:3xZ", "2024-05-01 10:15:30Z", "yesterday",
        "2024-05-01T10:15:30", "+2024-05-01T10:15:30Z", "2024-05-01T10:15:30.-1Z"
      })
  void leavesEveryOtherShapeToTheFullParser(String text) {
    assertThat(UtcTimestamps.parse(text)).isNull();
  }

  @Test
  void agreesWithInstantToStringOverManyInstants() {
    Random random = new Random(11);
    for (int i = 0; i < 10_000; i++) {
      Instant instant =
          Instant.ofEpochSecond(random.nextLong(-62_000_000_000L, 253_000_000_000L), random.nextInt(1_000_000_000));
      if (i % 3 == 0) {
        instant = Instant.ofEpochMilli(instant.toEpochMilli());
      }
      assertThat(UtcTimestamps.parse(instant.toString())).as(instant.toString()).isEqualTo(instant);
    }
  }
}
