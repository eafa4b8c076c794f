package io.mxray.core.feedback;

import io.mxray.core.feedback.FeedbackReport.DateRange;
import io.mxray.core.finding.Finding;
import io.mxray.core.headers.HeaderParser;
import io.mxray.core.message.MailDate;
import io.mxray.core.message.Message;
import io.mxray.core.net.Addresses;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DMARC failure reports: the RFC 6591 authentication-failure flavour of the RFC 5965 Abuse
 * Reporting Format (a {@code message/feedback-report} part of {@code Name: value} fields beside the
 * failed message or its headers), and the free-text reports some receivers send instead, whose
 * fields are read from labelled lines and the attached headers.
 */
final class FailureReportParser {

  static final int MAX_ORIGINAL = 64 * 1024;

  private static final Pattern IPV4 =
      Pattern.compile(
          "(?<![0-9.])((?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])(?:\\.(?:25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])){3})(?![0-9.])");
  private static final Pattern IPV6 =
      Pattern.compile(
          "(?<![0-9A-Fa-f:])([0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![0-9A-Fa-f:])");
  private static final Pattern LABEL =
      Pattern.compile(
          "^\\s*([A-Za-z][A-Za-z -]{1,40}?)\\s*:\\s*(.{1,500}?)\\s*$", Pattern.MULTILINE);

  private FailureReportParser() {}

  /**
   * An ARF report.
   *
   * @param envelope the report message's own header section (From, Message-ID, Date)
   * @param fields the text of the {@code message/feedback-report} part
   * @param original the failed message or its header section, "" when not included
   */
  static FailureReport arf(Message envelope, String fields, String original, String subject) {
    Faults faults = new Faults(subject);
    Message f = HeaderParser.parse(fields.getBytes(StandardCharsets.ISO_8859_1));
    Message orig = HeaderParser.parse(clip(original).getBytes(StandardCharsets.ISO_8859_1));
    String feedbackType = f.value("Feedback-Type").strip().toLowerCase(Locale.ROOT);
    if (feedbackType.isEmpty()) {
      faults.add(FeedbackCodes.MISSING_FIELD, "Feedback-Type");
    } else if (!feedbackType.equals("auth-failure")) {
      faults.add(FeedbackCodes.UNKNOWN_VALUE, "Feedback-Type \"" + feedbackType + "\"");
    }
    if (f.value("Version").isBlank()) {
      faults.add(FeedbackCodes.MISSING_FIELD, "Version");
    }
    String source = ip(f.value("Source-IP"), faults);
    String reported = f.value("Reported-Domain").strip().toLowerCase(Locale.ROOT);
    String headerFrom = fromDomain(orig);
    if (reported.isEmpty()) {
      reported = headerFrom;
      if (reported.isEmpty()) {
        faults.add(FeedbackCodes.MISSING_FIELD, "Reported-Domain");
      }
    }
    Instant arrival = date(f.value("Arrival-Date"), envelope, orig);
    List<String> ars = new ArrayList<>();
    f.all("Authentication-Results").forEach(h -> ars.add(h.decoded().strip()));
    if (ars.isEmpty()) {
      orig.all("Authentication-Results").stream()
          .limit(5)
          .forEach(h -> ars.add(h.decoded().strip()));
    }
    return new FailureReport(
        org(envelope, f.value("User-Agent")),
        reportId(envelope, fields + original),
        new DateRange(arrival, arrival),
        true,
        feedbackType,
        f.value("User-Agent").strip(),
        source,
        reported,
        f.value("Original-Mail-From").strip(),
        f.value("Original-Rcpt-To").strip(),
        f.value("Auth-Failure").strip().toLowerCase(Locale.ROOT),
        f.value("Delivery-Result").strip().toLowerCase(Locale.ROOT),
        f.value("Identity-Alignment").strip().toLowerCase(Locale.ROOT),
        f.value("DKIM-Domain").strip().toLowerCase(Locale.ROOT),
        f.value("DKIM-Selector").strip(),
        f.value("SPF-DNS").strip(),
        ars,
        headerFrom,
        orig.value("Subject"),
        orig.value("Message-ID").strip(),
        headersOnly(clip(original)),
        faults.findings());
  }

