package io.strata.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code strata} command. */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    // --help and --version on every subcommand too.
    scope = CommandLine.ScopeType.INHERIT,
    version = "strata 0.1.0",
    description = "Strata: a lakehouse event store (Kafka hot log, Flink, Iceberg lake).",
    subcommands = {
      UpCommand.class, GenerateCommand.class, SqlCommand.class, StatusCommand.class, BenchCommand.class,
      BenchSqlCommand.class, BenchLookupCommand.class, BenchLakeCommand.class, SoakCommand.class, ChecksumCommand.class,
      ProjectionsCommand.class, PolicyCommand.class, SchemasCommand.class, DlqCommand.class
    })
public final class StrataCli {
  public static void main(String[] args) {
    // S3FileIO against S3-compatible stores: checksums only where the API requires them.
    System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
    System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
    // Flink's S3 filesystem bundles the v1 SDK; its deprecation notice is not ours to act on.
    System.setProperty("aws.java.v1.disableDeprecationAnnouncement", "true");
    System.exit(new CommandLine(new StrataCli()).execute(args));
  }
}
