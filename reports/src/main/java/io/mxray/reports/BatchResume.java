package io.mxray.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads back a batch output file (JSONL or CSV) to resume an interrupted batch: which domains are
 * done, and a repair of a torn last line (a process killed mid-write), so appending keeps the file
 * valid.
 */
public final class BatchResume {

  private BatchResume() {}

  /**
   * Domains with a complete line in the file; unreadable lines are skipped (they will be redone).
   */
  public static Set<String> doneDomains(Path file, boolean csv) throws IOException {
    Set<String> done = new HashSet<>();
    if (!Files.exists(file)) {
      return done;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        Optional<String> d = csv ? BatchCsv.domainOf(line) : jsonlDomain(line);
        d.ifPresent(done::add);
      }
    }
    return done;
  }

  static Optional<String> jsonlDomain(String line) {
    if (line.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode n = Json.mapper().readTree(line);
      JsonNode d = n == null ? null : n.get("domain");
      return d != null && d.isTextual() ? Optional.of(d.asText()) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Cuts the file after its last newline, dropping a torn last line. Returns the bytes removed. A
   * file that does not exist or is empty is left alone.
   */
  public static long truncateTornLine(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long len = f.length();
      long pos = len;
      // Scan backwards in blocks for the last '\n'.
      byte[] buf = new byte[8192];
      while (pos > 0) {
        int n = (int) Math.min(buf.length, pos);
        f.seek(pos - n);
        f.readFully(buf, 0, n);
        for (int i = n - 1; i >= 0; i--) {
          if (buf[i] == '\n') {
            long keep = pos - n + i + 1;
            f.setLength(keep);
            return len - keep;
          }
        }
        pos -= n;
      }
      f.setLength(0);
      return len;
    }
  }
}
