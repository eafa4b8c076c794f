package io.mxray.core.feedback;

import io.mxray.core.feedback.AggregateReport.DkimAuth;
import io.mxray.core.feedback.AggregateReport.PolicyPublished;
import io.mxray.core.feedback.AggregateReport.Reason;
import io.mxray.core.feedback.AggregateReport.Row;
import io.mxray.core.feedback.AggregateReport.SpfAuth;
import io.mxray.core.feedback.FeedbackReport.DateRange;
import io.mxray.core.finding.Finding;
import io.mxray.core.net.Addresses;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a DMARC aggregate report with StAX (RFC 7489 Appendix C, the DMARCbis aggregate-reporting
 * XSD in {@code urn:ietf:params:xml:ns:dmarc-2.0}, and the {@code dmarc.org/dmarc-xml/0.1} draft
 * with its {@code identities} element). Elements are matched by local name, case-insensitively, so
 * every namespace variant reads alike. DTDs are refused and external entities never resolved.
 *
 * <p>Tolerant: values are trimmed and lower-cased where the schema enumerates them (and the change
 * noted), draft words mapped (SPF {@code hardfail} → fail, {@code unknown} → temperror, {@code
 * error} → permerror), bad numbers read as 0, duplicates merged, and a document that breaks off
 * keeps the records read before the break. Every repair is a finding; nothing throws.
 */
public final class AggregateXmlParser {

  /** Namespace of the DMARCbis aggregate report. */
  public static final String NS_DMARCBIS = "urn:ietf:params:xml:ns:dmarc-2.0";

  /** Namespace of the pre-RFC draft schema. */
  public static final String NS_DRAFT = "http://dmarc.org/dmarc-xml/0.1";

  static final int MAX_TEXT = 64 * 1024;
  static final int MAX_DEPTH = 64;

  private static final Set<String> DISPOSITIONS = Set.of("none", "quarantine", "reject", "pass");
  private static final Set<String> POLICIES = Set.of("none", "quarantine", "reject");
  private static final Set<String> ALIGNED = Set.of("pass", "fail");
  private static final Set<String> DKIM_RESULTS =
      Set.of("none", "pass", "fail", "policy", "neutral", "temperror", "permerror");
  private static final Set<String> SPF_RESULTS =
      Set.of("none", "neutral", "pass", "fail", "softfail", "temperror", "permerror");
  private static final Set<String> REASONS =
      Set.of(
          "forwarded",
          "sampled_out",
          "trusted_forwarder",
          "mailing_list",
          "local_policy",
          "policy_test_mode",
          "other");

  /** What reading one XML document gave: the report, or findings saying why there is none. */
  record Result(Optional<AggregateReport> report, List<Finding> findings, boolean isFeedback) {}

  private final int maxRecords;

  AggregateXmlParser(int maxRecords) {
    this.maxRecords = maxRecords;
  }

  /** Parses a complete XML document given as octets. */
  public static Optional<AggregateReport> parse(byte[] xml) {
    return new AggregateXmlParser(FeedbackReader.Limits.defaults().maxRecords())
        .read(xml, "report")
        .report();
  }

