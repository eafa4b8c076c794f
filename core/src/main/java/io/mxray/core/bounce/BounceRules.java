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
 * reason. Vendor and MTA phrases come first (they are more precise than codes: "5.7.1" is used for
 * a dozen different refusals), then specific enhanced status codes, then generic phrases, then the
 * status class and the reply code.
 */
public final class BounceRules {

  private final List<BounceRule> rules;
  private final List<Pattern> compiled;

  /**
   * Rules with the same text pattern share one slot, so each distinct regex runs once per
   * recipient.
   */
  private final int[] slot;

  private final int slots;

  private BounceRules(List<BounceRule> rules) {
    this.rules = List.copyOf(rules);
    List<Pattern> c = new ArrayList<>();
    for (BounceRule r : rules) {
      boolean regex =
          r.kind().equals("text") || r.kind().equals("recipient") || r.kind().equals("from");
      c.add(regex ? r.regex() : null);
    }
    this.compiled = c;
    this.slot = new int[rules.size()];
    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
    for (int i = 0; i < rules.size(); i++) {
      slot[i] =
          rules.get(i).kind().equals("text")
              ? seen.computeIfAbsent(rules.get(i).pattern(), k -> seen.size())
              : -1;
    }
    this.slots = seen.size();
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
    for (String[] r : Tsv.read("rules.tsv", 6)) {
      BounceReason reason =
          BounceReason.fromId(r[4])
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "rules.tsv: unknown reason " + r[4] + " in " + r[0]));
      if (!ids.add(r[0])) {
        throw new IllegalStateException("rules.tsv: duplicate rule id " + r[0]);
      }
      list.add(new BounceRule(r[0], r[1], r[2], r[3], reason, r[5]));
    }
    return new BounceRules(list);
  }

  public List<BounceRule> rules() {
    return rules;
  }

  /** The first rule that applies, if any. */
  public Optional<BounceRule> match(BounceRecipient r) {
    return match(r, "", BounceMessage.Kind.DSN);
  }

  /** The first rule that applies to a recipient of a bounce sent by {@code from}, if any. */
  public Optional<BounceRule> match(BounceRecipient r, String from, BounceMessage.Kind kind) {
    String text = r.diagnostic().toLowerCase(Locale.ROOT);
    // A generic DSN status (x.0.0 or none) is refined by the first status code inside the
    // diagnostic.
    String status =
        r.status().isEmpty() || r.status().endsWith(".0.0")
            ? EnhancedStatus.find(text).map(Object::toString).orElse(r.status())
            : r.status();
    byte[] memo = new byte[slots]; // 0 unknown, 1 no match, 2 match
    for (int i = 0; i < rules.size(); i++) {
      BounceRule rule = rules.get(i);
      final int k = i;
      boolean hit =
          switch (rule.kind()) {
            case "text" -> !text.isEmpty() && textMatches(k, text, memo);
            case "status" ->
                BounceRule.statusMatches(rule.pattern(), r.status())
                    || BounceRule.statusMatches(rule.pattern(), status);
            case "reply" -> BounceRule.replyMatches(rule.pattern(), r.replyCode());
            case "action" -> rule.pattern().equalsIgnoreCase(r.action());
            case "command" -> rule.pattern().equalsIgnoreCase(r.command());
            case "dtype" -> rule.pattern().equalsIgnoreCase(r.diagnosticType());
            case "recipient" ->
                !r.address().isEmpty()
                    && compiled.get(i).matcher(r.address().toLowerCase(Locale.ROOT)).find();
            case "from" ->
                !from.isEmpty() && compiled.get(i).matcher(from.toLowerCase(Locale.ROOT)).find();
            default -> false;
          };
      if (hit && !rule.when().isEmpty()) {
        hit = conditionsHold(rule.when(), r, from, status, kind);
      }
      if (hit) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  private boolean textMatches(int i, String text, byte[] memo) {
    int s = slot[i];
    if (memo[s] == 0) {
      memo[s] = (byte) (compiled.get(i).matcher(text).find() ? 2 : 1);
    }
    return memo[s] == 2;
  }

  private static boolean conditionsHold(
      String when, BounceRecipient r, String from, String status, BounceMessage.Kind kind) {
    for (String cond : when.split(";")) {
      int eq = cond.indexOf('=');
      if (eq < 0) {
        continue;
      }
      String key = cond.substring(0, eq).trim();
      String value = cond.substring(eq + 1).trim();
      boolean negate = key.endsWith("!");
      if (negate) {
        key = key.substring(0, key.length() - 1);
      }
      boolean ok =
          switch (key) {
            case "status" ->
                java.util.Arrays.stream(value.split(","))
                    .anyMatch(v -> BounceRule.statusMatches(v, status));
            case "reply" ->
                java.util.Arrays.stream(value.split(","))
                    .anyMatch(v -> BounceRule.replyMatches(v, r.replyCode()));
            case "command" ->
                java.util.Arrays.stream(value.split(","))
                    .anyMatch(v -> v.equalsIgnoreCase(r.command()));
            case "action" -> value.equalsIgnoreCase(r.action());
            case "dtype" ->
                java.util.Arrays.stream(value.split(","))
                    .anyMatch(v -> v.equalsIgnoreCase(r.diagnosticType()));
            case "from" -> Pattern.compile(value, Pattern.CASE_INSENSITIVE).matcher(from).find();
            case "kind" ->
                java.util.Arrays.stream(value.split(","))
                    .anyMatch(v -> v.equalsIgnoreCase(kind.name().replace('_', '-')));
            default -> false;
          };
      if (ok == negate) {
        return false;
      }
    }
    return true;
  }

  /** The rule with this id. */
  public Optional<BounceRule> byId(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
