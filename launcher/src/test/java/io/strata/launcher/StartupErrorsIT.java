package io.strata.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.embedded.EmbeddedS3;
import io.strata.embedded.FreePorts;
import io.strata.embedded.S3Credentials;
import io.strata.launcher.stack.StackConfig;
import io.strata.launcher.stack.StrataStack;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Bad configuration stops start-up with a message that names what to fix. */
class StartupErrorsIT {
  @TempDir Path dataDir;

  @Test
  void anUnknownKeyIsNamedAndUpExitsWithStatus2() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream saved = System.err;
    int status;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      status = new CommandLine(new StrataCli()).execute("up", "-Dstrata.kafka.prot=9092");
    } finally {
      System.setErr(saved);
    }
    assertThat(status).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("bad configuration: unknown configuration key 'strata.kafka.prot'");
  }

  @Test
  void aPortInUseIsNamed() throws Exception {
    Map<String, String> settings = TestStacks.settings(dataDir);
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      settings.put("strata.kafka.port", String.valueOf(taken.getLocalPort()));
      assertThatThrownBy(() -> StrataStack.start(StackConfig.from(settings)))
          .hasMessageContaining("strata.kafka.port")
          .hasMessageContaining("port " + taken.getLocalPort() + " on 127.0.0.1 is already in use");
    }
    // What had started (the object store) was stopped again: its port is free.
    FreePorts.requireFree("strata.s3.port", Integer.parseInt(settings.get("strata.s3.port")));
  }

  @Test
  void aMissingBucketOnAnExternalStoreIsNamed() throws Exception {
    S3Credentials credentials = new S3Credentials("ext", "ext-secret");
    try (EmbeddedS3 external = EmbeddedS3.start(dataDir.resolve("external-s3"), 0, credentials)) {
      Map<String, String> settings = TestStacks.settings(dataDir);
      settings.put("strata.s3.embedded", "false");
      settings.put("strata.s3.endpoint", external.endpoint().toString());
      settings.put("strata.s3.access-key", "ext");
      settings.put("strata.s3.secret-key", "ext-secret");
      settings.put("strata.s3.bucket", "no-such-bucket");
      assertThatThrownBy(() -> StrataStack.start(StackConfig.from(settings)))
          .hasMessageContaining("strata.s3.bucket")
          .hasMessageContaining("bucket 'no-such-bucket' does not exist at " + external.endpoint());
    }
  }

  @Test
  void anUnreachableCatalogIsNamed() {
    Map<String, String> settings = TestStacks.settings(dataDir);
    int closed = FreePorts.pick();
    settings.put("strata.catalog.embedded", "false");
    settings.put("strata.tier.catalog-uri", "http://127.0.0.1:" + closed);
    assertThatThrownBy(() -> StrataStack.start(StackConfig.from(settings)))
        .hasMessageContaining("strata.tier.catalog-uri")
        .hasMessageContaining("the catalog at http://127.0.0.1:" + closed + " is unreachable");
  }

  @Test
  void aBadValueIsNamed() {
    Map<String, String> settings = TestStacks.settings(dataDir);
    settings.put("strata.checkpoint.interval", "often");
    assertThatThrownBy(() -> StackConfig.from(settings))
        .hasMessageStartingWith("strata.checkpoint.interval must be a duration");
  }
}
