package io.mxray.core.mailtest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which recipients the receiver accepts: the configured report addresses (an address, or a whole
 * domain given as {@code @domain} or {@code domain}) and test addresses {@code
 * test-TOKEN@TESTDOMAIN}. Everything else is refused at RCPT TO, so the receiver never relays and
 * never takes mail for anyone else.
 */
public final class RecipientPolicy {

  /** What an accepted recipient is for. */
  public enum Purpose {
    REPORT,
    TEST
  }

  /** An accepted recipient: what for, and the test token when it is a test address. */
  public record Accepted(Purpose purpose, String token) {}

  private static final Pattern TEST = Pattern.compile("test-([a-z0-9]{16,40})");

  private final List<String> reportAddresses;
  private final List<String> reportDomains;
  private final String testDomain;

  /**
   * @param reports addresses ("dmarc@reports.example") and domains ("reports.example" or
   *     "@reports.example") whose mail is taken as reports
   * @param testDomain the domain of test addresses, "" for none
   */
  public RecipientPolicy(List<String> reports, String testDomain) {
    this.reportAddresses =
        reports.stream().map(RecipientPolicy::norm).filter(r -> r.indexOf('@') > 0).toList();
    this.reportDomains =
        reports.stream()
            .map(RecipientPolicy::norm)
            .filter(r -> r.indexOf('@') <= 0)
            .map(r -> r.startsWith("@") ? r.substring(1) : r)
            .filter(r -> !r.isEmpty())
            .toList();
    this.testDomain = norm(testDomain);
  }

  static String norm(String s) {
    String t = s.strip().toLowerCase(Locale.ROOT);
    if (t.startsWith("<") && t.endsWith(">")) {
      t = t.substring(1, t.length() - 1);
    }
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }

  public String testDomain() {
    return testDomain;
  }

  public boolean acceptsReports() {
    return !reportAddresses.isEmpty() || !reportDomains.isEmpty();
  }

  /** The test address of a token. */
  public String testAddress(String token) {
    return "test-" + token + "@" + testDomain;
  }

  /** Whether RCPT TO {@code address} is accepted, and for what. */
  public Optional<Accepted> accept(String address) {
    String a = norm(address);
    int at = a.lastIndexOf('@');
    if (at <= 0 || at == a.length() - 1 || a.length() > 254) {
      return Optional.empty();
    }
    String local = a.substring(0, at);
    String domain = a.substring(at + 1);
    // Source routes and %-hacks are how relays are abused: never.
    if (local.contains("%")
        || local.contains("!")
        || local.contains("@")
        || local.startsWith("\"")) {
      return Optional.empty();
    }
    if (!testDomain.isEmpty() && domain.equals(testDomain)) {
      Matcher m = TEST.matcher(local);
      if (m.matches()) {
        return Optional.of(new Accepted(Purpose.TEST, m.group(1)));
      }
    }
    if (reportAddresses.contains(a) || reportDomains.contains(domain)) {
      return Optional.of(new Accepted(Purpose.REPORT, ""));
    }
    return Optional.empty();
  }
}
