package io.mxray.core.bounce;

import io.mxray.core.message.MailDate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.dom.BinaryBody;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Reads one bounce. Extract first, classify later: this class only finds out what the message is
 * and what it says per recipient. Formats: RFC 6522 multipart/report with an RFC 3464
 * message/delivery-status part; RFC 5965 feedback reports, Microsoft JMRP and Amazon SES complaints
 * (feedback); Amazon SES JSON notifications (bounce, delivery); RFC 3834 auto-replies; and the
 * free-text bounces of MTAs without a machine-readable part ({@link TextBounceScanner}). Every text
 * part is decoded (transfer encoding, then {@link Charsets}) before anything is matched. Pure:
 * bytes in, {@link BounceMessage} out; never throws for bad input; every size is capped.
 */
public final class DsnParser {

  /**
   * Bytes of one message that are read; the rest is ignored and the result says it was truncated.
   */
  public static final int MAX_BYTES = 2 * 1024 * 1024;

  /** Recipients kept per message. */
  public static final int MAX_RECIPIENTS = 500;

  /** Characters of human-readable text kept for scanning. */
  static final int MAX_TEXT = 256 * 1024;

  /** Characters of one header field value kept. */
  static final int MAX_HEADER = 4000;

  private static final Pattern AUTO_SUBJECT =
      Pattern.compile(
          "^(?:auto(?:matic)?[ -]?(?:reply|response|antwort)|auto:|out of (?:the )?office|away from|away until|vacation|"
              + "abwesenheit|absence|r[ée]ponse automatique|i am (?:currently )?(?:away|out))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "undeliver|delivery (?:status|fail|problem|notification)|failure notice|returned mail|"
              + "mail delivery|could not be delivered|non.?delivery|nondeliverable|returned to sender|delivery error|"
              + "mail system error|rejected|warning: could not send|message (?:not|could not be) delivered|"
              + "permanent error|failed|error sending|bounce|notification|配信|不能|返送|エラー",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DAEMON_FROM =
      Pattern.compile(
          "mailer-daemon|post_?master|mail delivery|mail administrator|mail-?daemon|mailer_daemon|bounce|"
              + "no-?reply|mail ?system|notifications?@|@[^\\s>]{0,200}\\bgroups?\\.",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RAW_DSN =
      Pattern.compile(
          "(?im)^(?:reporting-mta|final-recipient|original-recipient):[ \\t]*+(?:rfc822|dns)[ \\t]*+;");
  private static final Pattern COMPLAINT_SUBJECT =
      Pattern.compile("complaint about message from", Pattern.CASE_INSENSITIVE);
  private static final Pattern CHARSET =
      Pattern.compile("(?i)\\bcharset[ \\t]*+=[ \\t]*+\"?([A-Za-z0-9_.:+-]{1,40})");
  private static final Pattern REPORTER =
      Pattern.compile(
          "(?i)(?:mail system|postfix program|qmail-send program|mail agent[^\\n]{0,20}?) at (?:host )?"
              + "([a-z0-9][a-z0-9.-]{0,252}[a-z0-9])");

  private DsnParser() {}

  /** Parses a message; input beyond {@link #MAX_BYTES} is ignored. */
  public static BounceMessage parse(byte[] raw) {
    boolean truncated = raw.length > MAX_BYTES;
    int len = Math.min(raw.length, MAX_BYTES);
    int start = skipEnvelope(raw, len);
    if (!looksLikeMail(raw, start, len)) {
      return new BounceMessage(BounceMessage.Kind.UNREADABLE, List.of(), "", "", "", truncated);
    }
    byte[] bytes = java.util.Arrays.copyOfRange(raw, start, len);
    Message message;
    try {
      message = builder().parseMessage(new ByteArrayInputStream(bytes));
    } catch (IOException | RuntimeException e) {
      // mime4j gave up on the structure: scan the raw text instead.
      String text = Charsets.decode(bytes, null);
      HumanText human = HumanText.of(text, List.of(), List.of());
      List<BounceRecipient> rs = TextBounceScanner.scan(text, "", "", List.of(), List.of());
      return new BounceMessage(
          rs.isEmpty() ? BounceMessage.Kind.UNREADABLE : BounceMessage.Kind.TEXT_BOUNCE,
          cap(rs),
          "",
          "",
          "",
          truncated,
          "",
          "",
          originalFromText(
              human.text().length() < text.length() ? text.substring(human.text().length()) : ""));
    }
    try {
      return read(message, Charsets.decode(bytes, null), truncated, 0);
    } finally {
      message.dispose();
    }
  }

  public static BounceMessage parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private static DefaultMessageBuilder builder() {
    MimeConfig config =
        MimeConfig.custom()
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(2000)
            .setMaxContentLen(MAX_BYTES)
            .setMalformedHeaderStartsBody(true)
            .build();
    DefaultMessageBuilder b = new DefaultMessageBuilder();
    b.setMimeEntityConfig(config);
    b.setDecodeMonitor(DecodeMonitor.SILENT);
    return b;
  }

  /** Collected parts of a message, in document order. */
  private static final class Parts {
    final List<String> statusParts = new ArrayList<>();
    final List<String> feedbackParts = new ArrayList<>();
    final StringBuilder text = new StringBuilder();
    String originalHeaders;
    Message original;
  }

  private static BounceMessage read(Message m, String rawText, boolean truncated, int depth) {
    String subject = header(m, "Subject");
    String from = header(m, "From");
    String to = header(m, "To");
    String date = isoDate(header(m, "Date"));
    Parts parts = new Parts();
    walk(m, parts, 0);
    String contentType = header(m, "Content-Type").toLowerCase(Locale.ROOT);
    if (parts.text.toString().isBlank()) {
      int body = rawText.indexOf("\n\n");
      int bodyCrlf = rawText.indexOf("\r\n\r\n");
      int at = body < 0 ? bodyCrlf : bodyCrlf < 0 ? body : Math.min(body, bodyCrlf);
      String b = at < 0 ? "" : rawText.substring(at);
      parts.text.append(b.length() > MAX_TEXT ? b.substring(0, MAX_TEXT) : b);
    }
    String text =
        parts.text.length() > MAX_TEXT ? parts.text.substring(0, MAX_TEXT) : parts.text.toString();
    if (parts.statusParts.isEmpty() && parts.feedbackParts.isEmpty()) {
      // Broken MIME (wrong boundary) hides the report: look for RFC 3464 fields in the raw text.
      Matcher dsn =
          RAW_DSN.matcher(rawText.length() > MAX_BYTES ? rawText.substring(0, MAX_BYTES) : rawText);
      if (dsn.find()) {
        parts.statusParts.add(
            rawText.substring(dsn.start(), Math.min(rawText.length(), dsn.start() + MAX_TEXT)));
      }
    }
    OriginalMessage original = originalOf(parts, text);
    String reportingMta =
        parts.statusParts.isEmpty()
            ? ""
            : DeliveryStatus.typed(
                DeliveryStatus.fields(firstBlock(parts.statusParts.get(0)))
                    .getOrDefault("reporting-mta", List.of(""))
                    .get(0));
    String mta =
        MtaSignatures.detect(
            new MtaSignatures.Signals(
                from,
                subject,
                text,
                reportingMta,
                headers(m, "Received", 20),
                name -> header(m, name)));
    Details d = new Details(subject, from, truncated, mta, date, original);

    if (!parts.feedbackParts.isEmpty() || contentType.contains("feedback-report")) {
      return feedback(parts, d);
    }
    if (COMPLAINT_SUBJECT.matcher(subject).find() && parts.original != null) {
      return complaintNotice(parts, d);
    }
    if (SesNotification.looksLike(text)) {
      Optional<SesNotification.Parsed> ses = SesNotification.parse(text);
      if (ses.isPresent()) {
        return ses(ses.get(), d);
      }
    }
    if (parts.statusParts.isEmpty()
        && parts.original != null
        && depth < 3
        && (header(parts.original, "Content-Type").toLowerCase(Locale.ROOT).contains("report")
            || DAEMON_FROM.matcher(header(parts.original, "From")).find())) {
      // A bounce forwarded as an attachment: explain the attached bounce.
      BounceMessage inner = read(parts.original, "", truncated, depth + 1);
      if (inner.kind() == BounceMessage.Kind.DSN) {
        return inner;
      }
    }
    List<String> exclude = new ArrayList<>();
    exclude.addAll(addresses(to));
    exclude.addAll(addresses(from));
    List<String> failed = addresses(header(m, "X-Failed-Recipients"));
    HumanText human = HumanText.of(text, exclude, failed);
    String reporter = reportingMta.isEmpty() ? reporter(human.text()) : reportingMta;
    if (!parts.statusParts.isEmpty()) {
      List<BounceRecipient> rs = new ArrayList<>();
      for (String part : parts.statusParts) {
        rs.addAll(DeliveryStatus.recipients(part, human));
      }
      if (!rs.isEmpty()) {
        return message(BounceMessage.Kind.DSN, rs, "", d, reporter);
      }
    }
    boolean robotFrom = DAEMON_FROM.matcher(from).find();
    boolean bounceSubject = BOUNCE_SUBJECT.matcher(subject).find();
    boolean daemon =
        robotFrom
            || header(m, "Return-Path").matches("\\s*<\\s*>\\s*")
            || bounceSubject
            || !failed.isEmpty();
    if (!robotFrom && !bounceSubject && isAutoReply(m, subject)) {
      List<String> self = addresses(from);
      BounceRecipient r =
          new BounceRecipient(
              self.isEmpty() ? "" : self.get(0),
              "",
              "",
              0,
              Lines.oneLine(human.text(), 500),
              "",
              "");
      return message(BounceMessage.Kind.AUTO_REPLY, List.of(r), "", d, "");
    }
    List<BounceRecipient> rs = new ArrayList<>();
    for (String address : human.addresses()) {
      rs.add(
          TextBounceScanner.recipient(
              address, human.segmentFor(address, human.addresses().size())));
    }
    if (daemon || (!rs.isEmpty() && TextBounceScanner.hasDiagnostic(rs))) {
      if (rs.isEmpty()) {
        rs = List.of(new BounceRecipient("", "", "", 0, Lines.oneLine(human.text(), 2000), "", ""));
      }
      return message(BounceMessage.Kind.TEXT_BOUNCE, rs, "", d, reporter);
    }
    return message(BounceMessage.Kind.NOT_A_BOUNCE, List.of(), "", d, "");
  }

  /** The bounce's own facts, shared by every kind of result. */
  private record Details(
      String subject,
      String from,
      boolean truncated,
      String mta,
      String date,
      OriginalMessage original) {}

  private static BounceMessage message(
      BounceMessage.Kind kind,
      List<BounceRecipient> rs,
      String feedbackType,
      Details d,
      String reportingMta) {
    List<BounceRecipient> out = new ArrayList<>();
    for (BounceRecipient r : cap(rs)) {
      out.add(r.withReportingMta(reportingMta));
    }
    return new BounceMessage(
        kind,
        out,
        feedbackType,
        d.subject(),
        d.from(),
        d.truncated(),
        d.mta(),
        d.date(),
        d.original());
  }

  private static List<BounceRecipient> cap(List<BounceRecipient> rs) {
    return rs.size() > MAX_RECIPIENTS ? rs.subList(0, MAX_RECIPIENTS) : rs;
  }

  /** "This is the mail system at host mx.example.net": the reporting host of a text bounce. */
  private static String reporter(String human) {
    Matcher m = REPORTER.matcher(human.length() > 4096 ? human.substring(0, 4096) : human);
    return m.find() ? m.group(1) : "";
  }

  private static boolean isAutoReply(Message m, String subject) {
    String auto = header(m, "Auto-Submitted").toLowerCase(Locale.ROOT);
    if (auto.startsWith("auto-replied") || auto.startsWith("auto-notified")) {
      return true;
    }
    if (!header(m, "X-Autoreply").isEmpty()
        || !header(m, "X-Autorespond").isEmpty()
        || header(m, "Precedence").toLowerCase(Locale.ROOT).contains("auto_reply")
        || !header(m, "X-Auto-Response-Suppress").isEmpty()
            && AUTO_SUBJECT.matcher(subject).find()) {
      return true;
    }
    return AUTO_SUBJECT.matcher(subject.trim()).find();
  }

  /** RFC 5965 §3.1/§3.2 feedback report: the Feedback-Type and the complaining recipients. */
  private static BounceMessage feedback(Parts parts, Details d) {
    String type = "";
    String reporting = "";
    String mailFrom = "";
    List<String> rcpts = new ArrayList<>();
    for (String part : parts.feedbackParts) {
      for (Map.Entry<String, List<String>> f : DeliveryStatus.fields(part).entrySet()) {
        switch (f.getKey()) {
          case "feedback-type" -> {
            if (type.isEmpty()) {
              type = f.getValue().get(0).trim().toLowerCase(Locale.ROOT);
            }
          }
          case "original-rcpt-to", "removal-recipient" -> {
            for (String v : f.getValue()) {
              rcpts.addAll(addresses(v));
            }
          }
          case "reporting-mta" -> reporting = DeliveryStatus.typed(f.getValue().get(0));
          case "original-mail-from" -> mailFrom = Addresses.first(f.getValue().get(0));
          default -> {}
        }
      }
    }
    if (rcpts.isEmpty()) {
      rcpts.addAll(originalRecipients(parts));
    }
    if (rcpts.isEmpty()) {
      rcpts.add("");
    }
    List<BounceRecipient> rs = new ArrayList<>();
    for (String r : rcpts) {
      rs.add(new BounceRecipient(r, "", "", 0, "", "", ""));
    }
    Details dd =
        new Details(
            d.subject(),
            d.from(),
            d.truncated(),
            d.mta(),
            d.date(),
            d.original().orElse(new OriginalMessage("", mailFrom, "", "")));
    return message(BounceMessage.Kind.FEEDBACK, rs, type.isEmpty() ? "abuse" : type, dd, reporting);
  }

  /**
   * A complaint forwarded without an ARF part ("complaint about message from 192.0.2.1" with the
   * message attached): Microsoft's Junk Mail Reporting Program and Amazon SES e-mail complaints.
   * The complainer is the original's X-HmXmrOriginalRecipient (Microsoft) or its To.
   */
  private static BounceMessage complaintNotice(Parts parts, Details d) {
    List<String> rcpts = addresses(header(parts.original, "X-HmXmrOriginalRecipient"));
    if (rcpts.isEmpty()) {
      rcpts = originalRecipients(parts);
    }
    List<BounceRecipient> rs = new ArrayList<>();
    for (String r : rcpts.isEmpty() ? List.of("") : rcpts) {
      rs.add(new BounceRecipient(r, "", "", 0, "", "", ""));
    }
    return message(BounceMessage.Kind.FEEDBACK, rs, "abuse", d, "");
  }

  private static BounceMessage ses(SesNotification.Parsed p, Details d) {
    Details dd =
        new Details(
            d.subject(),
            d.from(),
            d.truncated(),
            "amazonses",
            d.date().isEmpty() ? isoDate(p.timestamp()) : d.date(),
            p.original().orElse(d.original()));
    if (p.type().equalsIgnoreCase("complaint")) {
      List<BounceRecipient> rs =
          p.recipients().isEmpty()
              ? List.of(new BounceRecipient("", "", "", 0, "", "", ""))
              : p.recipients();
      return message(
          BounceMessage.Kind.FEEDBACK,
          rs,
          p.feedbackType().isEmpty() ? "abuse" : p.feedbackType(),
          dd,
          "");
    }
    if (p.recipients().isEmpty()) {
      return message(BounceMessage.Kind.NOT_A_BOUNCE, List.of(), "", dd, "");
    }
    return message(BounceMessage.Kind.DSN, p.recipients(), "", dd, "");
  }

  private static List<String> originalRecipients(Parts parts) {
    if (parts.original != null) {
      return addresses(header(parts.original, "To"));
    }
    if (parts.originalHeaders != null) {
      return addresses(
          String.join(
              " ",
              DeliveryStatus.fields(firstBlock(parts.originalHeaders))
                  .getOrDefault("to", List.of())));
    }
    return List.of();
  }

  /** What the bounce carries of the original: the attached message, its headers, or the text. */
  private static OriginalMessage originalOf(Parts parts, String text) {
    if (parts.original != null) {
      Message o = parts.original;
      String from = Addresses.first(header(o, "From"));
      if (from.isEmpty()) {
        from = Addresses.first(header(o, "Return-Path"));
      }
      return new OriginalMessage(
          messageId(header(o, "Message-ID")),
          from,
          header(o, "Subject"),
          listId(header(o, "List-Id")));
    }
    if (parts.originalHeaders != null) {
      return originalFromHeaders(parts.originalHeaders);
    }
    return originalFromText(TextBounceScanner.originalPart(text));
  }

  /** The original's fields from a copy pasted below the bounce text. */
  static OriginalMessage originalFromText(String after) {
    if (after.isBlank()) {
      return OriginalMessage.NONE;
    }
    // Skip the marker line and anything that is not a header field yet.
    List<String> lines =
        Lines.split(after.length() > 64 * 1024 ? after.substring(0, 64 * 1024) : after, 2000);
    int i = 0;
    while (i < lines.size() && !looksLikeHeader(lines.get(i).stripLeading())) {
      i++;
    }
    StringBuilder b = new StringBuilder();
    for (; i < lines.size(); i++) {
      String l = lines.get(i);
      if (l.isBlank()) {
        break;
      }
      // Some MTAs indent the copy: an indented field is still a field, other lines are folds.
      String s = l.stripLeading();
      b.append(looksLikeHeader(s) ? s : Character.isWhitespace(l.charAt(0)) ? l : " " + l)
          .append('\n');
    }
    return originalFromHeaders(b.toString());
  }

  private static boolean looksLikeHeader(String l) {
    int colon = l.indexOf(':');
    if (colon <= 0 || colon > 60) {
      return false;
    }
    for (int k = 0; k < colon; k++) {
      char c = l.charAt(k);
      if (!(Character.isLetterOrDigit(c) || c == '-')) {
        return false;
      }
    }
    return true;
  }

  private static OriginalMessage originalFromHeaders(String headers) {
    Map<String, List<String>> f = DeliveryStatus.fields(firstBlock(headers));
    String from = Addresses.first(decodeWords(firstOf(f, "from")));
    if (from.isEmpty()) {
      from = Addresses.first(firstOf(f, "return-path"));
    }
    return new OriginalMessage(
        messageId(firstOf(f, "message-id")),
        from,
        decodeWords(firstOf(f, "subject")),
        listId(firstOf(f, "list-id")));
  }

  private static String firstOf(Map<String, List<String>> f, String name) {
    List<String> v = f.get(name);
    return v == null || v.isEmpty() ? "" : v.get(0);
  }

  /** The first blank-line-separated block of a text. */
  static String firstBlock(String s) {
    int a = s.indexOf("\n\n");
    int b = s.indexOf("\r\n\r\n");
    int at = a < 0 ? b : b < 0 ? a : Math.min(a, b);
    String block = at < 0 ? s : s.substring(0, at);
    return block.length() > MAX_TEXT ? block.substring(0, MAX_TEXT) : block;
  }

  /** A Message-ID without its angle brackets and white space (RFC 5322 §3.6.4). */
  static String messageId(String value) {
    String v = value.trim();
    int lt = v.indexOf('<');
    int gt = lt < 0 ? -1 : v.indexOf('>', lt);
    if (lt >= 0 && gt > lt) {
      v = v.substring(lt + 1, gt);
    }
    v = v.replaceAll("\\s+", "");
    return v.length() > 998 ? v.substring(0, 998) : v;
  }

  /** The list identifier of a List-Id (RFC 2919 §2): the part in angle brackets when present. */
  static String listId(String value) {
    String v = value.trim();
    int lt = v.lastIndexOf('<');
    int gt = lt < 0 ? -1 : v.indexOf('>', lt);
    if (lt >= 0 && gt > lt) {
      v = v.substring(lt + 1, gt);
    }
    return v.length() > 998 ? v.substring(0, 998) : v.trim();
  }

  private static String isoDate(String value) {
    if (value.isBlank()) {
      return "";
    }
    try {
      return MailDate.parse(value.length() > 200 ? value.substring(0, 200) : value, true)
          .map(java.time.Instant::toString)
          .orElse("");
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static void walk(Entity e, Parts parts, int depth) {
    if (depth > 20) {
      return;
    }
    String mime = e.getMimeType() == null ? "text/plain" : e.getMimeType().toLowerCase(Locale.ROOT);
    Body body = e.getBody();
    if (body instanceof Multipart mp) {
      List<Entity> children = mp.getBodyParts();
      for (int i = 0; i < children.size() && i < 200; i++) {
        walk(children.get(i), parts, depth + 1);
      }
      return;
    }
    if (body instanceof Message inner) {
      // The returned original (message/rfc822).
      if (parts.original == null && parts.originalHeaders == null) {
        parts.original = inner;
      }
      return;
    }
    switch (mime) {
      case "message/delivery-status", "message/global-delivery-status" ->
          parts.statusParts.add(content(body, e));
      case "message/feedback-report" -> parts.feedbackParts.add(content(body, e));
      case "text/rfc822-headers", "message/rfc822-headers", "message/global-headers" -> {
        if (parts.original == null && parts.originalHeaders == null) {
          parts.originalHeaders = content(body, e);
        }
      }
      case "message/rfc822", "message/global" -> {
        // Kept as text when mime4j did not parse it as a message: its headers are the original's.
        if (parts.original == null && parts.originalHeaders == null) {
          parts.originalHeaders = content(body, e);
        }
      }
      default -> {
        if (mime.startsWith("text/") || mime.equals("application/json")) {
          if (parts.text.length() < MAX_TEXT) {
            String t = content(body, e);
            if (mime.equals("text/html")) {
              t = stripHtml(t);
            }
            parts.text.append(t).append('\n');
          }
        }
      }
    }
  }

  /**
   * Text of an HTML part: elements dropped (script and style with their content), line-breaking
   * elements kept as line breaks, the common entities decoded. A hand-written single pass.
   */
  static String stripHtml(String html) {
    StringBuilder b = new StringBuilder(html.length());
    String lower = html.toLowerCase(Locale.ROOT);
    int i = 0;
    int n = html.length();
    while (i < n) {
      char c = html.charAt(i);
      if (c == '<') {
        int end = html.indexOf('>', i);
        if (end < 0) {
          break;
        }
        String tag = lower.substring(i + 1, Math.min(end, i + 12));
        if (tag.startsWith("script") || tag.startsWith("style")) {
          String close = tag.startsWith("script") ? "</script" : "</style";
          int c2 = lower.indexOf(close, end);
          int e2 = c2 < 0 ? -1 : html.indexOf('>', c2);
          i = e2 < 0 ? n : e2 + 1;
          b.append(' ');
          continue;
        }
        if (tag.startsWith("br")
            || tag.startsWith("/p")
            || tag.startsWith("/div")
            || tag.startsWith("/tr")
            || tag.startsWith("p>")
            || tag.startsWith("p ")
            || tag.startsWith("/li")
            || tag.startsWith("/h")) {
          b.append('\n');
        } else {
          b.append(' ');
        }
        i = end + 1;
      } else if (c == '&') {
        int semi = html.indexOf(';', i);
        String ent = semi > i && semi - i <= 8 ? lower.substring(i, semi + 1) : "";
        String rep =
            switch (ent) {
              case "&nbsp;" -> " ";
              case "&lt;" -> "<";
              case "&gt;" -> ">";
              case "&quot;" -> "\"";
              case "&amp;" -> "&";
              case "&#39;", "&apos;" -> "'";
              default -> null;
            };
        if (rep != null) {
          b.append(rep);
          i = semi + 1;
        } else {
          b.append(c);
          i++;
        }
      } else {
        b.append(c);
        i++;
      }
    }
    return b.toString();
  }

  private static String content(Body body, Entity e) {
    try {
      if (body instanceof TextBody tb) {
        try (InputStream in = tb.getInputStream()) {
          return Charsets.decode(in.readNBytes(MAX_TEXT), declaredCharset(e));
        }
      }
      if (body instanceof BinaryBody bb) {
        try (InputStream in = bb.getInputStream()) {
          return Charsets.decode(in.readNBytes(MAX_TEXT), declaredCharset(e));
        }
      }
    } catch (IOException | RuntimeException ex) {
      return "";
    }
    return "";
  }

  /** The charset parameter of an entity's Content-Type, or null when none is declared. */
  private static String declaredCharset(Entity e) {
    Matcher m = CHARSET.matcher(header(e, "Content-Type"));
    return m.find() ? m.group(1) : null;
  }

  /** The decoded value of the first header field of that name, or "". */
  static String header(Entity e, String name) {
    if (e.getHeader() == null) {
      return "";
    }
    Field f = e.getHeader().getField(name);
    return f == null ? "" : fieldValue(f);
  }

  private static List<String> headers(Entity e, String name, int max) {
    if (e.getHeader() == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Field f : e.getHeader().getFields(name)) {
      if (out.size() >= max) {
        break;
      }
      out.add(fieldValue(f));
    }
    return out;
  }

  /**
   * A field's value with raw 8-bit bytes decoded like a body (some MTAs put UTF-8 or Shift_JIS into
   * headers unencoded) and RFC 2047 encoded words decoded; folded, capped.
   */
  private static String fieldValue(Field f) {
    String body = null;
    ByteSequence raw = f.getRaw();
    if (raw != null) {
      byte[] bytes = raw.toByteArray();
      boolean eightBit = false;
      for (byte b : bytes) {
        if (b < 0) {
          eightBit = true;
          break;
        }
      }
      if (eightBit) {
        String s = Charsets.decode(bytes, null);
        int colon = s.indexOf(':');
        body = colon >= 0 ? s.substring(colon + 1) : s;
      }
    }
    if (body == null) {
      body = f.getBody();
    }
    if (body == null) {
      return "";
    }
    if (body.length() > MAX_HEADER) {
      body = body.substring(0, MAX_HEADER);
    }
    return decodeWords(body);
  }

  private static String decodeWords(String value) {
    try {
      return Lines.oneLine(DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT), MAX_HEADER);
    } catch (RuntimeException ex) {
      return Lines.oneLine(value, MAX_HEADER);
    }
  }

  static List<String> addresses(String text) {
    return Addresses.all(
        text.length() > 64 * 1024 ? text.substring(0, 64 * 1024) : text, MAX_RECIPIENTS);
  }

  /** Skips a leading mbox "From " line and blank lines. */
  private static int skipEnvelope(byte[] raw, int len) {
    int i = 0;
    while (i < len && (raw[i] == '\n' || raw[i] == '\r')) {
      i++;
    }
    if (len - i > 5
        && raw[i] == 'F'
        && raw[i + 1] == 'r'
        && raw[i + 2] == 'o'
        && raw[i + 3] == 'm'
        && raw[i + 4] == ' ') {
      while (i < len && raw[i] != '\n') {
        i++;
      }
      i++;
    }
    return Math.min(i, len);
  }

  /**
   * A mail message starts with a header field and is mostly text; binary junk is not read further.
   */
  private static boolean looksLikeMail(byte[] raw, int start, int len) {
    if (len - start < 4) {
      return false;
    }
    int sample = Math.min(len, start + 8192);
    int bad = 0;
    for (int i = start; i < sample; i++) {
      int b = raw[i] & 0xff;
      if (b == 0 || b < 0x09 || (b > 0x0d && b < 0x20 && b != 0x1b)) {
        bad++;
      }
    }
    if (bad * 20 > (sample - start)) {
      return false;
    }
    int i = start;
    while (i < sample && raw[i] != ':' && raw[i] != '\n') {
      int b = raw[i] & 0xff;
      if (b <= 0x20 || b >= 0x7f) {
        return false;
      }
      i++;
    }
    return i < sample && raw[i] == ':' && i > start;
  }

  /** For tests and diagnostics: header fields of a delivery-status or feedback part, in order. */
  static Map<String, List<String>> fieldsOf(String part) {
    return new LinkedHashMap<>(DeliveryStatus.fields(part));
  }
}
