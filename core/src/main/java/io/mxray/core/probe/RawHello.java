package io.mxray.core.probe;

import io.mxray.core.probe.TlsScan.Answer;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A hand-built ClientHello and a reader for the ServerHello it gets back (RFC 5246 §7.4.1, RFC 6101
 * §5.6.1), for the questions no maintained Java TLS client can ask: SSL 3.0, suites Bouncy Castle
 * does not implement (RC4, DES, export, IDEA), and TLS compression (RFC 3749). The connection is
 * dropped right after the ServerHello: what the server chose is the answer, nothing is negotiated.
 * The reader caps what it reads and never trusts a length.
 */
final class RawHello {

  /** Most bytes read while waiting for the ServerHello. */
  static final int MAX_BYTES = 64 * 1024;

  static final int SSL3 = 0x0300;
  static final int TLS10 = 0x0301;
  static final int TLS11 = 0x0302;
  static final int TLS12 = 0x0303;

  private static final SecureRandom RANDOM = new SecureRandom();

  private RawHello() {}

  /**
   * What the server answered.
   *
   * @param answer ACCEPTED (a ServerHello at the offered version choosing an offered suite),
   *     REFUSED (alert, other version, closed) or UNKNOWN (timeout)
   * @param version the version in the ServerHello, or 0
   * @param suite the suite chosen, or -1
   * @param compression the compression method chosen, or -1
   * @param detail the alert or what else came back
   */
  record Reply(Answer answer, int version, int suite, int compression, String detail) {}

  /** A version name as in reports. */
  static String versionName(int v) {
    return switch (v) {
      case SSL3 -> "SSLv3";
      case TLS10 -> "TLSv1";
      case TLS11 -> "TLSv1.1";
      case TLS12 -> "TLSv1.2";
      default -> String.format("0x%04x", v);
    };
  }