  /**
   * A free-text failure report, or empty when the text does not look like one (it must speak of
   * DMARC or an authentication failure and name a source address or carry the failed headers).
   */
  static Optional<FailureReport> text(
      Message envelope, String body, String original, String subject) {
    String lower = (envelope.value("Subject") + "\n" + body).toLowerCase(Locale.ROOT);
    boolean about =
        lower.contains("dmarc")
            || lower.contains("authentication failure")
            || lower.contains("failure report")
            || lower.contains("forensic");
    Message orig = HeaderParser.parse(clip(original).getBytes(StandardCharsets.ISO_8859_1));
    String source = "";
    String reported = "";
    String authFailure = "";
    String mailFrom = "";
    List<String> ars = new ArrayList<>();
    Matcher m = LABEL.matcher(body.length() > 64 * 1024 ? body.substring(0, 64 * 1024) : body);
    while (m.find()) {
      String label = m.group(1).toLowerCase(Locale.ROOT).replace('-', ' ').strip();
      String value = m.group(2).strip();
      if (source.isEmpty()
          && (label.contains("source ip")
              || label.contains("ip address")
              || label.equals("ip")
              || label.contains("sender ip")
              || label.contains("received from"))) {
        source = firstIp(value);
      } else if (reported.isEmpty()
          && (label.contains("reported domain") || label.equals("domain"))) {
        reported = value.toLowerCase(Locale.ROOT);
      } else if (authFailure.isEmpty() && label.contains("auth failure")) {
        authFailure = value.toLowerCase(Locale.ROOT);
      } else if (mailFrom.isEmpty()
          && (label.contains("mail from") || label.contains("envelope from"))) {
        mailFrom = value;
      } else if (label.equals("authentication results")) {
        ars.add(value);
      }
    }
    if (source.isEmpty()) {
      // "… received from IP 192.0.2.1 …" in running text.
      Matcher ipText =
          Pattern.compile("(?i)\\bip(?: address)?\\s*(?:of|:|=)?\\s*\\[?([0-9a-f:.]{7,45})")
              .matcher(body);
      if (ipText.find()) {
        source = firstIp(ipText.group(1));
      }
    }
    String headerFrom = fromDomain(orig);
    if (!about || (source.isEmpty() && orig.fields().isEmpty())) {
      return Optional.empty();
    }
    if (reported.isEmpty()) {
      reported = headerFrom;
    }
    if (ars.isEmpty()) {
      orig.all("Authentication-Results").stream()
          .limit(5)
          .forEach(h -> ars.add(h.decoded().strip()));
    }
    Faults faults = new Faults(subject);
    faults.add(
        Finding.of(
            FeedbackCodes.FAILURE_NOT_ARF,
            subject,
            "The failure report is free text, not RFC 6591 ARF; its fields were read from labelled lines"
                + (orig.fields().isEmpty() ? "." : " and the attached headers.")));
    if (source.isEmpty()) {
      faults.add(FeedbackCodes.MISSING_FIELD, "source IP");
    }
    if (reported.isEmpty()) {
      faults.add(FeedbackCodes.MISSING_FIELD, "reported domain");
    }
    Instant arrival = date("", envelope, orig);
    return Optional.of(
        new FailureReport(
            org(envelope, ""),
            reportId(envelope, body + original),
            new DateRange(arrival, arrival),
            false,
            "auth-failure",
            "",
            source,
            reported,
            mailFrom,
            "",
            authFailure,
            "",
            "",
            "",
            "",
            "",
            ars,
            headerFrom,
            orig.value("Subject"),
            orig.value("Message-ID").strip(),
            headersOnly(clip(original)),
            faults.findings()));
  }

  private static String firstIp(String s) {
    Matcher m4 = IPV4.matcher(s);
    if (m4.find()) {
      return m4.group(1);
    }
    Matcher m6 = IPV6.matcher(s);
    while (m6.find()) {
      Optional<java.net.InetAddress> a = Addresses.parse(m6.group(1));
      if (a.isPresent()) {
        return Addresses.toText(a.get());
      }
    }
    return "";
  }

  private static String ip(String text, Faults faults) {
    String t = text.strip();
    if (t.isEmpty()) {
      faults.add(FeedbackCodes.MISSING_FIELD, "Source-IP");
      return "";
    }
    Optional<java.net.InetAddress> a = Addresses.parse(t.replaceAll("^\\[|\\]$", ""));
    if (a.isEmpty()) {
      String found = firstIp(t);
      if (found.isEmpty()) {
        faults.add(FeedbackCodes.BAD_ADDRESS, t);
        return t;
      }
      return found;
    }
    return Addresses.toText(a.get());
  }

  private static String fromDomain(Message orig) {
    String from = orig.value("From");
    int lt = from.lastIndexOf('<');
    String addr = lt >= 0 ? from.substring(lt + 1).replace(">", "") : from;
    int at = addr.lastIndexOf('@');
    if (at < 0) {
      return "";
    }
    return addr.substring(at + 1).strip().replaceAll("[>\\s].*$", "").toLowerCase(Locale.ROOT);
  }

  private static String org(Message envelope, String userAgent) {
    String d = fromDomain(envelope);
    if (!d.isEmpty()) {
      return d;
    }
    return userAgent.isBlank() ? "unknown" : userAgent.strip();
  }

  private static String reportId(Message envelope, String content) {
    String mid = envelope.value("Message-ID").strip();
    if (!mid.isEmpty()) {
      return mid;
    }
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static Instant date(String arrival, Message envelope, Message orig) {
    for (String s : List.of(arrival, envelope.value("Date"), orig.value("Date"))) {
      if (!s.isBlank()) {
        Optional<Instant> d = MailDate.parse(s.strip(), true);
        if (d.isPresent()) {
          return d.get();
        }
      }
    }
    return Instant.EPOCH;
  }

  private static String clip(String s) {
    return s.length() > MAX_ORIGINAL ? s.substring(0, MAX_ORIGINAL) : s;
  }

  /** The header section of a message (everything before the first empty line). */
  private static String headersOnly(String s) {
    int i = s.indexOf("\r\n\r\n");
    int j = s.indexOf("\n\n");
    int end = i >= 0 && (j < 0 || i < j) ? i : j;
    return Text.clean(end >= 0 ? s.substring(0, end) : s, MAX_ORIGINAL);
  }
}
