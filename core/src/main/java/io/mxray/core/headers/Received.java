package io.mxray.core.headers;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One Received header field (RFC 5321 §4.4), split into its clauses as a person reads them. Clause
 * texts keep their comments ("mx.example (mx.example [192.0.2.1])"); a repeated clause is joined
 * with "; ". The derived parts ({@code helo}, {@code rdns}, {@code ip}, {@code byHost}, TLS) are
 * best effort.
 *
 * @param from the from clause ("" when absent)
 * @param by the by clause
 * @param via the via clause
 * @param with the with clause (protocol and comments)
 * @param id the id clause
 * @param forClause the for clause (recipient)
 * @param dateText the date text as written
 * @param date the date, when it could be read
 * @param helo the name the sending host gave in HELO/EHLO
 * @param rdns the sending host's reverse-DNS name as the receiver saw it ("" when unknown)
 * @param ip the sending host's IP address as text ("" when not recorded)
 * @param byHost the receiving host's name
 * @param protocol the first word of the with clause, upper-case (ESMTPS, SMTP, HTTP, ...)
 * @param tls whether the hop used TLS, as far as the header tells
 * @param tlsVersion e.g. "TLS1.3" when recorded
 * @param tlsCipher e.g. "TLS_AES_256_GCM_SHA384" when recorded
 * @param raw the unfolded header value
 */
public record Received(
    String from,
    String by,
    String via,
    String with,
    String id,
    String forClause,
    String dateText,
    Optional<Instant> date,
    String helo,
    String rdns,
    String ip,
    String byHost,
    String protocol,
    Tls tls,
    String tlsVersion,
    String tlsCipher,
    String raw) {

  /** Whether a hop was encrypted. */
  public enum Tls {
    YES,
    NO,
    UNKNOWN;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Received {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(tls, "tls");
  }
}
