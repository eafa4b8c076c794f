package io.mxray.core.bounce;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

/**
 * Reads one bounce: RFC 6522 multipart/report with an RFC 3464 message/delivery-status part, RFC
 * 5965 feedback reports, RFC 3834 auto-replies, and the non-standard bounce texts of common MTAs
 * (handed to {@link TextBounceScanner}). Pure: bytes in, {@link BounceMessage} out. Never throws
 * for bad input; MIME is parsed by Apache James mime4j, leniently, with every size capped.
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

  private static final Pattern AUTO_SUBJECT =
      Pattern.compile(
          "^(auto(matic)?[ -]?(reply|response|antwort)|auto:|out of (the )?office|away from|away until|vacation|"
              + "abwesenheit|absence|r[ée]ponse automatique|i am (currently )?(away|out))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern BOUNCE_SUBJECT =
      Pattern.compile(
          "(undeliver|undelivered|delivery (status|fail|problem|notification)|failure notice|returned mail|"
              + "mail delivery|could not be delivered|non.?delivery|nondeliverable|returned to sender|delivery error|"
              + "mail system error|rejected|warning: could not send|message (not|could not be) delivered|"
              + "permanent error|failed|error sending|bounce|notification|配信|不能|返送|エラー)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DAEMON_FROM =
      Pattern.compile(
          "(mailer-daemon|postmaster|mail delivery|mail administrator|mail-?daemon|mailer_daemon|bounce|"
              + "no-?reply|mail ?system|notifications?@|@.*\\bgroups?\\.)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern RAW_DSN =
      Pattern.compile(
          "(?im)^(?:reporting-mta|final-recipient|original-recipient):\\s*(?:rfc822|dns)\\s*;");
  static final Pattern ADDRESS =
      Pattern.compile(
          "[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?"
              + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");

  private DsnParser() {}

  /** Parses a message; input beyond {@link #MAX_BYTES} is ignored. */
  public static BounceMessage parse(byte[] raw) {
    boolean truncated = raw.length > MAX_BYTES;
    int len = Math.min(raw.length, MAX_BYTES);
    int start = skipEnvelope(raw, len);
    if (!looksLikeMail(raw, start, len)) {
      return new BounceMessage(BounceMessage.Kind.UNREADABLE, List.of(), "", "", "", truncated);
    }
    Message message;
    try {
      message = builder().parseMessage(new ByteArrayInputStream(raw, start, len - start));
    } catch (IOException | RuntimeException e) {
      // mime4j gave up on the structure: scan the raw text instead.
      String text = new String(raw, start, len - start, StandardCharsets.ISO_8859_1);
      List<BounceRecipient> rs = TextBounceScanner.scan(text, "", "", List.of(), List.of());
      return new BounceMessage(
          rs.isEmpty() ? BounceMessage.Kind.UNREADABLE : BounceMessage.Kind.TEXT_BOUNCE,
          rs,
          "",
          "",
          "",
          truncated);
    }
    try {
      String rawText = new String(raw, start, len - start, StandardCharsets.UTF_8);
      return read(message, rawText, truncated, 0);
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
    final List<String> originalRecipients = new ArrayList<>();
    boolean hasOriginal;
    Message original;
  }

  private static BounceMessage read(Message m, String rawText, boolean truncated, int depth) {
    String subject = header(m, "Subject");
    String from = header(m, "From");
    String to = header(m, "To");
    Parts parts = new Parts();
    walk(m, parts, 0);
    String contentType = header(m, "Content-Type").toLowerCase(Locale.ROOT);

    if (!parts.feedbackParts.isEmpty() || contentType.contains("feedback-report")) {
      return feedback(parts, subject, from, truncated);
    }
    if (parts.statusParts.isEmpty()) {
      // Broken MIME (wrong boundary) hides the report: look for RFC 3464 fields in the raw text.
      Matcher dsn = RAW_DSN.matcher(rawText);
      if (dsn.find()) {
        parts.statusParts.add(
            rawText.substring(dsn.start(), Math.min(rawText.length(), dsn.start() + MAX_TEXT)));
      }
    }
    if (parts.text.toString().isBlank()) {
      int body = rawText.indexOf("\n\n");
      int bodyCrlf = rawText.indexOf("\r\n\r\n");
      int at = body < 0 ? bodyCrlf : bodyCrlf < 0 ? body : Math.min(body, bodyCrlf);
      String b = at < 0 ? "" : rawText.substring(at);
      parts.text.append(b.length() > MAX_TEXT ? b.substring(0, MAX_TEXT) : b);
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
    String text =
        parts.text.length() > MAX_TEXT ? parts.text.substring(0, MAX_TEXT) : parts.text.toString();
    String humanText = TextBounceScanner.cutOriginal(text);
    if (!parts.statusParts.isEmpty()) {
      List<BounceRecipient> rs = new ArrayList<>();
      for (String part : parts.statusParts) {
        rs.addAll(DeliveryStatus.recipients(part, humanText));
      }
      if (!rs.isEmpty()) {
        return new BounceMessage(BounceMessage.Kind.DSN, cap(rs), "", subject, from, truncated);
      }
    }
    boolean robotFrom = DAEMON_FROM.matcher(from).find();
    boolean bounceSubject = BOUNCE_SUBJECT.matcher(subject).find();
    boolean daemon =
        robotFrom
            || header(m, "Return-Path").matches("\\s*<\\s*>\\s*")
            || bounceSubject
            || !header(m, "X-Failed-Recipients").isEmpty();
    if (!robotFrom && !bounceSubject && isAutoReply(m, subject)) {
      List<String> self = addresses(from);
      BounceRecipient r =
          new BounceRecipient(
              self.isEmpty() ? "" : self.get(0), "", "", 0, oneLine(humanText, 500), "", "");
      return new BounceMessage(
          BounceMessage.Kind.AUTO_REPLY, List.of(r), "", subject, from, truncated);
    }
    List<String> failed = addresses(header(m, "X-Failed-Recipients"));
    List<BounceRecipient> rs = TextBounceScanner.scan(text, subject, from, exclude, failed);
    if (daemon || (!rs.isEmpty() && TextBounceScanner.hasDiagnostic(rs))) {
      if (rs.isEmpty()) {
        rs = List.of(new BounceRecipient("", "", "", 0, oneLine(humanText, 2000), "", ""));
      }
      return new BounceMessage(
          BounceMessage.Kind.TEXT_BOUNCE, cap(rs), "", subject, from, truncated);
    }
    return new BounceMessage(
        BounceMessage.Kind.NOT_A_BOUNCE, List.of(), "", subject, from, truncated);
  }

  private static List<BounceRecipient> cap(List<BounceRecipient> rs) {
    return rs.size() > MAX_RECIPIENTS ? rs.subList(0, MAX_RECIPIENTS) : rs;
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

  private static BounceMessage feedback(
      Parts parts, String subject, String from, boolean truncated) {
    String type = "";
    List<String> rcpts = new ArrayList<>();
    for (String part : parts.feedbackParts) {
      for (Map.Entry<String, List<String>> f : DeliveryStatus.fields(part).entrySet()) {
        if (f.getKey().equals("feedback-type") && type.isEmpty()) {
          type = f.getValue().get(0).trim().toLowerCase(Locale.ROOT);
        } else if (f.getKey().equals("original-rcpt-to")
            || f.getKey().equals("removal-recipient")) {
          for (String v : f.getValue()) {
            rcpts.addAll(addresses(v));
          }
        }
      }
    }
    if (rcpts.isEmpty()) {
      rcpts.addAll(parts.originalRecipients);
    }
    if (rcpts.isEmpty()) {
      rcpts.add("");
    }
    List<BounceRecipient> rs = new ArrayList<>();
    for (String r : rcpts) {
      rs.add(new BounceRecipient(r, "", "", 0, "", "", ""));
    }
    return new BounceMessage(
        BounceMessage.Kind.FEEDBACK,
        cap(rs),
        type.isEmpty() ? "abuse" : type,
        subject,
        from,
        truncated);
  }

  private static void walk(Entity e, Parts parts, int depth) {
    if (depth > 20) {
      return;
    }
    String mime = e.getMimeType() == null ? "text/plain" : e.getMimeType().toLowerCase(Locale.ROOT);
    Body body = e.getBody();
    if (body instanceof Multipart mp) {
      for (Entity child : mp.getBodyParts()) {
        walk(child, parts, depth + 1);
      }
      return;
    }
    if (body instanceof Message inner) {
      // The returned original (message/rfc822): its recipients matter for feedback reports only.
      if (!parts.hasOriginal) {
        parts.hasOriginal = true;
        parts.original = inner;
        parts.originalRecipients.addAll(addresses(header(inner, "To")));
      }
      return;
    }
    switch (mime) {
      case "message/delivery-status", "message/global-delivery-status" ->
          parts.statusParts.add(content(body, e));
      case "message/feedback-report" -> parts.feedbackParts.add(content(body, e));
      case "text/rfc822-headers", "message/rfc822-headers", "message/global-headers" -> {
        if (!parts.hasOriginal) {
          parts.hasOriginal = true;
          String headers = content(body, e);
          Matcher to = Pattern.compile("(?im)^to:(.*(?:\\r?\\n[ \\t].*)*)").matcher(headers);
          if (to.find()) {
            parts.originalRecipients.addAll(addresses(to.group(1)));
          }
        }
      }
      default -> {
        if (mime.startsWith("text/") || mime.equals("message/rfc822") && body instanceof TextBody) {
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

  static String stripHtml(String html) {
    return html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ")
        .replaceAll("(?i)<br\\s*/?>|</p>|</div>|</tr>", "\n")
        .replaceAll("<[^>]*>", " ")
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  private static String content(Body body, Entity e) {
    try {
      if (body instanceof TextBody tb) {
        Charset cs = charset(e.getCharset());
        try (InputStream in = tb.getInputStream()) {
          return new String(in.readNBytes(MAX_TEXT), cs);
        }
      }
      if (body instanceof BinaryBody bb) {
        try (InputStream in = bb.getInputStream()) {
          byte[] bytes = in.readNBytes(MAX_TEXT);
          String utf8 = new String(bytes, StandardCharsets.UTF_8);
          return utf8.indexOf('\uFFFD') >= 0
              ? new String(bytes, StandardCharsets.ISO_8859_1)
              : utf8;
        }
      }
    } catch (IOException | RuntimeException ex) {
      return "";
    }
    return "";
  }

  private static Charset charset(String name) {
    if (name == null) {
      return StandardCharsets.US_ASCII;
    }
    try {
      return Charset.forName(name.trim());
    } catch (RuntimeException ex) {
      return StandardCharsets.ISO_8859_1;
    }
  }

  /** The decoded value of the first header field of that name, or "". */
  static String header(Entity e, String name) {
    if (e.getHeader() == null) {
      return "";
    }
    Field f = e.getHeader().getField(name);
    if (f == null) {
      return "";
    }
    String body = f.getBody();
    if (body == null) {
      return "";
    }
    try {
      return DecoderUtil.decodeEncodedWords(body, DecodeMonitor.SILENT)
          .replaceAll("\\s+", " ")
          .trim();
    } catch (RuntimeException ex) {
      return body.trim();
    }
  }

  static List<String> addresses(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = ADDRESS.matcher(text);
    while (m.find()) {
      String a = m.group().replaceAll("^[.]+|[.]+$", "");
      if (!out.contains(a)) {
        out.add(a);
      }
    }
    return out;
  }

  static String oneLine(String text, int max) {
    String s = text.replaceAll("\\s+", " ").trim();
    return s.length() > max ? s.substring(0, max) : s;
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
