package io.strata.flink.ingest.source;

/** One record of the raw topic as it arrived: its bytes and where it came from. */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {}
