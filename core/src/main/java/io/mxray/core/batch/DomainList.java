package io.mxray.core.batch;

import io.mxray.core.dns.DomainName;
import io.mxray.core.dns.InvalidDomainException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A list of domains to audit, parsed from text: one domain per line; blank lines and comments
 * ({@code #} to the end of the line) ignored; duplicates removed (after IDNA conversion, so {@code
 * Example.COM} and {@code example.com} are one); invalid names collected with their line number
 * instead of failing the whole list. Pure: the caller opens the file.
 *
 * @param domains valid, distinct domains in input order
 * @param rejected lines that are not domain names
 * @param duplicates how many lines repeated an earlier domain
 * @param truncated true if the list stopped at {@link #MAX_DOMAINS}
 */
public record DomainList(
    List<DomainName> domains, List<Rejected> rejected, int duplicates, boolean truncated) {

  /** Most domains one batch reads; more is almost certainly a mistake (a wrong file). */
  public static final int MAX_DOMAINS = 1_000_000;

  /** Longest line considered; longer lines are rejected without being kept in full. */
  static final int MAX_LINE = 1024;

  /** Most rejected lines kept with their text (the count is always exact). */
  static final int MAX_REJECTED_KEPT = 1000;

  /** A line that is not a domain name. */
  public record Rejected(int line, String text, String reason) {}

  public DomainList {
    domains = List.copyOf(domains);
    rejected = List.copyOf(rejected);
  }

  public static DomainList parse(String text) {
    try {
      return read(new java.io.StringReader(text));
    } catch (IOException e) {
      throw new IllegalStateException("reading a string failed", e);
    }
  }

  /** Reads the whole list; I/O errors of the reader propagate, the content never throws. */
  public static DomainList read(Reader reader) throws IOException {
    BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    java.util.Map<String, DomainName> seen = new java.util.LinkedHashMap<>();
    List<Rejected> rejected = new ArrayList<>();
    int duplicates = 0;
    int lineNo = 0;
    boolean truncated = false;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      String s = line;
      int hash = s.indexOf('#');
      if (hash >= 0) {
        s = s.substring(0, hash);
      }
      s = s.strip();
      if (lineNo == 1 && s.startsWith("\uFEFF")) {
        s = s.substring(1).strip(); // a byte-order mark from a Windows editor
      }
      if (s.isEmpty()) {
        continue;
      }
      if (s.length() > MAX_LINE) {
        reject(
            rejected,
            lineNo,
            s.substring(0, 40) + "…",
            "line longer than " + MAX_LINE + " characters");
        continue;
      }
      DomainName d;
      try {
        d = DomainName.parse(s);
      } catch (InvalidDomainException e) {
        reject(rejected, lineNo, s, e.getMessage());
        continue;
      }
      if (seen.putIfAbsent(d.ascii(), d) != null) {
        duplicates++;
        continue;
      }
      if (seen.size() >= MAX_DOMAINS) {
        truncated = true;
        break;
      }
    }
    return new DomainList(new ArrayList<>(seen.values()), rejected, duplicates, truncated);
  }

  private static void reject(List<Rejected> rejected, int line, String text, String reason) {
    if (rejected.size() < MAX_REJECTED_KEPT) {
      rejected.add(new Rejected(line, text, reason));
    }
  }

  /** The same list without the domains in {@code done} (for resuming an interrupted batch). */
  public DomainList without(Set<String> doneAscii) {
    return new DomainList(
        domains.stream().filter(d -> !doneAscii.contains(d.ascii())).toList(),
        rejected,
        duplicates,
        truncated);
  }
}
