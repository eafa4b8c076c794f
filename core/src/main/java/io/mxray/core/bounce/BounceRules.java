package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ordered rule list of {@code rules.tsv}: the first row that applies to a recipient decides its
 * reason. Vendor and MTA phrases come first (they are more precise than codes: "5.7.1" is used for a dozen
 * different refusals), then specific enhanced status codes, then generic phrases, then the status class
 * and the reply code.
 */
public final class BounceRules {

  private final List<BounceRule> rules;
  private final List<Pattern> compiled;

  private BounceRules(List<BounceRule> rules) {
    this.rules = List.copyOf(rules);
    List<Pattern> c = new ArrayList<>();
    for (BounceRule r : rules) {
      c.add(r.kind().equals("text") ? r.regex() : null);
    }
    this.compiled = c;
  }

  private static final class Holder {
    static final BounceRules DEFAULT = load();
  }

  /** The rules shipped with mxray. */
  public static BounceRules defaults() {
    return Holder.DEFAULT;
  }

  static BounceRules load() {
    List<BounceRule> list = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (String[] r : Tsv.read("rules.tsv", 5)) {
      BounceReason reason = BounceReason.fromId(r[3])
          .orElseThrow(() -> new IllegalStateException("rules.tsv: unknown reason " + r[3] + " in " + r[0]));
      if (!ids.add(r[0])) {
        throw new IllegalStateException("rules.tsv: duplicate rule id " + r[0]);
      }
      list.add(new BounceRule(r[0], r[1], r[2], reason, r[4]));
    }
    return new BounceRules(list);
  }

  public List<BounceRule> rules() {
    return rules;
  }

  /** The first rule that applies, if any. */
  public Optional<BounceRule> match(BounceRecipient r) {
    String text = r.diagnostic().toLowerCase(Locale.ROOT);
    for (int i = 0; i < rules.size(); i++) {
      BounceRule rule = rules.get(i);
      boolean hit = switch (rule.kind()) {
        case "text" -> !text.isEmpty() && compiled.get(i).matcher(text).find();
        case "status" -> BounceRule.statusMatches(rule.pattern(), r.status())
            || (r.status().isEmpty() || r.status().endsWith(".0.0"))
               && BounceRule.statusMatches(rule.pattern(), EnhancedStatus.find(text).map(Object::toString).orElse(""));
        case "reply" -> BounceRule.replyMatches(rule.pattern(), r.replyCode());
        case "action" -> rule.pattern().equalsIgnoreCase(r.action());
        case "command" -> rule.pattern().equalsIgnoreCase(r.command());
        default -> false;
      };
      if (hit) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /** The rule with this id. */
  public Optional<BounceRule> byId(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
