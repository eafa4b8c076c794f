package io.mxray.core.bounce;

import java.util.Locale;
import java.util.Objects;

/**
 * What the rules look at for one recipient: that recipient's own diagnostic (lower-cased once), the
 * most specific status, the reply code, the failed command, and the context of the bounce (who
 * wrote it, which host answered, the recipient's domain). Built from a {@link BounceRecipient} the
 * same way for {@code mxray bounce} and {@code mxray explain}, so one sentence gets one reason.
 */
public record Evidence(
    String text,
    String status,
    int reply,
    String command,
    String action,
    String dtype,
    String mta,
    String rhost,
    String domain,
    String bounceType,
    String address) {

  /**
   * Characters of a diagnostic the phrase rules read: the cause is stated at the start; a cap keeps
   * the cost of some 150 patterns per distinct diagnostic bounded.
   */
  static final int MAX_TEXT = 2000;

  public Evidence {
    text = Objects.requireNonNullElse(text, "");
    status = Objects.requireNonNullElse(status, "");
    command = Objects.requireNonNullElse(command, "");
    action = Objects.requireNonNullElse(action, "");
    dtype = Objects.requireNonNullElse(dtype, "");
    mta = Objects.requireNonNullElse(mta, "");
    rhost = Objects.requireNonNullElse(rhost, "");
    domain = Objects.requireNonNullElse(domain, "");
    bounceType = Objects.requireNonNullElse(bounceType, "");
    address = Objects.requireNonNullElse(address, "");
  }

  /**
   * The evidence of a recipient of a bounce written by {@code mta}. Addresses in the text are
   * replaced by "@": what an address is called says nothing about why mail to it failed (a mailbox
   * named "virus@" or "policyviolation@" is not a virus or a policy), and recipients whose lines
   * differ only in their address are then classified by the same text.
   */
  public static Evidence of(BounceRecipient r, String mta) {
    String diagnostic = r.diagnostic();
    String text =
        maskAddresses(
                diagnostic.length() > MAX_TEXT ? diagnostic.substring(0, MAX_TEXT) : diagnostic)
            .toLowerCase(Locale.ROOT);
    String status = r.status();
    if (status.isEmpty() || status.endsWith(".0.0")) {
      String inText = DeliveryStatus.effectiveStatus(status, r.diagnostic());
      status = inText.isEmpty() ? status : inText;
    }
    int at = r.address().lastIndexOf('@');
    String domain = at < 0 ? "" : r.address().substring(at + 1).toLowerCase(Locale.ROOT);
    return new Evidence(
        text,
        status,
        r.replyCode(),
        r.command(),
        r.action(),
        r.diagnosticType(),
        mta,
        r.remoteMta().toLowerCase(Locale.ROOT),
        domain,
        r.bounceType(),
        r.address().toLowerCase(Locale.ROOT));
  }

  static String maskAddresses(String text) {
    Addresses.Found f = Addresses.next(text, 0);
    if (f == null) {
      return text;
    }
    StringBuilder b = new StringBuilder(text.length());
    int from = 0;
    while (f != null) {
      b.append(text, from, f.start()).append('@');
      from = f.end();
      f = Addresses.next(text, from);
    }
    return b.append(text, from, text.length()).toString();
  }
}
