package io.mxray.core.bounce;

import java.util.EnumMap;
import java.util.Map;

/**
 * Plain-language text of each {@link BounceReason} from {@code reasons.tsv}: what happened, whether
 * and when to retry, what the sender should do and what the recipient's administrator should check.
 */
public final class ReasonTexts {

  /** One row of {@code reasons.tsv}. */
  public record Text(
      String explanation, String retry, String senderAdvice, String adminAdvice, String source) {}

  private static final Map<BounceReason, Text> TEXTS = load();

  private ReasonTexts() {}

  private static Map<BounceReason, Text> load() {
    Map<BounceReason, Text> m = new EnumMap<>(BounceReason.class);
    for (String[] r : Tsv.read("reasons.tsv", 6)) {
      BounceReason reason =
          BounceReason.fromId(r[0])
              .orElseThrow(() -> new IllegalStateException("reasons.tsv: unknown reason " + r[0]));
      m.put(reason, new Text(r[1], r[2], r[3], r[4], r[5]));
    }
    for (BounceReason reason : BounceReason.values()) {
      if (!m.containsKey(reason)) {
        throw new IllegalStateException("reasons.tsv: no text for " + reason.id());
      }
    }
    return m;
  }

  public static Text of(BounceReason reason) {
    return TEXTS.get(reason);
  }
}
