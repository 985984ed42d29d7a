package io.strata.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class BearerTokenCheckTest {
  private final BearerTokenCheck check = new BearerTokenCheck(Optional.of("s3cr3t"));

  @Test
  void withoutATokenEverythingPasses() {
    BearerTokenCheck open = new BearerTokenCheck(Optional.empty());

    assertThat(open.enabled()).isFalse();
    assertThat(open.rejection(null)).isEmpty();
  }

  @Test
  void theRightTokenPasses() {
    assertThat(check.rejection("Bearer s3cr3t")).isEmpty();
    assertThat(check.rejection("bearer s3cr3t")).isEmpty();
  }

  @Test
  void missingWrongOrOtherSchemesAreRejectedWithoutEchoingTheToken() {
    assertThat(check.rejection(null)).hasValueSatisfying(m -> assertThat(m).startsWith("missing"));
    assertThat(check.rejection("Bearer nope")).hasValue("invalid bearer token");
    assertThat(check.rejection("Bearer s3cr3")).hasValue("invalid bearer token");
    assertThat(check.rejection("Basic czNjcjN0"))
        .hasValue("the Authorization header must use the Bearer scheme");
  }
}
