package io.strata.views.store;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The view store of {@code strata up}: RocksDB in the stack's own process, under
 * {@code <data-dir>/views}, no server. The RocksDB is the one Flink ships ({@code frocksdbjni}): a second
 * RocksDB ({@code org.rocksdb:rocksdbjni}) cannot share the classpath with it.
 *
 * <p>One instance per folder and process, shared by everyone who opens it there (the projection job's
 * sink and the lookup API, both in the stack's JVM); it closes when the last of them closes it. A
 * conditional write reads and writes under one of 256 locks by key. Expired views are hidden at once
 * and swept from disk every {@code sweepEvery}.
 */
public final class EmbeddedViewStore implements ViewStore {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedViewStore.class);
  private static final Map<Path, EmbeddedViewStore> OPEN = new HashMap<>();
  private static final int HEADER = 4 * Long.BYTES;

  private final Path dir;
  private final RocksDB db;
  private final DBOptions dbOptions;
  private final ColumnFamilyOptions cfOptions;
  private final LRUCache cache;
  private final BloomFilter bloomFilter;
  private final ColumnFamilyHandle views;
  private final ColumnFamilyHandle meta;
  private final List<ColumnFamilyHandle> handles;
  private final WriteOptions writeOptions;
  private final ReentrantLock[] locks = new ReentrantLock[256];
  private final LongSupplier clock;
  private final ScheduledExecutorService sweeper;
  private int references;

  private EmbeddedViewStore(Path dir, LongSupplier clock, long sweepEveryMillis) throws RocksDBException {
    this.dir = dir;
    this.clock = clock;
    RocksDB.loadLibrary();
    writeOptions = new WriteOptions();
    dbOptions = new DBOptions().setCreateIfMissing(true).setCreateMissingColumnFamilies(true).setMaxBackgroundJobs(2);
    // Bounded memory beside the stack's heap: RocksDB's defaults (64 MB write buffers, two per column
    // family, three families) let resident memory creep up by a few hundred MB under load.
    cache = new LRUCache(32L << 20);
    bloomFilter = new BloomFilter(10);
    cfOptions =
        new ColumnFamilyOptions()
            .setWriteBufferSize(8L << 20)
            .setMaxWriteBufferNumber(2)
            .setTableFormatConfig(new BlockBasedTableConfig().setBlockCache(cache).setFilterPolicy(bloomFilter));
    List<ColumnFamilyDescriptor> descriptors =
        List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
            new ColumnFamilyDescriptor("views".getBytes(UTF_8), cfOptions),
            new ColumnFamilyDescriptor("meta".getBytes(UTF_8), cfOptions));
    handles = new ArrayList<>();
    db = RocksDB.open(dbOptions, dir.toString(), descriptors, handles);
    views = handles.get(1);
    meta = handles.get(2);
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
    sweeper =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "strata-view-store-sweeper");
              t.setDaemon(true);
              return t;
            });
    sweeper.scheduleWithFixedDelay(() -> sweepExpired(), sweepEveryMillis, sweepEveryMillis, TimeUnit.MILLISECONDS);
  }

  /** The store in {@code dir}, opened once per process; every {@link #open} needs a {@link #close}. */
  public static EmbeddedViewStore open(Path dir) {
    return open(dir, System::currentTimeMillis, TimeUnit.HOURS.toMillis(1));
  }

  static synchronized EmbeddedViewStore open(Path dir, LongSupplier clock, long sweepEveryMillis) {
    Path key = dir.toAbsolutePath().normalize();
    EmbeddedViewStore store = OPEN.get(key);
    if (store == null) {
      try {
        Files.createDirectories(key);
        store = new EmbeddedViewStore(key, clock, sweepEveryMillis);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the view store folder " + key, e);
      } catch (RocksDBException e) {
        throw new IllegalStateException("cannot open the view store in " + key + ": " + e.getMessage(), e);
      }
      OPEN.put(key, store);
    }
    store.references++;
    return store;
  }

  @Override
  public int putIfNewer(List<ViewWrite> writes) {
    int applied = 0;
    long now = clock.getAsLong();
    for (ViewWrite write : writes) {
      byte[] key = write.address().storeKey().getBytes(UTF_8);
      ReentrantLock lock = locks[Math.floorMod(java.util.Arrays.hashCode(key), locks.length)];
      lock.lock();
      try {
        byte[] current = db.get(views, key);
        if (current != null && !expired(current, now) && ByteBuffer.wrap(current).getLong() >= write.view().revision()) {
          continue;
        }
        db.put(views, writeOptions, key, encode(write.view(), now + write.ttlMillis()));
        applied++;
      } catch (RocksDBException e) {
        throw new IllegalStateException("view store write failed: " + e.getMessage(), e);
      } finally {
        lock.unlock();
      }
    }
    return applied;
  }

  @Override
  public Optional<StoredView> get(ViewAddress address) {
    try {
      byte[] value = db.get(views, address.storeKey().getBytes(UTF_8));
      return value == null || expired(value, clock.getAsLong()) ? Optional.empty() : Optional.of(decode(value));
    } catch (RocksDBException e) {
      throw new IllegalStateException("view store read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public long deleteVersion(String projection, int version) {
    byte[] from = ViewAddress.versionPrefix(projection, version).getBytes(UTF_8);
    byte[] to = from.clone();
    to[to.length - 1]++;
    long count = 0;
    try (RocksIterator it = db.newIterator(views)) {
      for (it.seek(from); it.isValid() && startsWith(it.key(), from); it.next()) {
        count++;
      }
      db.deleteRange(views, from, to);
    } catch (RocksDBException e) {
      throw new IllegalStateException("view store delete failed: " + e.getMessage(), e);
    }
    return count;
  }

  /** Deletes the expired views from disk; returns how many. */
  long sweepExpired() {
    long now = clock.getAsLong();
    long swept = 0;
    try (RocksIterator it = db.newIterator(views)) {
      for (it.seekToFirst(); it.isValid(); it.next()) {
        if (expired(it.value(), now)) {
          db.delete(views, it.key());
          swept++;
        }
      }
    } catch (RocksDBException | RuntimeException e) {
      LOG.warn("sweeping expired views failed", e);
    }
    return swept;
  }

  @Override
  public Optional<String> getMeta(String name) {
    try {
      byte[] value = db.get(meta, name.getBytes(UTF_8));
      return Optional.ofNullable(value).map(v -> new String(v, UTF_8));
    } catch (RocksDBException e) {
      throw new IllegalStateException("view store read failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void putMeta(String name, String value) {
    try {
      db.put(meta, writeOptions, name.getBytes(UTF_8), value.getBytes(UTF_8));
    } catch (RocksDBException e) {
      throw new IllegalStateException("view store write failed: " + e.getMessage(), e);
    }
  }

  @Override
  public String describe() {
    return "embedded (" + dir + ")";
  }

  @Override
  public void close() {
    synchronized (EmbeddedViewStore.class) {
      if (--references > 0) {
        return;
      }
      OPEN.remove(dir);
    }
    sweeper.shutdownNow();
    for (ColumnFamilyHandle handle : handles) {
      handle.close();
    }
    db.close();
    writeOptions.close();
    dbOptions.close();
    cfOptions.close();
    cache.close();
    bloomFilter.close();
  }

  private static byte[] encode(StoredView view, long expiresAtMillis) {
    return ByteBuffer.allocate(HEADER + view.document().length)
        .putLong(view.revision())
        .putLong(view.updatedAtMillis())
        .putLong(view.ingestTimeMillis())
        .putLong(expiresAtMillis)
        .put(view.document())
        .array();
  }

  private static StoredView decode(byte[] value) {
    ByteBuffer buffer = ByteBuffer.wrap(value);
    long revision = buffer.getLong();
    long updated = buffer.getLong();
    long ingest = buffer.getLong();
    buffer.getLong();
    byte[] document = new byte[value.length - HEADER];
    buffer.get(document);
    return new StoredView(revision, updated, ingest, document);
  }

  private static boolean expired(byte[] value, long now) {
    return ByteBuffer.wrap(value, 3 * Long.BYTES, Long.BYTES).getLong() <= now;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    if (key.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (key[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
