package io.strata.launcher.stack;

import io.strata.embedded.trino.TrinoSettings;
import java.net.URI;

/** Trino's settings from the stack's: the same catalog, object store and credentials. */
final class TrinoSettingsFactory {
  private TrinoSettingsFactory() {}

  static TrinoSettings from(StackConfig config, String catalogUri) {
    TrinoSettings.Builder builder =
        TrinoSettings.builder()
            .serverDir(config.trinoServerDir())
            .etcTemplateDir(config.trinoEtcTemplate())
            .workDir(config.dataDir().resolve("trino"))
            .httpPort(config.trinoPort())
            .heap(config.trinoHeap())
            .catalogUri(URI.create(catalogUri))
            .s3(URI.create(config.s3Endpoint()), config.s3Credentials())
            .s3Region(config.catalog().s3Region());
    config.trinoJavaHome().ifPresent(builder::javaHome);
    config.tier().catalogToken().ifPresent(builder::catalogToken);
    return builder.build();
  }
}
