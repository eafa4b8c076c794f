package io.mxray.core.feedback;

import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.headers.HeaderParser;
import io.mxray.core.message.Message;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;

/**
 * Turns whatever a receiver sent into reports: a bare XML or JSON document, gzip, zip, or an e-mail
 * with the report attached at any MIME depth (a forwarded report included). The container is
 * recognised by its content (magic numbers, first character), not by a name that may lie.
 *
 * <p>Every size is capped by {@link Limits}: the input, each decompressed member and the sum of all
 * of them, the entries of an archive, the parts of a message and the nesting of containers. The
 * JDK's {@link GZIPInputStream} and {@link ZipInputStream} do the decompression while mxray counts
 * the bytes they actually produce: the sizes a zip header declares are the attacker's word and are
 * never trusted, and Apache Commons Compress would add a dependency for the same counting. A
 * compression bomb stops at the cap with a {@link FeedbackCodes#TOO_LARGE} finding.
 */
public final class FeedbackReader {

  /**
   * The caps.
   *
   * @param maxInputBytes largest input read (a report e-mail with a zipped report is a few MB)
   * @param maxDecompressedBytes most bytes all decompression of one input may produce
   * @param maxEntries most archive entries and MIME parts of one input
   * @param maxDepth most containers nested in one another (gzip in zip in an e-mail is 3)
   * @param maxRecords most records read from one aggregate report
   */
  public record Limits(
      long maxInputBytes, long maxDecompressedBytes, int maxEntries, int maxDepth, int maxRecords) {
    public static Limits defaults() {
      return new Limits(32L << 20, 128L << 20, 64, 6, 200_000);
    }
  }

  /**
   * What one input gave.
   *
   * @param source the input's name (file, "-", the message's envelope)
   * @param reports the reports found, in order
   * @param findings faults of the input itself (unreadable, too large, not a report)
   */
  public record Outcome(String source, List<FeedbackReport> reports, List<Finding> findings) {
    public Outcome {
      reports = List.copyOf(reports);
      findings = List.copyOf(findings);
    }

    /** The worst severity over the input's and every report's findings. */
    public Severity severity() {
      List<Severity> all = new ArrayList<>();
      findings.forEach(f -> all.add(f.severity()));
      reports.forEach(r -> r.findings().forEach(f -> all.add(f.severity())));
      return Severity.worstOf(all);
    }
  }

  private final Limits limits;

  public FeedbackReader(Limits limits) {
    this.limits = limits;
  }

  public FeedbackReader() {
    this(Limits.defaults());
  }

  public Limits limits() {
    return limits;
  }

