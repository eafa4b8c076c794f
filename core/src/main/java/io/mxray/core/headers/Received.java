package io.mxray.core.headers;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One Received header field (RFC 5321 §4.4), split into its clauses as a person reads them. Clause
 * texts keep their comments ("mx.example (mx.example [192.0.2.1])"); a repeated clause is joined
 * with "; ". The derived parts ({@code helo}, {@code rdns}, {@code ip}, {@code byHost}, TLS, ...)
 * follow the grammar of RFC 5321 and the documented variants of the common MTAs (see {@link
 * ReceivedParser}); "" means the header does not record the part.
 *
 * @param from the from clause ("" when absent)
 * @param by the by clause
 * @param via the via clause
 * @param with the with clause (protocol and comments)
 * @param id the id clause as written (comments included, MHA's convention)
 * @param forClause the for clause as written
 * @param dateText the date text as written
 * @param date the date, when it could be read
 * @param helo the name the sending host gave in HELO/EHLO, as written (an address literal such as
 *     "[192.0.2.1]" when the client sent one)
 * @param rdns the sending host's reverse-DNS name as the receiver recorded it ("" when unknown)
 * @param ip the connecting IP address, canonical text (RFC 5952 for IPv6, IPv4-mapped addresses as
 *     IPv4), without port or zone ("" when not recorded)
 * @param byHost the receiving host's name (or address)
 * @param protocol the first word of the with clause, upper-case (ESMTPS, SMTP, HTTP, ...)
 * @param tls whether the hop used TLS, as far as the header tells
 * @param tlsVersion e.g. "TLS1.3" when recorded
 * @param tlsCipher e.g. "TLS_AES_256_GCM_SHA384" when recorded
 * @param raw the unfolded header value
 * @param queueId the receiver's queue or message id (the id clause's first word, angle brackets
 *     removed; Courier's id after the date)
 * @param recipient the address of the for clause, angle brackets removed
 * @param port the client's source port when recorded, else 0
 * @param ident the RFC 1413 ident or authenticated user recorded with the address, or ""
 * @param rdnsForged the receiver noted that the reverse-DNS name does not resolve back (Sendmail's
 *     "may be forged")
 * @param ipSource where {@code ip} was read from
 * @param authenticated the client authenticated (RFC 3848 ESMTPA/ESMTPSA, Sendmail
 *     "(authenticated", Courier "AUTH:", ...)
 * @param tlsBits the symmetric key size when recorded, else 0
 * @param rdnsSlot the TCP-info has a place for the reverse-DNS name (a name or "unknown" before the
 *     address, or Exim's/qmail's verified name first): an empty {@code rdns} then means the lookup
 *     failed, not that the format does not record it
 * @param byIp the receiving host's own address when the by clause records it (Exchange {@code by
 *     HOST (10.0.0.6)}), else ""
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
    String raw,
    String queueId,
    String recipient,
    int port,
    String ident,
    boolean rdnsForged,
    IpSource ipSource,
    boolean authenticated,
    int tlsBits,
    boolean rdnsSlot,
    String byIp) {

  /** Whether a hop was encrypted. */
  public enum Tls {
    YES,
    NO,
    UNKNOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where the connecting address was read from. */
  public enum IpSource {
    /** No address recorded. */
    NONE,
    /**
     * The TCP-info the receiving server recorded (RFC 5321 §4.4): a comment or a literal after the
     * name, or the first word when the HELO claim is written inside the comment (Exim, qmail).
     */
    TCP_INFO,
    /** The from-domain itself is an address and nothing else is recorded. */
    FROM_DOMAIN;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public Received {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(ipSource, "ipSource");
  }
}
