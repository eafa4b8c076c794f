package io.mxray.core.feedback;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The fixtures of {@code src/test/resources/feedback} and the containers tests wrap them in. */
public final class ReportFixtures {

  private ReportFixtures() {}

  public static byte[] bytes(String name) {
    try (InputStream in = ReportFixtures.class.getResourceAsStream("/feedback/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] gzip(byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      g.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  public static byte[] zip(String entry, byte[] b) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry(entry));
      z.write(b);
      z.closeEntry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** An RFC 7489 §7.2.1.1 report e-mail: a text part and the report as a base64 attachment. */
  public static byte[] mail(String contentType, String filename, byte[] attachment) {
    String b64 =
        Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(attachment);
    String m =
        "From: noreply-dmarc-support@receiver.example\r\n"
            + "To: dmarc@lab.example\r\n"
            + "Subject: Report Domain: lab.example Submitter: receiver.example Report-ID: <r1>\r\n"
            + "Date: Mon, 1 Dec 2025 12:00:00 +0000\r\n"
            + "Message-ID: <r1@receiver.example>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n"
            + "--outer\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"
            + "This is an aggregate report from receiver.example.\r\n"
            + "--outer\r\n"
            + "Content-Type: "
            + contentType
            + "; name=\""
            + filename
            + "\"\r\n"
            + "Content-Disposition: attachment; filename=\""
            + filename
            + "\"\r\n"
            + "Content-Transfer-Encoding: base64\r\n\r\n"
            + b64
            + "\r\n--outer--\r\n";
    return m.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code inner} forwarded as a message/rfc822 attachment inside another multipart message. */
  public static byte[] forwarded(byte[] inner) {
    String head =
        "From: admin@lab.example\r\n"
            + "To: reports@lab.example\r\n"
            + "Subject: Fwd: Report Domain: lab.example\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=\"fwd\"\r\n\r\n"
            + "--fwd\r\n"
            + "Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n"
            + "--alt\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
            + "--alt\r\nContent-Type: text/html\r\n\r\n<p>see attached</p>\r\n--alt--\r\n"
            + "--fwd\r\n"
            + "Content-Type: message/rfc822\r\n\r\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(inner);
    out.writeBytes("\r\n--fwd--\r\n".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
