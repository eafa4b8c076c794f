package io.mxray.core.headers;

import io.mxray.core.message.AuthResults;
import io.mxray.core.message.HeaderField;
import io.mxray.core.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes receivers' spam-filter headers into meanings: Microsoft 365's
 * X-Forefront-Antispam-Report, X-Microsoft-Antispam and X-MS-Exchange-Organization-SCL (per
 * Microsoft's "Anti-spam message headers" documentation), the compauth result in
 * Authentication-Results, Google's X-Gm-Spam/X-Gm-Phishy, and SpamAssassin's X-Spam-Status. Pure;
 * unknown keys are kept with an empty meaning.
 */
public final class Antispam {

  /**
   * One decoded header. {@code spam} says whether it classifies the message as spam/phish/malware.
   */
  public record Report(String header, List<Entry> entries, boolean spam, int bulkLevel) {
    public Report {
      entries = List.copyOf(entries);
    }
  }

  /** key=value with its meaning. */
  public record Entry(String key, String value, String meaning) {}

  private static final Map<String, String> KEYS =
      Map.ofEntries(
          Map.entry("CIP", "connecting IP address"),
              Map.entry("CTRY", "country of the connecting IP"),
          Map.entry("LANG", "language of the message"), Map.entry("SCL", "spam confidence level"),
          Map.entry("SRV", "bulk status (SRV:BULK = marked bulk)"),
              Map.entry("IPV", "IP reputation"),
          Map.entry("SFV", "spam filtering verdict"),
              Map.entry("H", "HELO/EHLO name of the connecting server"),
          Map.entry("PTR", "reverse DNS of the connecting IP"),
              Map.entry("CAT", "protection policy category applied"),
          Map.entry("SFS", "spam rules matched (opaque)"), Map.entry("DIR", "direction"),
          Map.entry("SFP", "1102: message was marked high-risk"),
              Map.entry("BCL", "bulk complaint level"),
          Map.entry("PCL", "phishing confidence level"),
              Map.entry("RULEID", "matched rule (opaque)"),
          Map.entry("ARA", "anti-spam rule (opaque)"),
              Map.entry("OFR", "outbound spam filter (opaque)"),
          Map.entry("ENG", "filtering engine"), Map.entry("RF", "routing flags (opaque)"));

  private static final Map<String, String> SFV =
      Map.ofEntries(
          Map.entry("BLK", "blocked: sender is on the recipient's blocked senders list"),
          Map.entry("NSPM", "not spam"),
          Map.entry("SFE", "allowed: sender is on the recipient's safe senders list"),
          Map.entry("SKA", "allowed by an anti-spam policy allow list"),
          Map.entry("SKB", "blocked by an anti-spam policy block list"),
          Map.entry("SKI", "intra-organization message, filtering skipped"),
          Map.entry("SKN", "marked not spam before filtering (mail flow rule)"),
          Map.entry("SKQ", "released from quarantine"),
          Map.entry("SKS", "marked spam before filtering (mail flow rule)"),
          Map.entry("SPM", "spam"));
  private static final Map<String, String> CAT =
      Map.ofEntries(
          Map.entry("AMP", "anti-malware"),
          Map.entry("BULK", "bulk"),
          Map.entry("DIMP", "domain impersonation"),
          Map.entry("FTBP", "anti-malware common attachments filter"),
          Map.entry("GIMP", "mailbox-intelligence impersonation"),
          Map.entry("HPHSH", "high-confidence phishing"),
          Map.entry("HPHISH", "high-confidence phishing"),
          Map.entry("HSPM", "high-confidence spam"),
          Map.entry("INTOS", "intra-organization phishing"),
          Map.entry("MALW", "malware"),
          Map.entry("OSPM", "outbound spam"),
          Map.entry("PHSH", "phishing"),
          Map.entry("SAP", "safe attachments"),
          Map.entry("SPM", "spam"),
          Map.entry("SPOOF", "spoofing"),
          Map.entry("UIMP", "user impersonation"),
          Map.entry("NONE", "no category: not spam"));
  private static final Map<String, String> COMPAUTH =
      Map.of(
          "0",
          "failure: 000 explicit (the domain's DMARC policy is reject/quarantine), 001 implicit (no usable policy)",
          "1",
          "pass: the message passed explicit authentication (SPF, DKIM or DMARC)",
          "2",
          "soft pass (weak authentication)",
          "3",
          "not checked",
          "4",
          "bypassed by policy",
          "6",
          "intra-organization mail",
          "7",
          "pass through implicit authentication (sender reputation)",
          "9",
          "not evaluated: no authentication needed (explicit sender)");

  private Antispam() {}

  public static List<Report> decode(Message m) {
    List<Report> out = new ArrayList<>();
    for (HeaderField f : m.all("X-Forefront-Antispam-Report")) {
      out.add(microsoft(f.name(), f.decoded()));
    }
    for (HeaderField f : m.all("X-Microsoft-Antispam")) {
      out.add(microsoft(f.name(), f.decoded()));
    }
    for (HeaderField f : m.all("X-MS-Exchange-Organization-SCL")) {
      out.add(microsoft(f.name(), "SCL:" + f.decoded().strip()));
    }
    for (HeaderField f : m.all("Authentication-Results")) {
      AuthResults ar = AuthResults.parse(f.value());
      Optional<AuthResults.Method> ca = ar.first("compauth");
      if (ca.isPresent()) {
        String reason = ca.get().reason();
        String meaning = reason.isEmpty() ? "" : COMPAUTH.getOrDefault(reason.substring(0, 1), "");
        out.add(
            new Report(
                f.name(),
                List.of(
                    new Entry("compauth", ca.get().result(), "Microsoft composite authentication"),
                    new Entry("reason", reason, meaning)),
                ca.get().result().equals("fail"),
                -1));
      }
    }
    for (String name : List.of("X-Gm-Spam", "X-Gm-Phishy")) {
      for (HeaderField f : m.all(name)) {
        String v = f.decoded().strip();
        boolean flagged = v.equals("1");
        out.add(
            new Report(
                f.name(),
                List.of(
                    new Entry(
                        name,
                        v,
                        flagged
                            ? (name.endsWith("Spam")
                                ? "Gmail classified the message as spam"
                                : "Gmail classified the message as phishing")
                            : "Gmail did not flag the message")),
                flagged,
                -1));
      }
    }
    for (HeaderField f : m.all("X-Spam-Status")) {
      out.add(spamAssassin(f));
    }
    return out;
  }

  static Report microsoft(String header, String value) {
    List<Entry> entries = new ArrayList<>();
    boolean spam = false;
    int bcl = -1;
    for (String part : value.split(";")) {
      int colon = part.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String key = part.substring(0, colon).strip().toUpperCase(Locale.ROOT);
      String val = part.substring(colon + 1).strip();
      String meaning = KEYS.getOrDefault(key, "");
      switch (key) {
        case "SCL" -> {
          meaning = scl(val);
          spam |= val.matches("[5-9]");
        }
        case "SFV" -> {
          meaning = SFV.getOrDefault(val.toUpperCase(Locale.ROOT), meaning);
          spam |=
              val.equalsIgnoreCase("SPM")
                  || val.equalsIgnoreCase("SKS")
                  || val.equalsIgnoreCase("BLK");
        }
        case "CAT" -> {
          String c = val.toUpperCase(Locale.ROOT);
          meaning = CAT.getOrDefault(c, meaning);
          spam |= !c.equals("NONE") && !c.equals("BULK") && !c.isEmpty();
        }
        case "BCL" -> {
          meaning = bcl(val);
          bcl = val.matches("\\d") ? Integer.parseInt(val) : -1;
        }
        case "IPV" ->
            meaning =
                val.equalsIgnoreCase("CAL")
                    ? "IP on an allow list (connection filter)"
                    : val.equalsIgnoreCase("NLI") ? "IP not on any reputation list" : meaning;
        case "DIR" ->
            meaning =
                val.equalsIgnoreCase("INB")
                    ? "inbound"
                    : val.equalsIgnoreCase("OUT")
                        ? "outbound"
                        : val.equalsIgnoreCase("INT") ? "internal" : meaning;
        default -> {}
      }
      entries.add(new Entry(key, val, meaning));
    }
    return new Report(header, entries, spam, bcl);
  }

  private static String scl(String v) {
    return switch (v) {
      case "-1" ->
          "filtering skipped (safe sender, internal or allow list): delivered to the inbox";
      case "0", "1" -> "not spam: delivered to the inbox";
      case "5", "6" -> "spam: delivered to Junk or quarantined";
      case "7", "8", "9" -> "high-confidence spam";
      default -> "spam confidence level " + v;
    };
  }

  private static String bcl(String v) {
    if (!v.matches("\\d")) {
      return "bulk complaint level";
    }
    int n = Integer.parseInt(v);
    return n == 0
        ? "not from a bulk sender"
        : n <= 3
            ? "bulk sender with few complaints"
            : n <= 7
                ? "bulk sender with a mixed number of complaints"
                : "bulk sender with many complaints";
  }

  private static Report spamAssassin(HeaderField f) {
    String v = f.decoded().strip();
    boolean yes = v.regionMatches(true, 0, "yes", 0, 3);
    List<Entry> entries = new ArrayList<>();
    entries.add(
        new Entry(
            "verdict",
            yes ? "Yes" : "No",
            yes ? "SpamAssassin classified the message as spam" : "not spam"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(score|hits|required|tests)=([^\\s]+)").matcher(v);
    while (m.find()) {
      entries.add(
          new Entry(
              m.group(1), m.group(2), m.group(1).equals("tests") ? "rules that matched" : ""));
    }
    return new Report(f.name(), entries, yes, -1);
  }
}
