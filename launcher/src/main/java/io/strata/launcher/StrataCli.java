package io.strata.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code strata} command. */
@Command(
    name = "strata",
    mixinStandardHelpOptions = true,
    version = "strata 0.1.0",
    description = "Strata: a lakehouse event store (Kafka hot log, Flink, Iceberg lake).",
    subcommands = {UpCommand.class, GenerateCommand.class})
public final class StrataCli {
  public static void main(String[] args) {
    // S3FileIO against S3-compatible stores: checksums only where the API requires them.
    System.setProperty("aws.requestChecksumCalculation", "WHEN_REQUIRED");
    System.setProperty("aws.responseChecksumValidation", "WHEN_REQUIRED");
    System.exit(new CommandLine(new StrataCli()).execute(args));
  }
}