  /** Reads an input stream up to the input cap, then parses it. */
  public Outcome read(String source, InputStream in) throws IOException {
    byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, limits.maxInputBytes() + 1));
    return read(source, b);
  }

  /** Parses one input. Never throws for bad input. */
  public Outcome read(String source, byte[] input) {
    Run run = new Run(source);
    if (input.length > limits.maxInputBytes()) {
      run.findings.add(
          Finding.of(
              FeedbackCodes.TOO_LARGE,
              source,
              "The input is over " + limits.maxInputBytes() + " bytes and was not read."));
      return run.outcome();
    }
    try {
      run.dispatch(source, input, 0);
    } catch (StopException e) {
      run.findings.add(e.finding);
    }
    if (run.reports.isEmpty()
        && run.findings.stream().noneMatch(f -> f.severity() == Severity.FAIL)) {
      run.findings.add(
          Finding.of(
              FeedbackCodes.NOT_A_REPORT,
              source,
              "No DMARC aggregate, DMARC failure or TLS-RPT report was found in the input."));
    }
    return run.outcome();
  }

  /** A fault that ends the reading of the whole input (caps). */
  private static final class StopException extends Exception {
    final transient Finding finding;

    StopException(Finding f) {
      super(f.message(), null, false, false);
      this.finding = f;
    }
  }

  /** The state of reading one input: results, findings and what the caps have used. */
  private final class Run {
    final String source;
    final List<FeedbackReport> reports = new ArrayList<>();
    final List<Finding> findings = new ArrayList<>();
    long decompressed;
    int entries;

    Run(String source) {
      this.source = source;
    }

    Outcome outcome() {
      return new Outcome(source, reports, findings);
    }

    void dispatch(String name, byte[] b, int depth) throws StopException {
      if (depth > limits.maxDepth()) {
        findings.add(
            Finding.of(
                FeedbackCodes.TOO_MANY_ENTRIES,
                name,
                "Containers are nested more than "
                    + limits.maxDepth()
                    + " deep; "
                    + name
                    + " was not read."));
        return;
      }
      if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
        gunzip(name, b, depth);
        return;
      }
      if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) {
        unzip(name, b, depth);
        return;
      }
      char first = firstChar(b);
      if (first == '<') {
        AggregateXmlParser.Result r = new AggregateXmlParser(limits.maxRecords()).read(b, name);
        r.report().ifPresent(reports::add);
        findings.addAll(r.findings());
        if (r.report().isEmpty() && r.findings().isEmpty()) {
          findings.add(
              Finding.of(
                  FeedbackCodes.NOT_A_REPORT,
                  name,
                  "The XML is not a DMARC aggregate report (its root element is not <feedback>)."));
        }
        return;
      }
      if (first == '{' || first == '[') {
        TlsRptJsonParser.Result r = TlsRptJsonParser.read(b, name);
        r.report().ifPresent(reports::add);
        findings.addAll(r.findings());
        if (r.report().isEmpty() && r.findings().isEmpty()) {
          findings.add(
              Finding.of(
                  FeedbackCodes.NOT_A_REPORT,
                  name,
                  "The JSON is not a TLS report (no policies, report-id or organization-name)."));
        }
        return;
      }
      Message headers = HeaderParser.parse(b);
      if (!headers.fields().isEmpty()
          && headers.problems().stream()
              .noneMatch(p -> p.kind() == Message.ParseProblem.Kind.BINARY)) {
        message(name, b, headers, depth);
        return;
      }
      findings.add(
          Finding.of(
              FeedbackCodes.NOT_A_REPORT,
              name,
              "Neither XML, JSON, gzip, zip nor an e-mail message."));
    }

    private char firstChar(byte[] b) {
      int i = 0;
      if (b.length >= 3
          && (b[0] & 0xff) == 0xef
          && (b[1] & 0xff) == 0xbb
          && (b[2] & 0xff) == 0xbf) {
        i = 3;
      }
      if (b.length >= 2 && ((b[0] & 0xff) == 0xfe || (b[0] & 0xff) == 0xff)) {
        String t = Text.decode(b).text().stripLeading();
        return t.isEmpty() ? 0 : t.charAt(0);
      }
      for (; i < b.length && i < 4096; i++) {
        char c = (char) (b[i] & 0xff);
        if (!Character.isWhitespace(c)) {
          return c;
        }
      }
      return 0;
    }

    private void gunzip(String name, byte[] b, int depth) throws StopException {
      String inner = name.replaceFirst("(?i)\\.gz(ip)?$", "");
      byte[] out;
      try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b), 8192)) {
        out = drain(name, in);
      } catch (EOFException e) {
        corrupt(name, "the gzip data is truncated");
        return;
      } catch (IOException e) {
        corrupt(name, "gzip: " + AggregateXmlParser.oneLine(e.getMessage()));
        return;
      }
      dispatch(inner, out, depth + 1);
    }

    private void unzip(String name, byte[] b, int depth) throws StopException {
      int found = 0;
      try (ZipInputStream zin = new ZipInputStream(new ByteArrayInputStream(b))) {
        ZipEntry e;
        while ((e = zin.getNextEntry()) != null) {
          if (e.isDirectory() || e.getName().startsWith("__MACOSX/")) {
            continue;
          }
          countEntry(name);
          found++;
          byte[] out = drain(name + "!" + e.getName(), zin);
          dispatch(name + "!" + e.getName(), out, depth + 1);
        }
      } catch (ZipException e) {
        corrupt(name, "zip: " + AggregateXmlParser.oneLine(e.getMessage()));
        return;
      } catch (EOFException e) {
        corrupt(name, "the zip data is truncated");
        return;
      } catch (IOException e) {
        corrupt(name, "zip: " + AggregateXmlParser.oneLine(e.getMessage()));
        return;
      }
      if (found == 0) {
        corrupt(name, "the zip archive holds no file");
      }
    }

    private void countEntry(String name) throws StopException {
      if (++entries > limits.maxEntries()) {
        throw new StopException(
            Finding.of(
                FeedbackCodes.TOO_MANY_ENTRIES,
                name,
                "The input holds more than "
                    + limits.maxEntries()
                    + " archive entries or message parts; the rest were not read."));
      }
    }

    private void corrupt(String name, String why) {
      findings.add(
          Finding.of(
              FeedbackCodes.CORRUPT_ARCHIVE, name, "Could not unpack " + name + ": " + why + "."));
    }

    /** Reads a decompressing stream, counting what it produces against the caps. */
    private byte[] drain(String name, InputStream in) throws IOException, StopException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[16384];
      long perMember = Math.min(limits.maxInputBytes() * 4, limits.maxDecompressedBytes());
      int n;
      long mine = 0;
      while ((n = in.read(buf)) > 0) {
        mine += n;
        decompressed += n;
        if (mine > perMember || decompressed > limits.maxDecompressedBytes()) {
          throw new StopException(
              Finding.of(
                      FeedbackCodes.TOO_LARGE,
                      name,
                      name
                          + " decompresses to more than "
                          + (mine > perMember ? perMember : limits.maxDecompressedBytes())
                          + " bytes; it was refused as a possible compression bomb.")
                  .withEvidence("compressed input: " + name));
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }

    /** An e-mail: walks its MIME tree and reads every part that can hold a report. */
    private void message(String name, byte[] raw, Message headers, int depth) throws StopException {
      MimeConfig config =
          new MimeConfig.Builder()
              .setMaxLineLen(-1)
              .setMaxHeaderCount(2000)
              .setMaxHeaderLen(256 * 1024)
              .setMaxContentLen(-1)
              .setMalformedHeaderStartsBody(true)
              .build();
      MimeTokenStream stream = new MimeTokenStream(config);
      stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
      String arfFields = null;
      String original = "";
      StringBuilder text = new StringBuilder();
      List<byte[]> embedded = new ArrayList<>();
      int before = reports.size();
      try {
        stream.parse(new ByteArrayInputStream(raw));
        String file = "";
        for (EntityState s = stream.getState();
            s != EntityState.T_END_OF_STREAM;
            s = stream.next()) {
          if (s == EntityState.T_START_HEADER) {
            file = "";
          } else if (s == EntityState.T_FIELD) {
            Field f = stream.getField();
            String fn = f.getName().toLowerCase(Locale.ROOT);
            if (file.isEmpty() && (fn.equals("content-disposition") || fn.equals("content-type"))) {
              file = filename(f.getBody());
            }
          }
          if (s != EntityState.T_BODY) {
            continue;
          }
          countEntry(name);
          var bd = stream.getBodyDescriptor();
          String type = bd.getMimeType().toLowerCase(Locale.ROOT);
          byte[] body = drainPart(name, stream.getDecodedInputStream());
          String part = name + (file.isEmpty() ? "" : "!" + file);
          switch (type) {
            case "message/feedback-report" ->
                arfFields = new String(body, StandardCharsets.ISO_8859_1);
            case "message/rfc822",
                "message/global",
                "text/rfc822-headers",
                "message/rfc822-headers" -> {
              original = new String(body, StandardCharsets.ISO_8859_1);
              embedded.add(body);
            }
            case "text/plain", "text/html" -> {
              if (looksLikeDocument(body)) {
                dispatch(part, body, depth + 1);
              } else if (text.length() < 256 * 1024) {
                text.append(new String(body, StandardCharsets.UTF_8)).append('\n');
              }
            }
            default -> {
              if (reportType(type, file)) {
                dispatch(part, body, depth + 1);
              }
            }
          }
        }
      } catch (MimeException | IOException | IllegalStateException e) {
        // mime4j throws IllegalStateException on some damaged inputs (found by the fuzz test).
        findings.add(
            Finding.of(
                FeedbackCodes.CORRUPT_ARCHIVE,
                name,
                "The message's MIME structure could not be read: "
                    + AggregateXmlParser.oneLine(e.getMessage())
                    + "."));
      }
      if (arfFields != null) {
        reports.add(FailureReportParser.arf(headers, arfFields, original, name));
        return;
      }
      if (reports.size() > before) {
        return;
      }
      // A report forwarded as an attached message: look inside it.
      for (byte[] e : embedded) {
        dispatch(name + "!message", e, depth + 1);
      }
      if (reports.size() > before) {
        // Findings saying an embedded message is not a report are noise once one was found.
        findings.removeIf(f -> f.code() == FeedbackCodes.NOT_A_REPORT);
        return;
      }
      FailureReportParser.text(headers, text.toString(), original, name)
          .ifPresent(
              r -> {
                findings.removeIf(f -> f.code() == FeedbackCodes.NOT_A_REPORT);
                reports.add(r);
              });
    }

    private byte[] drainPart(String name, InputStream in) throws IOException, StopException {
      return drain(name, in);
    }
  }

  private static boolean looksLikeDocument(byte[] b) {
    String head =
        new String(b, 0, Math.min(b.length, 512), StandardCharsets.ISO_8859_1).stripLeading();
    if (head.startsWith("\ufeff") || head.startsWith("ï»¿")) {
      head = head.substring(head.startsWith("\ufeff") ? 1 : 3);
    }
    return head.startsWith("<?xml")
        || head.startsWith("<feedback")
        || (head.startsWith("{") && head.contains("\"policies\""));
  }

  /** Media types and file names that carry a report (RFC 7489 §7.2.1.1, RFC 8460 §5.3). */
  static boolean reportType(String type, String file) {
    String f = file.toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/gzip",
          "application/x-gzip",
          "application/gzip-compressed",
          "application/x-gzip-compressed",
          "application/zip",
          "application/x-zip",
          "application/x-zip-compressed",
          "application/tlsrpt+gzip",
          "application/tlsrpt+json",
          "application/json",
          "text/json",
          "text/xml",
          "application/xml" ->
          true;
      default ->
          f.endsWith(".xml")
              || f.endsWith(".gz")
              || f.endsWith(".zip")
              || f.endsWith(".json")
              || f.endsWith(".gzip");
    };
  }

  private static final java.util.regex.Pattern FILENAME =
      java.util.regex.Pattern.compile(
          "(?i)(?:^|;)\\s*(?:file)?name\\*?(?:\\*0)?\\s*=\\s*(?:\"([^\"]{1,255})\"|([^;\\s]{1,255}))");

  /** The file name a Content-Disposition or Content-Type field gives, "" when none. */
  static String filename(String fieldBody) {
    java.util.regex.Matcher m = FILENAME.matcher(fieldBody.replaceAll("\\s+", " "));
    if (!m.find()) {
      return "";
    }
    String v = m.group(1) != null ? m.group(1) : m.group(2);
    // RFC 2231 extended value: charset'language'percent-encoded
    int q = v.indexOf("''");
    if (q >= 0 && q < 20) {
      try {
        v = java.net.URLDecoder.decode(v.substring(q + 2), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        // keep as written
      }
    }
    return Text.clean(v.strip(), 255);
  }
}
