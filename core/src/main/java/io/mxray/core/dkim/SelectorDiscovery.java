package io.mxray.core.dkim;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsAwait;
import io.mxray.core.dns.DnsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.xbill.DNS.Type;

/**
 * Looks for DKIM key records at {@code <selector>._domainkey.<domain>} (RFC 6376 §3.6.2.1) for the
 * selectors the user named plus a documented list of common ones ({@code common-selectors.txt}),
 * all in parallel. Selectors cannot be enumerated, so an empty result never proves a domain has no
 * DKIM.
 */
public final class SelectorDiscovery {

  /** At most this many selectors are asked in one discovery. */
  public static final int MAX_SELECTORS = 64;

  private static final List<String> COMMON = load();

  /** Where a selector came from. */
  public enum Source {
    GIVEN,
    COMMON
  }

  /**
   * One selector asked.
   *
   * @param selector the selector
   * @param source given by the user or from the common list
   * @param name the DNS name asked
   * @param answer the TXT lookup
   */
  public record Probe(String selector, Source source, String name, DnsAnswer answer) {
    /** The key records published (TXT data joined), empty when none. */
    public List<String> records() {
      return answer.txtJoined();
    }
  }

  private SelectorDiscovery() {}

  /** The common selectors probed by default, in file order. */
  public static List<String> commonSelectors() {
    return COMMON;
  }

  public static List<Probe> probe(
      DnsClient dns, String domain, List<String> given, boolean includeCommon) {
    Map<String, Source> selectors = new LinkedHashMap<>();
    for (String s : given) {
      String sel = s.strip().toLowerCase(Locale.ROOT);
      if (!sel.isEmpty()) {
        selectors.putIfAbsent(sel, Source.GIVEN);
      }
    }
    if (includeCommon) {
      COMMON.forEach(s -> selectors.putIfAbsent(s, Source.COMMON));
    }
    List<String> names =
        new ArrayList<>(selectors.keySet()).subList(0, Math.min(selectors.size(), MAX_SELECTORS));
    List<CompletableFuture<DnsAnswer>> futures = new ArrayList<>();
    for (String s : names) {
      futures.add(dns.queryAsync(s + "._domainkey." + domain, Type.TXT));
    }
    List<DnsAnswer> answers = DnsAwait.awaitAll(futures);
    List<Probe> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      String s = names.get(i);
      out.add(new Probe(s, selectors.get(s), s + "._domainkey." + domain, answers.get(i)));
    }
    return out;
  }

  private static List<String> load() {
    try (InputStream in = SelectorDiscovery.class.getResourceAsStream("common-selectors.txt")) {
      if (in == null) {
        throw new IllegalStateException("common-selectors.txt missing from the classpath");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<String> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        String s = line.replaceAll("#.*", "").strip();
        if (!s.isEmpty()) {
          out.add(s.toLowerCase(Locale.ROOT));
        }
      }
      return List.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
