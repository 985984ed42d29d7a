package io.strata.launcher.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void aSetMinusItsSubsetIsTheChecksumOfTheRest() {
    EventChecksum before = new EventChecksum();
    before.add("t", "a", "{}");
    EventChecksum all = new EventChecksum();
    all.add("t", "b", "{\"x\":1}");
    all.add("t", "a", "{}");
    all.add("t", "c", "{}");
    EventChecksum run = new EventChecksum();
    run.add("t", "c", "{}");
    run.add("t", "b", "{\"x\":1}");
    assertThat(all.minus(before).value()).isEqualTo(run.value()).startsWith("2:");
    EventChecksum notThere = new EventChecksum();
    notThere.add("t", "d", "{}");
    assertThat(all.minus(notThere).value()).isNotEqualTo(run.value());
    assertThatThrownBy(() -> before.minus(all)).hasMessage("cannot take 3 events from 1");
  }
}
