package io.mxray.core.bounce;

import java.util.List;
import java.util.Objects;

/**
 * What {@link DsnParser} recovered from one message.
 *
 * @param kind what sort of message it is
 * @param recipients recipients in the order the message lists them
 * @param feedbackType ARF Feedback-Type (RFC 5965 §3.1) for feedback reports, else empty
 * @param subject decoded Subject of the bounce itself
 * @param from From of the bounce itself (the reporting MTA or robot)
 * @param truncated true when the input was larger than the cap and only its start was read
 * @param mta the software or service that wrote the bounce ({@code postfix}, {@code exim}, {@code
 *     office365}, {@code amazonses}, {@code docomo}, …; see {@code mta-signatures.tsv}), empty when
 *     nothing identifies it
 * @param date the bounce's own Date (RFC 5322 §3.6.1) as an ISO-8601 UTC instant, empty when absent
 *     or unreadable
 * @param original what the bounce says about the message that bounced
 */
public record BounceMessage(
    Kind kind,
    List<BounceRecipient> recipients,
    String feedbackType,
    String subject,
    String from,
    boolean truncated,
    String mta,
    String date,
    OriginalMessage original) {

  /** The sort of message. */
  public enum Kind {
    /** RFC 3464 delivery status notification (multipart/report; report-type=delivery-status). */
    DSN,
    /** A bounce without a machine-readable part: the status is only in the text. */
    TEXT_BOUNCE,
    /** RFC 5965 abuse/feedback report (also Microsoft JMRP and Amazon SES complaints). */
    FEEDBACK,
    /** RFC 3834 automatic reply (vacation, out of office). */
    AUTO_REPLY,
    /** Looks like ordinary mail: nothing reports a delivery problem. */
    NOT_A_BOUNCE,
    /** Not a mail message at all (binary junk, empty input). */
    UNREADABLE,
    /** A bare reply line or code given to {@code mxray explain}: no message, no SMTP context. */
    REPLY
  }

  public BounceMessage {
    Objects.requireNonNull(kind, "kind");
    recipients = List.copyOf(recipients);
    feedbackType = Objects.requireNonNullElse(feedbackType, "");
    subject = Objects.requireNonNullElse(subject, "");
    from = Objects.requireNonNullElse(from, "");
    mta = Objects.requireNonNullElse(mta, "");
    date = Objects.requireNonNullElse(date, "");
    original = Objects.requireNonNullElse(original, OriginalMessage.NONE);
  }

  /** A message without details about its origin (tests, bare replies). */
  public BounceMessage(
      Kind kind,
      List<BounceRecipient> recipients,
      String feedbackType,
      String subject,
      String from,
      boolean truncated) {
    this(kind, recipients, feedbackType, subject, from, truncated, "", "", OriginalMessage.NONE);
  }
}
