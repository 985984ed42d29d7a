package io.strata.launcher.generate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventChecksumTest {
  @Test
  void orderDoesNotMatterButEveryEventDoes() {
    EventChecksum ab = new EventChecksum();
    ab.add("t", "a", "{}");
    ab.add("t", "b", "{\"x\":1}");
    EventChecksum ba = new EventChecksum();
    ba.add("t", "b", "{\"x\":1}");
    ba.add("t", "a", "{}");
    assertThat(ab.value()).isEqualTo(ba.value()).startsWith("2:");

    EventChecksum doubled = new EventChecksum();
    doubled.add("t", "a", "{}");
    doubled.add("t", "b", "{\"x\":1}");
    doubled.add("t", "b", "{\"x\":1}");
    assertThat(doubled.value()).isNotEqualTo(ab.value());

    EventChecksum altered = new EventChecksum();
    altered.add("t", "a", "{}");
    altered.add("t", "b", "{\"x\":2}");
    assertThat(altered.value()).isNotEqualTo(ab.value());

    EventChecksum otherTenant = new EventChecksum();
    otherTenant.add("u", "a", "{}");
    otherTenant.add("t", "b", "{\"x\":1}");
    assertThat(otherTenant.value()).isNotEqualTo(ab.value());
  }
}
