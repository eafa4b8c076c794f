package io.mxray.core.bounce;

import java.util.Locale;
import java.util.Optional;

/**
 * Why a message was not delivered, in the reason vocabulary of Sisimai (sisimai.org, "Bounce Reason
 * List"), so results compare with the most widely used bounce classifier. The plain-language
 * explanation and advice of each reason live in {@code reasons.tsv} ({@link ReasonTexts}).
 */
public enum BounceReason {
  AUTHFAILURE,
  BADREPUTATION,
  BLOCKED,
  CONTENTERROR,
  DELIVERED,
  EXCEEDLIMIT,
  EXPIRED,
  FAILEDSTARTTLS,
  FEEDBACK,
  FILTERED,
  HASMOVED,
  HOSTUNKNOWN,
  MAILBOXFULL,
  MAILERERROR,
  MESGTOOBIG,
  NETWORKERROR,
  NORELAYING,
  NOTACCEPT,
  NOTCOMPLIANTRFC,
  ONHOLD,
  POLICYVIOLATION,
  REJECTED,
  REQUIREPTR,
  SECURITYERROR,
  SPAMDETECTED,
  SPEEDING,
  SUPPRESSED,
  SUSPEND,
  SYNTAXERROR,
  SYSTEMERROR,
  SYSTEMFULL,
  TOOMANYCONN,
  UNDEFINED,
  USERUNKNOWN,
  VACATION,
  VIRUSDETECTED;

  /** Lower-case id as used in JSON and the rules file ("userunknown"). */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<BounceReason> fromId(String id) {
    try {
      return Optional.of(valueOf(id.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * A hard bounce fails again however often it is retried: the address or domain does not exist or
   * moved, or the destination accepts no mail (notaccept) and the report says so permanently — a
   * 5xx reply, a 5.X.X status, or a null-MX text with no code at all; a 4.X.X report is transient
   * by definition (RFC 3463 §3.1). Everything else may succeed later or after the sender fixes
   * something (Sisimai's hard/soft split).
   */
  public boolean isHard(String status, int replyCode) {
    return switch (this) {
      case USERUNKNOWN, HOSTUNKNOWN, HASMOVED -> true;
      case NOTACCEPT ->
          replyCode >= 500 || (replyCode < 400 && (status.startsWith("5") || status.isEmpty()));
      default -> false;
    };
  }

  /** Not a delivery failure at all: a success notice, a complaint report or an auto-reply. */
  public boolean isNotAFailure() {
    return this == DELIVERED || this == FEEDBACK || this == VACATION;
  }
}