  /**
   * The ClientHello record. SSL 3.0 gets no extensions (servers of that age choke on them); TLS
   * gets SNI, supported groups and point formats, and (1.2) signature algorithms. The renegotiation
   * SCSV is always offered.
   */
  static byte[] clientHello(int version, int[] suites, boolean deflate, String sni) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    u16(body, version);
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    body.writeBytes(random);
    body.write(0); // no session id
    u16(body, (suites.length + 1) * 2);
    for (int s : suites) {
      u16(body, s);
    }
    u16(body, 0x00ff); // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
    if (deflate) {
      body.write(2);
      body.write(1); // DEFLATE
      body.write(0); // null
    } else {
      body.write(1);
      body.write(0);
    }
    if (version > SSL3) {
      ByteArrayOutputStream ext = new ByteArrayOutputStream();
      if (sni != null && !sni.isEmpty()) {
        byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
        u16(ext, 0);
        u16(ext, name.length + 5);
        u16(ext, name.length + 3);
        ext.write(0);
        u16(ext, name.length);
        ext.writeBytes(name);
      }
      int[] groups = {29, 23, 24, 25, 30, 26, 27, 28, 21, 256, 257, 258};
      u16(ext, 10);
      u16(ext, groups.length * 2 + 2);
      u16(ext, groups.length * 2);
      for (int g : groups) {
        u16(ext, g);
      }
      u16(ext, 11); // ec_point_formats: uncompressed
      u16(ext, 2);
      ext.write(1);
      ext.write(0);
      if (version >= TLS12) {
        int[] sigalgs = {0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0603, 0x0804, 0x0201, 0x0203};
        u16(ext, 13);
        u16(ext, sigalgs.length * 2 + 2);
        u16(ext, sigalgs.length * 2);
        for (int a : sigalgs) {
          u16(ext, a);
        }
      }
      u16(ext, 23); // extended_master_secret
      u16(ext, 0);
      u16(body, ext.size());
      body.writeBytes(ext.toByteArray());
    }
    ByteArrayOutputStream hs = new ByteArrayOutputStream();
    hs.write(1); // client_hello
    u24(hs, body.size());
    hs.writeBytes(body.toByteArray());
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    rec.write(22);
    u16(rec, version == SSL3 ? SSL3 : TLS10);
    u16(rec, hs.size());
    rec.writeBytes(hs.toByteArray());
    return rec.toByteArray();
  }

  /** Sends the hello on a fresh connection and reads the answer. */
  static Reply ask(Session s, int version, int[] suites, boolean deflate, String sni) {
    try {
      s.socket().setSoTimeout((int) Math.max(1, s.deadline().step().toMillis()));
      OutputStream out = s.socket().getOutputStream();
      out.write(clientHello(version, suites, deflate, sni));
      out.flush();
      return read(s.socket().getInputStream(), version, suites);
    } catch (SocketTimeoutException e) {
      return new Reply(Answer.UNKNOWN, 0, -1, -1, "timeout");
    } catch (IOException e) {
      return new Reply(
          (s.expired() || s.deadline().expired()) ? Answer.UNKNOWN : Answer.REFUSED,
          0,
          -1,
          -1,
          e instanceof EOFException ? "connection closed" : Session.describe(e));
    }
  }

  /**
   * Reads records until the ServerHello or an alert. Pure apart from the stream; every length is
   * checked against the caps.
   */
  static Reply read(InputStream in, int offered, int[] suites) throws IOException {
    ByteArrayOutputStream hs = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      byte[] header = readFully(in, 5);
      int type = header[0] & 0xff;
      int length = ((header[3] & 0xff) << 8) | (header[4] & 0xff);
      if (type < 20 || type > 23 || (header[1] & 0xff) != 3 || length > 18432) {
        return new Reply(Answer.REFUSED, 0, -1, -1, "not a TLS record");
      }
      total += 5 + length;
      if (total > MAX_BYTES) {
        return new Reply(
            Answer.REFUSED, 0, -1, -1, "no ServerHello within " + MAX_BYTES + " bytes");
      }
      byte[] fragment = readFully(in, length);
      if (type == 21) {
        String desc = length >= 2 ? alert(fragment[1] & 0xff) : "malformed alert";
        return new Reply(Answer.REFUSED, 0, -1, -1, "alert " + desc);
      }
      if (type != 22) {
        return new Reply(Answer.REFUSED, 0, -1, -1, "unexpected record type " + type);
      }
      hs.writeBytes(fragment);
      byte[] h = hs.toByteArray();
      if (h.length < 4) {
        continue;
      }
      int msgLen = ((h[1] & 0xff) << 16) | ((h[2] & 0xff) << 8) | (h[3] & 0xff);
      if (h[0] != 2) {
        return new Reply(Answer.REFUSED, 0, -1, -1, "first handshake message is not a ServerHello");
      }
      if (msgLen > MAX_BYTES) {
        return new Reply(Answer.REFUSED, 0, -1, -1, "oversized ServerHello");
      }
      if (h.length < 4 + msgLen) {
        continue;
      }
      return serverHello(Arrays.copyOfRange(h, 4, 4 + msgLen), offered, suites);
    }
  }

  /** Parses a ServerHello body (version, random, session id, suite, compression). */
  static Reply serverHello(byte[] b, int offered, int[] suites) {
    if (b.length < 2 + 32 + 1) {
      return new Reply(Answer.REFUSED, 0, -1, -1, "truncated ServerHello");
    }
    int version = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    int sid = b[34] & 0xff;
    int at = 35 + sid;
    if (sid > 32 || b.length < at + 3) {
      return new Reply(Answer.REFUSED, version, -1, -1, "truncated ServerHello");
    }
    int suite = ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    int compression = b[at + 2] & 0xff;
    if (version != offered) {
      return new Reply(
          Answer.REFUSED, version, suite, compression, "answered " + versionName(version));
    }
    if (Arrays.stream(suites).noneMatch(s -> s == suite)) {
      return new Reply(
          Answer.REFUSED, version, suite, compression, String.format("chose 0x%04x", suite));
    }
    return new Reply(Answer.ACCEPTED, version, suite, compression, "");
  }

  private static byte[] readFully(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new EOFException();
    }
    return b;
  }

  private static String alert(int d) {
    return switch (d) {
      case 40 -> "handshake_failure";
      case 47 -> "illegal_parameter";
      case 50 -> "decode_error";
      case 70 -> "protocol_version";
      case 71 -> "insufficient_security";
      case 80 -> "internal_error";
      case 112 -> "unrecognized_name";
      default -> "alert " + d;
    };
  }

  private static void u16(ByteArrayOutputStream o, int v) {
    o.write((v >> 8) & 0xff);
    o.write(v & 0xff);
  }

  private static void u24(ByteArrayOutputStream o, int v) {
    o.write((v >> 16) & 0xff);
    u16(o, v & 0xffff);
  }
}