  Result read(byte[] xml, String subject) {
    Faults faults = new Faults(subject);
    String text;
    String declared = Text.declaredXmlEncoding(xml);
    Charset cs = null;
    if (!declared.isEmpty()) {
      try {
        cs = Charset.forName(declared);
      } catch (IllegalArgumentException e) {
        faults.add(FeedbackCodes.UNKNOWN_VALUE, "XML encoding \"" + declared + "\"");
      }
    }
    if (cs != null && !cs.name().equals("UTF-8") && !cs.name().startsWith("UTF-16")) {
      text = new String(xml, cs);
    } else {
      Text.Decoded d = Text.decode(xml);
      text = d.text();
      if (d.invalidUtf8()) {
        faults.add(
            Finding.of(
                FeedbackCodes.INVALID_UTF8,
                subject,
                "The XML is not valid UTF-8; the bytes that are not were read as Windows-1252."));
      }
    }
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setXMLResolver(
        (publicId, systemId, baseUri, ns) -> {
          throw new XMLStreamException("external entities are not resolved");
        });
    Doc doc = new Doc();
    List<String> path = new ArrayList<>();
    StringBuilder textBuf = new StringBuilder();
    boolean truncated = false;
    String malformed = null;
    XMLStreamReader r = null;
    try {
      r = f.createXMLStreamReader(new StringReader(text));
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE -> {
            return new Result(
                Optional.empty(),
                List.of(
                    Finding.of(
                        FeedbackCodes.XML_DTD,
                        subject,
                        "The XML declares a document type or uses entities; it was refused.")),
                true);
          }
          case XMLStreamConstants.START_ELEMENT -> {
            String name = r.getLocalName().toLowerCase(Locale.ROOT);
            if (path.isEmpty()) {
              if (!name.equals("feedback")) {
                return new Result(Optional.empty(), List.of(), false);
              }
              doc.namespace = r.getNamespaceURI() == null ? "" : r.getNamespaceURI();
            }
            if (path.size() >= MAX_DEPTH) {
              throw new XMLStreamException("elements nested deeper than " + MAX_DEPTH);
            }
            path.add(name);
            textBuf.setLength(0);
            if (doc.records.size() >= maxRecords && path.size() == 2 && name.equals("record")) {
              truncated = true;
              skipElement(r);
              path.remove(path.size() - 1);
              continue;
            }
            doc.start(path, faults);
          }
          case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
            if (textBuf.length() < MAX_TEXT) {
              textBuf.append(r.getText(), 0, Math.min(r.getTextLength(), MAX_TEXT));
            }
          }
          case XMLStreamConstants.END_ELEMENT -> {
            if (!path.isEmpty()) {
              doc.end(path, Text.clean(textBuf.toString().strip(), MAX_TEXT), faults);
              path.remove(path.size() - 1);
            }
            textBuf.setLength(0);
          }
          default -> {}
        }
      }
    } catch (XMLStreamException | RuntimeException e) {
      if (!doc.started) {
        return new Result(
            Optional.empty(),
            List.of(
                Finding.of(
                    FeedbackCodes.XML_MALFORMED,
                    subject,
                    "The XML could not be read: " + oneLine(e.getMessage()) + ".")),
            false);
      }
      malformed = oneLine(e.getMessage());
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing held
        }
      }
    }
    if (!doc.started) {
      return new Result(Optional.empty(), List.of(), false);
    }
    if (malformed != null) {
      faults.add(
          Finding.of(
              FeedbackCodes.XML_MALFORMED,
              subject,
              "The XML breaks off or is malformed ("
                  + malformed
                  + "); the "
                  + doc.records.size()
                  + " record(s) read before it are kept."));
    }
    if (truncated) {
      faults.add(
          Finding.of(
              FeedbackCodes.TRUNCATED,
              subject,
              "Only the first " + maxRecords + " records were read."));
    }
    return new Result(Optional.of(doc.build(faults)), List.of(), true);
  }

  private static void skipElement(XMLStreamReader r) throws XMLStreamException {
    int depth = 1;
    while (depth > 0 && r.hasNext()) {
      int ev = r.next();
      if (ev == XMLStreamConstants.START_ELEMENT) {
        depth++;
      } else if (ev == XMLStreamConstants.END_ELEMENT) {
        depth--;
      }
    }
  }

  static String oneLine(String s) {
    if (s == null) {
      return "no detail";
    }
    String t = s.replaceAll("\\s+", " ").strip();
    return t.length() > 200 ? t.substring(0, 200) + "…" : t;
  }

  /** The document as it is read: flat builders filled by path. */
  private static final class Doc {
    boolean started;
    String namespace = "";
    boolean identities;
    String version = "";
    final Map<String, String> meta = new HashMap<>();
    final List<String> errors = new ArrayList<>();
    final Map<String, String> policy = new HashMap<>();
    final List<Row> records = new ArrayList<>();
    // The record being read.
    Map<String, String> row;
    List<Reason> reasons;
    Map<String, String> reason;
    List<DkimAuth> dkim;
    List<SpfAuth> spf;
    Map<String, String> auth;

    void start(List<String> p, Faults faults) {
      started = true;
      String joined = String.join("/", p);
      switch (joined) {
        case "feedback/record" -> {
          row = new HashMap<>();
          reasons = new ArrayList<>();
          dkim = new ArrayList<>();
          spf = new ArrayList<>();
        }
        case "feedback/record/row/policy_evaluated/reason" -> reason = new HashMap<>();
        case "feedback/record/auth_results/dkim", "feedback/record/auth_results/spf" ->
            auth = new HashMap<>();
        case "feedback/record/identities" -> identities = true;
        default -> {}
      }
    }

    void end(List<String> p, String text, Faults faults) {
      int n = p.size();
      String leaf = p.get(n - 1);
      String parent = n >= 2 ? p.get(n - 2) : "";
      String joined = String.join("/", p);
      if (joined.equals("feedback/version")) {
        version = text;
      } else if (n == 3 && parent.equals("report_metadata")) {
        if (leaf.equals("error")) {
          if (!text.isEmpty()) {
            errors.add(text);
          }
        } else {
          meta.putIfAbsent(leaf, text);
        }
      } else if (n == 4 && parent.equals("date_range")) {
        meta.putIfAbsent("date_range/" + leaf, text);
      } else if (n == 3 && parent.equals("policy_published")) {
        policy.putIfAbsent(leaf, text);
      } else if (row != null
          && (joined.equals("feedback/record") || joined.startsWith("feedback/record/"))) {
        endRecordPart(p, joined, leaf, parent, text, faults);
      }
    }

    private void endRecordPart(
        List<String> p, String joined, String leaf, String parent, String text, Faults faults) {
      switch (joined) {
        case "feedback/record/row/policy_evaluated/reason/type",
            "feedback/record/row/policy_evaluated/reason/comment" ->
            reason.putIfAbsent(leaf, text);
        case "feedback/record/row/policy_evaluated/reason" -> {
          String type = reason.getOrDefault("type", "");
          String comment = reason.getOrDefault("comment", "");
          if (type.isEmpty()) {
            faults.add(
                FeedbackCodes.EMPTY_REASON,
                row.getOrDefault("source_ip", "?") + (comment.isEmpty() ? "" : ": " + comment));
            type = "other";
          } else {
            type = enumValue("reason type", type, REASONS, faults);
          }
          reasons.add(new Reason(type, comment));
        }
        case "feedback/record/auth_results/dkim" ->
            dkim.add(
                new DkimAuth(
                    auth.getOrDefault("domain", "").toLowerCase(Locale.ROOT),
                    auth.getOrDefault("selector", ""),
                    enumValue("dkim result", auth.getOrDefault("result", ""), DKIM_RESULTS, faults),
                    auth.getOrDefault("human_result", "")));
        case "feedback/record/auth_results/spf" ->
            spf.add(
                new SpfAuth(
                    auth.getOrDefault("domain", "").toLowerCase(Locale.ROOT),
                    scope(auth.getOrDefault("scope", ""), faults),
                    spfResult(auth.getOrDefault("result", ""), faults),
                    auth.getOrDefault("human_result", "")));
        case "feedback/record" -> finishRecord(faults);
        default -> {
          if (parent.equals("dkim") || parent.equals("spf")) {
            if (p.size() == 5 && p.get(2).equals("auth_results")) {
              auth.putIfAbsent(leaf, text);
            }
          } else if (p.size() == 4
              && (parent.equals("row")
                  || parent.equals("identifiers")
                  || parent.equals("identities"))) {
            row.putIfAbsent(leaf, text);
          } else if (p.size() == 5 && parent.equals("policy_evaluated")) {
            row.putIfAbsent("pe_" + leaf, text);
          }
        }
      }
    }

    private void finishRecord(Faults faults) {
      String ipText = row.getOrDefault("source_ip", "");
      String ip = ipText;
      if (ipText.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "record without source_ip");
      } else {
        Optional<java.net.InetAddress> a = Addresses.parse(ipText);
        if (a.isPresent()) {
          ip = Addresses.toText(a.get());
        } else {
          faults.add(FeedbackCodes.BAD_ADDRESS, ipText);
        }
      }
      long count = number("count", row.getOrDefault("count", ""), faults);
      String headerFrom = row.getOrDefault("header_from", "").toLowerCase(Locale.ROOT);
      if (headerFrom.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "record " + ip + " without header_from");
      }
      String disposition =
          required("disposition", row.getOrDefault("pe_disposition", ""), DISPOSITIONS, ip, faults);
      String dkimAligned =
          alignedResult("policy_evaluated/dkim", row.getOrDefault("pe_dkim", ""), ip, faults);
      String spfAligned =
          alignedResult("policy_evaluated/spf", row.getOrDefault("pe_spf", ""), ip, faults);
      records.add(
          new Row(
              ip,
              count,
              disposition,
              dkimAligned,
              spfAligned,
              reasons,
              headerFrom,
              row.getOrDefault("envelope_from", "").toLowerCase(Locale.ROOT),
              row.getOrDefault("envelope_to", "").toLowerCase(Locale.ROOT),
              dkim,
              spf));
      row = null;
    }

    private static String required(
        String what, String value, Set<String> allowed, String ip, Faults faults) {
      if (value.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "record " + ip + " without " + what);
        return "";
      }
      return enumValue(what, value, allowed, faults);
    }

    private static String alignedResult(String what, String value, String ip, Faults faults) {
      if (value.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "record " + ip + " without " + what);
        return "";
      }
      String v = value.strip().toLowerCase(Locale.ROOT);
      // Some receivers write the underlying result here; anything but pass did not pass DMARC.
      if (!ALIGNED.contains(v)) {
        String mapped = v.equals("pass") ? "pass" : "fail";
        faults.add(FeedbackCodes.VALUE_NORMALIZED, what + " \"" + value + "\" read as " + mapped);
        return mapped;
      }
      if (!v.equals(value)) {
        faults.add(FeedbackCodes.VALUE_NORMALIZED, what + " \"" + value + "\" → " + v);
      }
      return v;
    }

    private static String scope(String value, Faults faults) {
      if (value.isEmpty()) {
        return "";
      }
      String v = value.strip().toLowerCase(Locale.ROOT);
      String mapped = v.equals("mailfrom") || v.equals("mail_from") ? "mfrom" : v;
      if (!mapped.equals(value)) {
        faults.add(FeedbackCodes.VALUE_NORMALIZED, "spf scope \"" + value + "\" → " + mapped);
      }
      if (!mapped.equals("mfrom") && !mapped.equals("helo")) {
        faults.add(FeedbackCodes.UNKNOWN_VALUE, "spf scope \"" + value + "\"");
      }
      return mapped;
    }

    private static String spfResult(String value, Faults faults) {
      if (value.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "spf result");
        return "";
      }
      String v = value.strip().toLowerCase(Locale.ROOT);
      String mapped =
          switch (v) {
            case "hardfail" -> "fail";
            case "unknown" -> "temperror"; // the XSD: "TempError" commonly implemented as "unknown"
            case "error" -> "permerror"; // "PermError" commonly implemented as "error"
            default -> v;
          };
      if (!mapped.equals(value)) {
        faults.add(FeedbackCodes.VALUE_NORMALIZED, "spf result \"" + value + "\" → " + mapped);
      }
      if (!SPF_RESULTS.contains(mapped)) {
        faults.add(FeedbackCodes.UNKNOWN_VALUE, "spf result \"" + value + "\"");
      }
      return mapped;
    }

    static String enumValue(String what, String value, Set<String> allowed, Faults faults) {
      if (value.isEmpty()) {
        return "";
      }
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (!v.equals(value)) {
        faults.add(FeedbackCodes.VALUE_NORMALIZED, what + " \"" + value + "\" → " + v);
      }
      if (!allowed.contains(v)) {
        faults.add(FeedbackCodes.UNKNOWN_VALUE, what + " \"" + value + "\"");
      }
      return v;
    }

    static long number(String what, String value, Faults faults) {
      if (value.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, what);
        return 0;
      }
      try {
        BigDecimal d = new BigDecimal(value.strip());
        if (d.signum() < 0 || d.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0) {
          faults.add(FeedbackCodes.BAD_NUMBER, what + " \"" + value + "\"");
          return 0;
        }
        if (d.stripTrailingZeros().scale() > 0) {
          faults.add(FeedbackCodes.BAD_NUMBER, what + " \"" + value + "\"");
        }
        return d.longValue();
      } catch (NumberFormatException e) {
        faults.add(FeedbackCodes.BAD_NUMBER, what + " \"" + Text.clean(value, 40) + "\"");
        return 0;
      }
    }

    AggregateReport build(Faults faults) {
      String schema =
          namespace.equals(NS_DMARCBIS)
              ? "dmarcbis"
              : namespace.equals(NS_DRAFT) || identities ? "draft" : "rfc7489";
      for (String req : List.of("org_name", "report_id")) {
        if (meta.getOrDefault(req, "").isEmpty()) {
          faults.add(FeedbackCodes.MISSING_FIELD, "report_metadata/" + req);
        }
      }
      if (meta.getOrDefault("email", "").isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "report_metadata/email");
      }
      Instant begin = epoch("begin", faults);
      Instant end = epoch("end", faults);
      if (begin.isAfter(end)) {
        faults.add(FeedbackCodes.BAD_DATE_RANGE, "begin " + begin + " is after end " + end);
        Instant t = begin;
        begin = end;
        end = t;
      } else if (end.getEpochSecond() - begin.getEpochSecond() > 366L * 86400) {
        faults.add(
            FeedbackCodes.BAD_DATE_RANGE, "a period of more than a year: " + begin + " – " + end);
      }
      String domain = policy.getOrDefault("domain", "").toLowerCase(Locale.ROOT);
      if (domain.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "policy_published/domain");
      }
      String p = policy.getOrDefault("p", "");
      if (p.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "policy_published/p");
      }
      OptionalInt pct = OptionalInt.empty();
      String pctText = policy.getOrDefault("pct", "");
      if (!pctText.isEmpty()) {
        long v = number("policy_published/pct", pctText, faults);
        pct = OptionalInt.of((int) Math.min(100, v));
      }
      PolicyPublished pp =
          new PolicyPublished(
              domain,
              enumValue(
                  "discovery_method",
                  policy.getOrDefault("discovery_method", ""),
                  Set.of("psl", "treewalk"),
                  faults),
              alignment("adkim", faults),
              alignment("aspf", faults),
              enumValue("p", p, POLICIES, faults),
              enumValue("sp", policy.getOrDefault("sp", ""), POLICIES, faults),
              enumValue("np", policy.getOrDefault("np", ""), POLICIES, faults),
              pct,
              policy.getOrDefault("fo", ""),
              enumValue("testing", policy.getOrDefault("testing", ""), Set.of("y", "n"), faults));
      List<Row> merged = merge(records, faults);
      if (merged.isEmpty()) {
        faults.add(
            Finding.of(
                FeedbackCodes.NO_RECORDS,
                meta.getOrDefault("report_id", ""),
                "The report has no records."));
      }
      return new AggregateReport(
          schema,
          version,
          meta.getOrDefault("org_name", ""),
          meta.getOrDefault("email", ""),
          meta.getOrDefault("extra_contact_info", ""),
          meta.getOrDefault("report_id", ""),
          new DateRange(begin, end),
          meta.getOrDefault("generator", ""),
          errors,
          pp,
          merged,
          faults.findings());
    }

    private String alignment(String tag, Faults faults) {
      String v = policy.getOrDefault(tag, "").strip().toLowerCase(Locale.ROOT);
      String mapped = v.equals("relaxed") ? "r" : v.equals("strict") ? "s" : v;
      if (!mapped.equals(policy.getOrDefault(tag, ""))) {
        faults.add(
            FeedbackCodes.VALUE_NORMALIZED, tag + " \"" + policy.get(tag) + "\" → " + mapped);
      }
      if (!mapped.isEmpty() && !mapped.equals("r") && !mapped.equals("s")) {
        faults.add(FeedbackCodes.UNKNOWN_VALUE, tag + " \"" + policy.get(tag) + "\"");
      }
      return mapped;
    }

    private Instant epoch(String which, Faults faults) {
      String t = meta.getOrDefault("date_range/" + which, "");
      if (t.isEmpty()) {
        faults.add(FeedbackCodes.BAD_DATE_RANGE, "no date_range/" + which);
        return Instant.EPOCH;
      }
      long s = number("date_range/" + which, t, faults);
      return Instant.ofEpochSecond(Math.min(s, 253402300799L)); // at most 9999-12-31
    }

    private static List<Row> merge(List<Row> rows, Faults faults) {
      Map<Row, Long> counts = new LinkedHashMap<>();
      for (Row r : rows) {
        Row k = r.key();
        Long before = counts.get(k);
        if (before != null) {
          faults.add(FeedbackCodes.DUPLICATE_RECORD, r.sourceIp() + " " + r.headerFrom());
          counts.put(k, before + r.count());
        } else {
          counts.put(k, r.count());
        }
      }
      List<Row> out = new ArrayList<>(counts.size());
      counts.forEach((k, c) -> out.add(k.withCount(c)));
      return out;
    }
  }
}
