package io.mxray.core.bounce;

import java.util.Objects;

/**
 * What a bounce says about the message that bounced (the returned copy, its headers, or the
 * notification's own fields): what a list manager needs to match the bounce to a mailing. Empty
 * strings mean "not found".
 *
 * @param messageId the original Message-ID, without angle brackets (RFC 5322 §3.6.4)
 * @param from the original sender's address (From, else the envelope sender the report names)
 * @param subject the original Subject, decoded (RFC 2047)
 * @param listId the original List-Id (RFC 2919), the part in angle brackets when there is one
 */
public record OriginalMessage(String messageId, String from, String subject, String listId) {

  public static final OriginalMessage NONE = new OriginalMessage("", "", "", "");

  public OriginalMessage {
    messageId = Objects.requireNonNullElse(messageId, "");
    from = Objects.requireNonNullElse(from, "");
    subject = Objects.requireNonNullElse(subject, "");
    listId = Objects.requireNonNullElse(listId, "");
  }

  /** This, with each empty value taken from {@code other}. */
  OriginalMessage orElse(OriginalMessage other) {
    return new OriginalMessage(
        messageId.isEmpty() ? other.messageId : messageId,
        from.isEmpty() ? other.from : from,
        subject.isEmpty() ? other.subject : subject,
        listId.isEmpty() ? other.listId : listId);
  }
}
