package io.strata.flink.ingest.sink;

/**
 * A rejected raw record: the original key and value bytes untouched, why it was rejected, and where it
 * came from, so it can be inspected and replayed.
 */
public record DeadLetter(
    byte[] key,
    byte[] value,
    String reasonCode,
    String reason,
    String sourceTopic,
    int sourcePartition,
    long sourceOffset) {}
