package io.mxray.core.bounce;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The de-duplication key of one recipient of one bounce: the first 32 hex digits of SHA-256 over
 * {@code "mxray-bounce-v1"}, the recipient address (lower-case), the event ({@code failed}, {@code
 * delayed}, {@code delivered}, {@code feedback:<type>}, {@code auto-reply}) and the original
 * message: its Message-ID, or — when the bounce carries none — its sender (lower-case), Subject and
 * the bounce's date. Fields are joined with a line feed. The same notice received twice (two
 * copies, a re-run of an mbox) gives the same key; a delay notice and the final failure for the
 * same message give two keys, as do two different mailings to the same address.
 */
public final class DedupKey {

  private DedupKey() {}

  public static String of(BounceMessage m, BounceRecipient r, BounceReason reason) {
    String event =
        switch (reason) {
          case FEEDBACK -> "feedback:" + m.feedbackType().toLowerCase(Locale.ROOT);
          case VACATION -> "auto-reply";
          case DELIVERED -> "delivered";
          default -> r.action().equals("delayed") ? "delayed" : "failed";
        };
    OriginalMessage o = m.original();
    String origin =
        o.messageId().isEmpty()
            ? "from="
                + o.from().toLowerCase(Locale.ROOT)
                + "\nsubject="
                + o.subject()
                + "\ndate="
                + m.date()
            : "message-id=" + o.messageId();
    String input =
        "mxray-bounce-v1\n" + r.address().toLowerCase(Locale.ROOT) + "\n" + event + "\n" + origin;
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
