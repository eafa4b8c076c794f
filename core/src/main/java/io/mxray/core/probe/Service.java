package io.mxray.core.probe;

import java.util.Locale;
import java.util.Optional;

/**
 * The mail services mxray probes, with their well-known ports (the IANA registry) and whether TLS
 * starts at connect (implicit, RFC 8314 §3) or by command (STARTTLS/STLS).
 */
public enum Service {
  SMTP("smtp", 25, Protocol.SMTP, false),
  SUBMISSION("submission", 587, Protocol.SMTP, false),
  SMTPS("smtps", 465, Protocol.SMTP, true),
  POP3("pop3", 110, Protocol.POP3, false),
  POP3S("pop3s", 995, Protocol.POP3, true),
  IMAP("imap", 143, Protocol.IMAP, false),
  IMAPS("imaps", 993, Protocol.IMAP, true);

  /** The dialogue spoken on the port. */
  public enum Protocol {
    SMTP,
    POP3,
    IMAP
  }

  private final String id;
  private final int port;
  private final Protocol protocol;
  private final boolean implicitTls;

  Service(String id, int port, Protocol protocol, boolean implicitTls) {
    this.id = id;
    this.port = port;
    this.protocol = protocol;
    this.implicitTls = implicitTls;
  }

  public String id() {
    return id;
  }

  public int defaultPort() {
    return port;
  }

  public Protocol protocol() {
    return protocol;
  }

  public boolean implicitTls() {
    return implicitTls;
  }

  /**
   * Services where users' mail clients connect and must verify certificates (not MX-to-MX port 25).
   */
  public boolean clientFacing() {
    return this != SMTP;
  }

  public static Optional<Service> forPort(int port) {
    for (Service s : values()) {
      if (s.port == port) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  public static Optional<Service> named(String name) {
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (Service s : values()) {
      if (s.id.equals(n)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
