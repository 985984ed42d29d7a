package io.strata.flink.ingest.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventIdHashTest {
  @Test
  void theSameIdGivesTheSameDigestAndDistinctIdsDistinctOnes() {
    EventIdHash hash = new EventIdHash();
    assertThat(hash.of("evt-1")).containsExactly(new EventIdHash().of("evt-1"));
    Set<String> digests = new HashSet<>();
    for (int i = 0; i < 100_000; i++) {
      long[] d = hash.of(new UUID(7, i).toString());
      digests.add(d[0] + ":" + d[1]);
    }
    assertThat(digests).hasSize(100_000);
  }

  @Test
  void isMd5OfTheUtf8Bytes() {
    // RFC 1321 test vector: MD5("abc") = 900150983cd24fb0 d6963f7d28e17f72.
    assertThat(new EventIdHash().of("abc")).containsExactly(0x900150983cd24fb0L, 0xd6963f7d28e17f72L);
  }
}
