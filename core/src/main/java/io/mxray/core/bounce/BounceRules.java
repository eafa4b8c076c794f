package io.mxray.core.bounce;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ordered rule list of {@code rules.tsv}, tried in the order of evidence ({@link
 * BounceRule.Tier}): local delivery failures, vendor codes, specific enhanced status codes,
 * phrases, fallbacks. The first row that applies decides, with one guard: a hard verdict from a
 * status code (userunknown, hostunknown, hasmoved, notaccept) gives way when the text itself names
 * a sender-side cause (blocked, rate limited, spam, policy, full mailbox, ...), because dropping a
 * good address is the worst mistake a bounce handler makes (a GoDaddy rate limit is sent as "550
 * 5.1.1 ... has sent to too many recipients").
 *
 * <p>Rows of tier {@code define} are not rules: they name a regular expression that patterns use as
 * {@code {{name}}}, so one phrase family is written once.
 */
public final class BounceRules {

  /** Reasons a hard status-code verdict yields to when the text says so. */
  private static final Set<BounceReason> SENDER_SIDE =
      EnumSet.of(
          BounceReason.NORELAYING,
          BounceReason.BLOCKED,
          BounceReason.MAILBOXFULL,
          BounceReason.REJECTED,
          BounceReason.SPEEDING,
          BounceReason.TOOMANYCONN,
          BounceReason.SPAMDETECTED,
          BounceReason.VIRUSDETECTED,
          BounceReason.POLICYVIOLATION,
          BounceReason.BADREPUTATION,
          BounceReason.REQUIREPTR,
          BounceReason.AUTHFAILURE,
          BounceReason.MESGTOOBIG,
          BounceReason.EXCEEDLIMIT,
          BounceReason.SYSTEMFULL);

  private static final Pattern MACRO = Pattern.compile("\\{\\{([a-z0-9-]+)\\}\\}");

  private final List<BounceRule> rules;
  private final List<Compiled> compiled;
  private final int slots;

  /** A condition of the {@code when} column. */
  private record Condition(String key, boolean negate, List<String> values, Pattern regex) {}

  /** A rule ready to run: its pattern compiled, its memo slot, its conditions. */
  private record Compiled(Pattern regex, int slot, List<Condition> conditions) {}

  private BounceRules(List<BounceRule> rules) {
    this.rules = List.copyOf(rules);
    List<Compiled> c = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    for (BounceRule r : rules) {
      boolean regex =
          r.kind().equals("text") || r.kind().equals("recipient") || r.kind().equals("bouncetype");
      Pattern p = regex ? Pattern.compile(r.pattern(), Pattern.CASE_INSENSITIVE) : null;
      int slot = r.kind().equals("text") ? seen.computeIfAbsent(r.pattern(), k -> seen.size()) : -1;
      c.add(new Compiled(p, slot, conditions(r)));
    }
    this.compiled = List.copyOf(c);
    this.slots = seen.size();
  }

  private static final class Holder {
    static final BounceRules DEFAULT = load("rules.tsv");
  }

  /** The rules shipped with mxray. */
  public static BounceRules defaults() {
    return Holder.DEFAULT;
  }

  static BounceRules load(String resource) {
    List<BounceRule> list = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    Map<String, String> macros = new HashMap<>();
    BounceRule.Tier last = BounceRule.Tier.LOCAL;
    for (String[] r : Tsv.read(resource, 9)) {
      if (r[1].equals("define")) {
        macros.put(r[0], "(?:" + expand(r[3], macros, r[0]) + ")");
        continue;
      }
      BounceRule.Tier tier;
      try {
        tier = BounceRule.Tier.valueOf(r[1].toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(resource + ": unknown tier " + r[1] + " in " + r[0]);
      }
      if (tier.compareTo(last) < 0) {
        throw new IllegalStateException(
            resource + ": rule " + r[0] + " (" + r[1] + ") comes after a " + last.id() + " rule");
      }
      last = tier;
      BounceReason reason =
          BounceReason.fromId(r[5])
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          resource + ": unknown reason " + r[5] + " in " + r[0]));
      if (!ids.add(r[0])) {
        throw new IllegalStateException(resource + ": duplicate rule id " + r[0]);
      }
      list.add(
          new BounceRule(
              r[0],
              tier,
              r[2],
              expand(r[3], macros, r[0]),
              expand(r[4], macros, r[0]),
              reason,
              r[6],
              r[7],
              r[8]));
    }
    return new BounceRules(list);
  }

  private static String expand(String pattern, Map<String, String> macros, String id) {
    Matcher m = MACRO.matcher(pattern);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = macros.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException(
            "rules.tsv: " + id + " uses undefined {{" + m.group(1) + "}}");
      }
      m.appendReplacement(b, Matcher.quoteReplacement(v));
    }
    m.appendTail(b);
    return b.toString();
  }

  private static List<Condition> conditions(BounceRule r) {
    List<Condition> out = new ArrayList<>();
    if (r.when().isBlank()) {
      return out;
    }
    for (String cond : r.when().split(";")) {
      int eq = cond.indexOf('=');
      if (eq < 0) {
        throw new IllegalStateException("rules.tsv: bad condition '" + cond + "' in " + r.id());
      }
      String key = cond.substring(0, eq).trim();
      String value = cond.substring(eq + 1).trim();
      boolean negate = key.endsWith("!");
      if (negate) {
        key = key.substring(0, key.length() - 1);
      }
      switch (key) {
        case "status", "reply", "command", "action", "dtype" ->
            out.add(new Condition(key, negate, List.of(value.split(",")), null));
        case "mta", "rhost", "domain", "text" ->
            out.add(
                new Condition(
                    key, negate, List.of(), Pattern.compile(value, Pattern.CASE_INSENSITIVE)));
        default ->
            throw new IllegalStateException(
                "rules.tsv: unknown condition " + key + " in " + r.id());
      }
    }
    return List.copyOf(out);
  }

  public List<BounceRule> rules() {
    return rules;
  }

  /** The first rule that decides this evidence, if any. */
  public Optional<BounceRule> match(Evidence e) {
    return match(e, r -> true);
  }

  /**
   * The first rule among those {@code enabled} that decides this evidence. Leave-one-source-out
   * scoring passes the rules that would exist without one corpus group.
   */
  public Optional<BounceRule> match(Evidence e, Predicate<BounceRule> enabled) {
    return match(e, enabled, new HashMap<>());
  }

  /**
   * As {@link #match(Evidence, Predicate)}, with the results of the text patterns kept per distinct
   * text in {@code memos}, so recipients that share a diagnostic run each pattern once.
   */
  Optional<BounceRule> match(Evidence e, Predicate<BounceRule> enabled, Map<String, byte[]> memos) {
    // 0 unknown, 1 no match, 2 match
    byte[] memo =
        memos.size() < 10_000
            ? memos.computeIfAbsent(e.text(), k -> new byte[slots])
            : new byte[slots];
    for (int i = 0; i < rules.size(); i++) {
      BounceRule rule = rules.get(i);
      if (!enabled.test(rule) || !applies(i, e, memo)) {
        continue;
      }
      if (rule.tier() == BounceRule.Tier.STATUS && isHard(rule.reason())) {
        // A hard verdict from the code alone yields to the text naming a sender-side cause.
        for (int k = i + 1; k < rules.size(); k++) {
          BounceRule p = rules.get(k);
          if (p.tier() == BounceRule.Tier.FALLBACK) {
            break;
          }
          if (p.tier() == BounceRule.Tier.PHRASE && enabled.test(p) && applies(k, e, memo)) {
            if (SENDER_SIDE.contains(p.reason())) {
              return Optional.of(p);
            }
            break;
          }
        }
      }
      return Optional.of(rule);
    }
    return Optional.empty();
  }

  private static boolean isHard(BounceReason r) {
    return r == BounceReason.USERUNKNOWN
        || r == BounceReason.HOSTUNKNOWN
        || r == BounceReason.HASMOVED
        || r == BounceReason.NOTACCEPT;
  }

  private boolean applies(int i, Evidence e, byte[] memo) {
    BounceRule rule = rules.get(i);
    Compiled c = compiled.get(i);
    boolean hit =
        switch (rule.kind()) {
          case "text" -> !e.text().isEmpty() && textMatches(c, e.text(), memo);
          case "status" -> BounceRule.statusMatches(rule.pattern(), e.status());
          case "reply" -> BounceRule.replyMatches(rule.pattern(), e.reply());
          case "action" -> rule.pattern().equalsIgnoreCase(e.action());
          case "command" -> rule.pattern().equalsIgnoreCase(e.command());
          case "dtype" -> rule.pattern().equalsIgnoreCase(e.dtype());
          case "bouncetype" ->
              !e.bounceType().isEmpty() && c.regex().matcher(e.bounceType()).find();
          case "recipient" -> !e.address().isEmpty() && c.regex().matcher(e.address()).find();
          default -> false;
        };
    return hit && conditionsHold(c.conditions(), e);
  }

  private static boolean textMatches(Compiled c, String text, byte[] memo) {
    int s = c.slot();
    if (memo[s] == 0) {
      memo[s] = (byte) (c.regex().matcher(text).find() ? 2 : 1);
    }
    return memo[s] == 2;
  }

  private static boolean conditionsHold(List<Condition> conditions, Evidence e) {
    for (Condition cond : conditions) {
      boolean ok =
          switch (cond.key()) {
            case "status" ->
                cond.values().stream().anyMatch(v -> BounceRule.statusMatches(v, e.status()));
            case "reply" ->
                cond.values().stream().anyMatch(v -> BounceRule.replyMatches(v, e.reply()));
            case "command" -> cond.values().stream().anyMatch(v -> v.equalsIgnoreCase(e.command()));
            case "action" -> cond.values().stream().anyMatch(v -> v.equalsIgnoreCase(e.action()));
            case "dtype" -> cond.values().stream().anyMatch(v -> v.equalsIgnoreCase(e.dtype()));
            case "mta" -> cond.regex().matcher(e.mta()).find();
            case "rhost" -> cond.regex().matcher(e.rhost()).find();
            case "domain" -> cond.regex().matcher(e.domain()).find();
            case "text" -> cond.regex().matcher(e.text()).find();
            default -> false;
          };
      if (ok == cond.negate()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Vendor rows that give a code a meaning of their own (Microsoft's 5.4.1 is directory-based edge
   * blocking, not RFC 3463's "no answer from host"): the rows of tier vendor with a meaning whose
   * example carries this status code. {@code mxray explain 5.4.1} lists them beside the registry.
   */
  public List<BounceRule> vendorMeanings(String status) {
    List<BounceRule> out = new ArrayList<>();
    if (status.isEmpty()) {
      return out;
    }
    for (BounceRule r : rules) {
      if (r.tier() == BounceRule.Tier.VENDOR && !r.meaning().isEmpty()) {
        String example =
            r.example().startsWith("[")
                ? r.example().substring(r.example().indexOf(']') + 1)
                : r.example();
        if (status.equals(DeliveryStatus.effectiveStatus("", example))) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /** The rule with this id. */
  public Optional<BounceRule> byId(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }
}
