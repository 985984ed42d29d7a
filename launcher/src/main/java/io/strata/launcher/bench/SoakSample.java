package io.strata.launcher.bench;

/**
 * The stack's state at one moment of a soak run. Figures the stack did not report (yet) are NaN.
 *
 * @param seconds since the steady load began
 * @param sentRecords records sent so far
 * @param lakeRows rows the lake's commits of the steady phase hold
 * @param heapAfterGcMiB the least heap in use after a collection in the interval ending here (the
 *     heap's live set and what young collections could not yet free); the last value when none ran
 * @param gcPercent share of the interval's wall time spent in collection pauses
 * @param youngGcs young and mixed collections since the steady load began
 * @param fullGcs full collections since the steady load began
 * @param rssMiB the JVM's resident memory: heap, RocksDB, metaspace, threads
 * @param stateKeys estimated ids in the dedup state (RocksDB)
 * @param stateMiB the dedup state's files on local disk
 * @param checkpointMiB what the ingest job's last checkpoint uploaded (incremental)
 * @param checkpointFullMiB all the state the ingest job's last checkpoint refers to
 * @param checkpointSeconds the ingest job's last checkpoint, trigger to acknowledged
 * @param ingestLag records behind the end of the raw topic
 * @param tierLag records behind the end of the hot log
 * @param freshnessEvents tracked events whose lake commit was seen in the interval
 * @param freshnessP50 their send-to-lake seconds, median
 * @param freshnessP99 their send-to-lake seconds, 99th percentile
 */
public record SoakSample(
    double seconds,
    long sentRecords,
    long lakeRows,
    double heapAfterGcMiB,
    double gcPercent,
    long youngGcs,
    long fullGcs,
    double rssMiB,
    double stateKeys,
    double stateMiB,
    double checkpointMiB,
    double checkpointFullMiB,
    double checkpointSeconds,
    double ingestLag,
    double tierLag,
    int freshnessEvents,
    double freshnessP50,
    double freshnessP99) {}
