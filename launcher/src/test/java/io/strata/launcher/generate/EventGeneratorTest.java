package io.strata.launcher.generate;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.event.DecodeResult;
import io.strata.event.EnvelopeValidator;
import io.strata.event.StrataEventTypes;
import io.strata.event.ValidationConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventGeneratorTest {
  private static final EnvelopeValidator VALIDATOR =
      new EnvelopeValidator(ValidationConfig.defaults(), StrataEventTypes.defaults());

  private static GeneratorConfig config(long count, long seed) {
    return new GeneratorConfig(
        count, 0.05, 0.01, 3, 20, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofDays(2), seed);
  }

  private static List<GeneratedRecord> all(EventGenerator generator) {
    List<GeneratedRecord> records = new ArrayList<>();
    generator.forEachRemaining(records::add);
    return records;
  }

  @Test
  void sameSeedSameRecords() {
    List<GeneratedRecord> a = all(new EventGenerator(config(500, 9)));
    List<GeneratedRecord> b = all(new EventGenerator(config(500, 9)));
    assertThat(a).hasSize(500);
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).value()).isEqualTo(b.get(i).value());
    }
  }

  @Test
  void everyRecordIsWhatItSaysItIs() {
    EventGenerator generator = new EventGenerator(config(20_000, 4));
    Set<String> uniqueIds = new HashSet<>();
    long duplicates = 0;
    long invalid = 0;
    for (GeneratedRecord record : all(generator)) {
      DecodeResult result = VALIDATOR.validate(record.value());
      switch (record.kind()) {
        case VALID -> {
          assertThat(result).isInstanceOf(DecodeResult.Valid.class);
          assertThat(uniqueIds.add(((DecodeResult.Valid) result).envelope().eventId())).isTrue();
        }
        case DUPLICATE -> {
          duplicates++;
          assertThat(uniqueIds).contains(((DecodeResult.Valid) result).envelope().eventId());
        }
        case INVALID -> {
          invalid++;
          assertThat(result).isInstanceOf(DecodeResult.Invalid.class);
          assertThat(((DecodeResult.Invalid) result).rejection().code().name())
              .isEqualTo(record.expectedRejection());
        }
      }
    }
    assertThat(generator.checksum().count()).isEqualTo(uniqueIds.size());
    assertThat(generator.duplicates()).isEqualTo(duplicates);
    assertThat(generator.invalid()).isEqualTo(invalid);
    // The ratios hold within sampling noise on 20,000 draws.
    assertThat(duplicates).isBetween(850L, 1150L);
    assertThat(invalid).isBetween(140L, 260L);
    assertThat(generator.orderByEntity().values().stream().mapToLong(List::size).sum())
        .isEqualTo(uniqueIds.size());
  }

  @Test
  void withoutDuplicatesOrInvalidRecordsTheNthRecordCarriesSequenceN() {
    GeneratorConfig clean =
        new GeneratorConfig(500, 0, 0, 3, 20, Instant.parse("2026-11-01T00:00:00Z"), Duration.ofDays(2), 5);
    EventGenerator generator = new EventGenerator(clean, false);
    List<GeneratedRecord> records = all(generator);
    for (int i = 0; i < records.size(); i++) {
      String eventId = ((DecodeResult.Valid) VALIDATOR.validate(records.get(i).value())).envelope().eventId();
      assertThat(EventGenerator.sequenceOf(eventId)).isEqualTo(i);
    }
    assertThat(generator.checksum().count()).isEqualTo(500);
    assertThat(generator.orderByEntity()).isEmpty();
  }
}
