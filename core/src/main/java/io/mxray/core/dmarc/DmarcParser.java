package io.mxray.core.dmarc;

import io.mxray.core.dmarc.DmarcRecord.Alignment;
import io.mxray.core.dmarc.DmarcRecord.Policy;
import io.mxray.core.dmarc.DmarcRecord.ReportUri;
import io.mxray.core.syntax.TagList;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses DMARC records (RFC 7489 §6.3, DMARCbis tags np, t, psd). Pure: text in, {@link Result}
 * out, never throws. Errors carry the 0-based character position of the offending tag. A record
 * whose v= or p= is unusable is {@linkplain Result#usable() unusable}; other bad values are
 * reported and replaced by their defaults, as RFC 7489 §6.3 asks receivers to do.
 */
public final class DmarcParser {

  /** At most this many report URIs per tag are kept; more is itself an error. */
  public static final int MAX_URIS = 16;

  private static final Set<String> KNOWN =
      Set.of(
          "v", "p", "sp", "np", "pct", "rua", "ruf", "adkim", "aspf", "fo", "rf", "ri", "t", "psd");
  private static final Pattern SIZE =
      Pattern.compile("(.*?)!(\\d+[kmgt]?)", Pattern.CASE_INSENSITIVE);
  private static final Pattern DMARC_TXT = Pattern.compile("(?s)v\\s*=\\s*DMARC1\\s*(;.*)?");
  private static final Pattern MAIL_DOMAIN = Pattern.compile("[a-z0-9_.-]+");
  private static final Pattern COLON_LIST = Pattern.compile("\\s*:\\s*");

  private DmarcParser() {}

  /**
   * A syntax problem.
   *
   * @param position 0-based character position in the record, or -1
   * @param message what is wrong
   * @param fatal true when the record cannot be used at all
   */
  public record Error(int position, String message, boolean fatal) {
    @Override
    public String toString() {
      return (position >= 0 ? "at position " + position + ": " : "") + message;
    }
  }

  /** The parse outcome: the record (absent when unusable) and every problem found. */
  public record Result(Optional<DmarcRecord> record, List<Error> errors) {
    public Result {
      errors = List.copyOf(errors);
    }

    public boolean usable() {
      return record.isPresent();
    }
  }

  /** True if TXT data looks like a DMARC record ("v=DMARC1" first, RFC 7489 §6.6.3 step 3). */
  public static boolean isDmarc(String txt) {
    return DMARC_TXT.matcher(txt.stripLeading()).matches();
  }

  public static Result parse(String text) {
    List<Error> errors = new ArrayList<>();
    TagList t = TagList.parse(text);
    if (!t.ok()) {
      errors.add(new Error(t.errorPosition(), t.error(), true));
      return new Result(Optional.empty(), errors);
    }
    Map<String, String> tags = t.tags();
    if (tags.isEmpty()
        || !tags.keySet().iterator().next().equals("v")
        || !tags.get("v").equals("DMARC1")) {
      errors.add(new Error(pos(text, "v"), "the record must start with v=DMARC1", true));
      return new Result(Optional.empty(), errors);
    }
    Optional<Policy> p = Optional.empty();
    if (tags.containsKey("p")) {
      p = Policy.parse(tags.get("p"));
      if (p.isEmpty()) {
        errors.add(
            new Error(
                pos(text, "p"), "p=" + tags.get("p") + " is not none, quarantine or reject", true));
      }
    }
    List<ReportUri> rua = uris(text, "rua", tags, errors);
    List<ReportUri> ruf = uris(text, "ruf", tags, errors);
    if (!tags.containsKey("p")) {
      if (rua.isEmpty()) {
        errors.add(new Error(-1, "the required p= tag is missing", true));
      } else {
        // RFC 7489 §6.6.3 step 6: a record without p= but with a valid rua= is treated as p=none.
        errors.add(
            new Error(
                -1,
                "the required p= tag is missing; receivers treat this record as p=none",
                false));
        p = Optional.of(Policy.NONE);
      }
    }
    if (p.isEmpty()) {
      return new Result(Optional.empty(), errors);
    }
    Optional<Policy> sp = policyTag(text, "sp", tags, errors);
    Optional<Policy> np = policyTag(text, "np", tags, errors);
    int pct = 100;
    if (tags.containsKey("pct")) {
      try {
        pct = Integer.parseInt(tags.get("pct"));
        if (pct < 0 || pct > 100) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        errors.add(
            new Error(
                pos(text, "pct"),
                "pct=" + tags.get("pct") + " is not a number from 0 to 100",
                false));
        pct = 100;
      }
    }
    Alignment adkim = alignment(text, "adkim", tags, errors);
    Alignment aspf = alignment(text, "aspf", tags, errors);
    List<String> fo = List.of("0");
    if (tags.containsKey("fo")) {
      fo = List.of(COLON_LIST.split(tags.get("fo").toLowerCase(Locale.ROOT)));
      for (String o : fo) {
        if (!Set.of("0", "1", "d", "s").contains(o.strip())) {
          errors.add(
              new Error(pos(text, "fo"), "fo= option '" + o + "' is not 0, 1, d or s", false));
        }
      }
    }
    List<String> rf = List.of("afrf");
    if (tags.containsKey("rf")) {
      rf = List.of(COLON_LIST.split(tags.get("rf").toLowerCase(Locale.ROOT)));
      for (String f : rf) {
        if (!f.strip().equals("afrf")) {
          errors.add(
              new Error(
                  pos(text, "rf"),
                  "rf= format '" + f + "' is unknown (only afrf is defined)",
                  false));
        }
      }
    }
    long ri = 86400;
    if (tags.containsKey("ri")) {
      try {
        ri = Long.parseLong(tags.get("ri"));
        if (ri < 0 || ri > 0xFFFF_FFFFL) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        errors.add(
            new Error(
                pos(text, "ri"), "ri=" + tags.get("ri") + " is not a number of seconds", false));
        ri = 86400;
      }
    }
    boolean testing = false;
    if (tags.containsKey("t")) {
      String v = tags.get("t").toLowerCase(Locale.ROOT);
      if (!v.equals("y") && !v.equals("n")) {
        errors.add(new Error(pos(text, "t"), "t=" + tags.get("t") + " is not y or n", false));
      }
      testing = v.equals("y");
    }
    String psd = "";
    if (tags.containsKey("psd")) {
      psd = tags.get("psd").toLowerCase(Locale.ROOT);
      if (!Set.of("y", "n", "u").contains(psd)) {
        errors.add(
            new Error(pos(text, "psd"), "psd=" + tags.get("psd") + " is not y, n or u", false));
        psd = "";
      }
    }
    List<String> unknown = tags.keySet().stream().filter(k -> !KNOWN.contains(k)).toList();
    return new Result(
        Optional.of(
            new DmarcRecord(
                text, p.get(), sp, np, pct, rua, ruf, adkim, aspf, fo, rf, ri, testing, psd,
                unknown)),
        errors);
  }

  private static Optional<Policy> policyTag(
      String text, String tag, Map<String, String> tags, List<Error> errors) {
    if (!tags.containsKey(tag)) {
      return Optional.empty();
    }
    Optional<Policy> v = Policy.parse(tags.get(tag));
    if (v.isEmpty()) {
      errors.add(
          new Error(
              pos(text, tag),
              tag + "=" + tags.get(tag) + " is not none, quarantine or reject",
              false));
    }
    return v;
  }

  private static Alignment alignment(
      String text, String tag, Map<String, String> tags, List<Error> errors) {
    String v = tags.getOrDefault(tag, "r").toLowerCase(Locale.ROOT);
    return switch (v) {
      case "r" -> Alignment.RELAXED;
      case "s" -> Alignment.STRICT;
      default -> {
        errors.add(new Error(pos(text, tag), tag + "=" + tags.get(tag) + " is not r or s", false));
        yield Alignment.RELAXED;
      }
    };
  }

  private static List<ReportUri> uris(
      String text, String tag, Map<String, String> tags, List<Error> errors) {
    if (!tags.containsKey(tag) || tags.get(tag).isBlank()) {
      return List.of();
    }
    List<ReportUri> out = new ArrayList<>();
    String[] parts = tags.get(tag).split(",");
    if (parts.length > MAX_URIS) {
      errors.add(
          new Error(
              pos(text, tag),
              tag
                  + "= lists "
                  + parts.length
                  + " URIs; only the first "
                  + MAX_URIS
                  + " are considered",
              false));
    }
    for (int i = 0; i < Math.min(parts.length, MAX_URIS); i++) {
      String u = parts[i].strip();
      String size = "";
      Matcher m = SIZE.matcher(u);
      if (m.matches()) {
        u = m.group(1);
        size = m.group(2).toLowerCase(Locale.ROOT);
      }
      if (u.regionMatches(true, 0, "mailto:", 0, 7)) {
        String mailbox = u.substring(7);
        int q = mailbox.indexOf('?');
        if (q >= 0) {
          mailbox = mailbox.substring(0, q);
        }
        int at = mailbox.lastIndexOf('@');
        String domain = at > 0 ? mailbox.substring(at + 1).toLowerCase(Locale.ROOT) : "";
        if (at <= 0 || domain.isEmpty() || !MAIL_DOMAIN.matcher(domain).matches()) {
          errors.add(
              new Error(
                  pos(text, tag),
                  tag + "= URI '" + parts[i].strip() + "' has no valid mail address",
                  false));
          continue;
        }
        out.add(
            new ReportUri(
                u,
                mailbox,
                domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain,
                size));
      } else if (u.matches("(?i)[a-z][a-z0-9+.-]*:.+")) {
        // Other schemes are allowed by the URI grammar, but receivers only send mail (RFC 7489
        // §7.1).
        errors.add(
            new Error(
                pos(text, tag),
                tag + "= URI '" + u + "' is not mailto:; receivers only send reports" + " by mail",
                false));
        out.add(new ReportUri(u, "", "", size));
      } else {
        errors.add(
            new Error(
                pos(text, tag),
                tag + "= value '" + parts[i].strip() + "' is not a URI (missing" + " mailto:?)",
                false));
      }
    }
    return out;
  }

  /** Position of {@code tag=} in the record, for error messages. */
  static int pos(String text, String tag) {
    Matcher m =
        Pattern.compile("(?:^|;)\\s*(" + Pattern.quote(tag) + ")\\s*=", Pattern.CASE_INSENSITIVE)
            .matcher(text);
    return m.find() ? m.start(1) : -1;
  }
}
