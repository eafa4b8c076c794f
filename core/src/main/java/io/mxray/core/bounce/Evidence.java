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

  /** The evidence of a recipient of a bounce written by {@code mta}. */
  public static Evidence of(BounceRecipient r, String mta) {
    String text = r.diagnostic().toLowerCase(Locale.ROOT);
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
}
