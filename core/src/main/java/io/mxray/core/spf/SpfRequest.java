package io.mxray.core.spf;

import java.net.InetAddress;
import java.util.Objects;

/**
 * The arguments of {@code check_host()} (RFC 7208 §4.1).
 *
 * @param ip the SMTP client's address
 * @param domain the domain to check (usually the sender's; §2.4)
 * @param sender the identity, {@code local@domain}; {@code postmaster@helo} for the null
 *     reverse-path
 * @param helo the HELO/EHLO name (may be empty when unknown)
 */
public record SpfRequest(InetAddress ip, String domain, String sender, String helo) {

  public SpfRequest {
    Objects.requireNonNull(ip, "ip");
    domain = Objects.requireNonNullElse(domain, "");
    sender = Objects.requireNonNullElse(sender, "");
    helo = Objects.requireNonNullElse(helo, "");
  }

  /**
   * The MAIL FROM check of §2.4: the domain is the reverse-path's domain; an empty reverse-path
   * means {@code postmaster@helo}; a missing local part means {@code postmaster}.
   */
  public static SpfRequest mailFrom(InetAddress ip, String mailFrom, String helo) {
    String mf = mailFrom == null ? "" : mailFrom.strip();
    if (mf.startsWith("<") && mf.endsWith(">")) {
      mf = mf.substring(1, mf.length() - 1);
    }
    String h = helo == null ? "" : helo.strip();
    if (mf.isEmpty()) {
      return new SpfRequest(ip, h, "postmaster@" + h, h);
    }
    int at = mf.lastIndexOf('@');
    if (at < 0) {
      // A bare domain: treat it as the domain with local part "postmaster" (§4.3).
      return new SpfRequest(ip, mf, "postmaster@" + mf, h);
    }
    String local = mf.substring(0, at);
    String domain = mf.substring(at + 1);
    return new SpfRequest(ip, domain, (local.isEmpty() ? "postmaster" : local) + "@" + domain, h);
  }

  /**
   * A check of an explicitly named domain (a diagnostic "does this IP pass example.com's SPF?"):
   * the sender is {@code sender} when it has an '@', else {@code postmaster@<sender or domain>}.
   */
  public static SpfRequest forDomain(InetAddress ip, String domain, String sender, String helo) {
    String s =
        sender == null || sender.isBlank()
            ? "postmaster@" + domain
            : sender.contains("@") ? sender.strip() : "postmaster@" + sender.strip();
    return new SpfRequest(ip, domain, s, helo == null ? "" : helo.strip());
  }

  /** The HELO check of §2.3: domain and sender come from the HELO name. */
  public static SpfRequest helo(InetAddress ip, String helo) {
    return mailFrom(ip, "", helo);
  }
}
