package io.mxray.core.headers;

import io.mxray.core.message.AuthResults;
import io.mxray.core.message.EncodedWords;
import io.mxray.core.message.HeaderField;
import io.mxray.core.message.Message;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * The MIME structure of a message body (RFC 2045, RFC 2046), read with Apache mime4j's token
 * stream: one {@link MimePart} per entity, depth first, with its type, charset, transfer encoding,
 * file name and size. Bounded: at most {@link #MAX_PARTS} parts and {@link #MAX_DEPTH} levels.
 */
public final class MimeStructure {

  public static final int MAX_PARTS = 500;
  public static final int MAX_DEPTH = 20;

  /**
   * One MIME entity.
   *
   * @param depth 0 for the message itself
   * @param contentType e.g. "text/plain"
   * @param charset the charset parameter, "" when none
   * @param transferEncoding e.g. "quoted-printable"
   * @param filename from Content-Disposition or Content-Type name=, "" when none
   * @param bytes encoded size of the entity's body (0 for multipart containers)
   */
  public record MimePart(
      int depth,
      String contentType,
      String charset,
      String transferEncoding,
      String filename,
      long bytes) {}

  /** The parts, and whether the structure had to be cut short or was broken. */
  public record Result(List<MimePart> parts, boolean truncated, String error) {
    public Result {
      parts = List.copyOf(parts);
    }
  }

  private MimeStructure() {}

  public static Result of(Message m) {
    if (!m.hasBody()) {
      return new Result(List.of(), false, "");
    }
    StringBuilder head = new StringBuilder();
    for (HeaderField f : m.fields()) {
      if (f.is("content-type")
          || f.is("content-transfer-encoding")
          || f.is("content-disposition")
          || f.is("mime-version")) {
        head.append(f.raw()).append("\r\n");
      }
    }
    head.append("\r\n");
    byte[] bytes = (head + m.body()).getBytes(StandardCharsets.ISO_8859_1);
    MimeConfig config =
        new MimeConfig.Builder()
            .setMaxLineLen(-1)
            .setMaxHeaderCount(1000)
            .setMaxHeaderLen(64 * 1024)
            .setMaxContentLen(-1)
            .setMalformedHeaderStartsBody(true)
            .build();
    MimeTokenStream stream = new MimeTokenStream(config);
    List<MimePart> parts = new ArrayList<>();
    boolean truncated = false;
    String error = "";
    int depth = -1;
    String filename = "";
    try {
      stream.parse(new ByteArrayInputStream(bytes));
      for (EntityState state = stream.getState();
          state != EntityState.T_END_OF_STREAM;
          state = stream.next()) {
        switch (state) {
          case T_START_MESSAGE, T_START_BODYPART -> {
            depth++;
            filename = "";
          }
          case T_END_MESSAGE, T_END_BODYPART -> depth--;
          case T_FIELD -> {
            Field f = stream.getField();
            if (f.getName().equalsIgnoreCase("content-disposition")
                || f.getName().equalsIgnoreCase("content-type")) {
              String fn =
                  param(
                      f.getBody(),
                      f.getName().equalsIgnoreCase("content-type") ? "name" : "filename");
              if (!fn.isEmpty()) {
                filename = EncodedWords.decode(fn);
              }
            }
          }
          case T_START_MULTIPART -> {
            BodyDescriptor d = stream.getBodyDescriptor();
            parts.add(
                new MimePart(
                    Math.max(depth, 0), d.getMimeType(), "", d.getTransferEncoding(), filename, 0));
          }
          case T_BODY -> {
            BodyDescriptor d = stream.getBodyDescriptor();
            long size = count(stream.getInputStream());
            parts.add(
                new MimePart(
                    Math.max(depth, 0),
                    d.getMimeType(),
                    d.getCharset() == null ? "" : d.getCharset(),
                    d.getTransferEncoding(),
                    filename,
                    size));
          }
          default -> {}
        }
        if (parts.size() >= MAX_PARTS || depth > MAX_DEPTH) {
          truncated = true;
          break;
        }
      }
    } catch (IOException | MimeException | RuntimeException e) {
      error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    return new Result(parts, truncated, error);
  }

  private static long count(InputStream in) throws IOException {
    long n = 0;
    byte[] buf = new byte[8192];
    int r;
    while ((r = in.read(buf)) > 0) {
      n += r;
    }
    return n;
  }

  private static String param(String body, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(?i)(?:^|;)\\s*" + name + "\\*?\\s*=\\s*(\"[^\"]*\"|[^;\\s]+)")
            .matcher(body);
    return m.find() ? AuthResults.unquote(m.group(1)) : "";
  }
}
