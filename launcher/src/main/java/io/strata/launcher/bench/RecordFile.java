package io.strata.launcher.bench;

import io.strata.launcher.generate.GeneratedRecord;
import io.strata.launcher.generate.GeneratedRecord.Kind;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Generated records kept in a file, so that two runs send exactly the same bytes and neither pays for
 * generating them. Each record is its key and value, each prefixed by its length.
 *
 * @param path the file
 * @param records records in it
 * @param bytes key and value bytes of all records
 */
public record RecordFile(Path path, long records, long bytes) {

  /** Writes every record the iterator gives. */
  public static RecordFile write(Path path, Iterator<GeneratedRecord> source) throws IOException {
    long records = 0;
    long bytes = 0;
    try (DataOutputStream out =
        new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path), 1 << 20))) {
      while (source.hasNext()) {
        GeneratedRecord record = source.next();
        out.writeInt(record.key().length);
        out.write(record.key());
        out.writeInt(record.value().length);
        out.write(record.value());
        records++;
        bytes += record.key().length + record.value().length;
      }
    }
    return new RecordFile(path, records, bytes);
  }

  /**
   * Reads the records back, in order. Their kind is not kept: each comes back as {@link Kind#VALID}.
   * The iterator closes the file when it reaches the end.
   */
  public Iterator<GeneratedRecord> read() throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path), 1 << 20));
    return new Iterator<>() {
      private long left = records;

      @Override
      public boolean hasNext() {
        return left > 0;
      }

      @Override
      public GeneratedRecord next() {
        if (left == 0) {
          throw new NoSuchElementException();
        }
        try {
          byte[] key = new byte[in.readInt()];
          in.readFully(key);
          byte[] value = new byte[in.readInt()];
          in.readFully(value);
          if (--left == 0) {
            in.close();
          }
          return new GeneratedRecord(Kind.VALID, key, value, null, -1);
        } catch (EOFException e) {
          throw new IllegalStateException(path + " ends before its " + records + " records", e);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
  }
}
