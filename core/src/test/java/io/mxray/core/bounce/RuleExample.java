package io.mxray.core.bounce;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The example of a rule row turned into what the rules look at: {@code [command=DATA status=5.2.1
 * mta=docomo domain=docomo.ne.jp] 550 Unknown user} is the diagnostic "550 Unknown user" of a
 * recipient at docomo.ne.jp, refused after DATA with status 5.2.1, in a bounce written by docomo.
 * What the context does not state is read from the line the same way the parser reads a diagnostic
 * (status, reply code, command).
 */
record RuleExample(Map<String, String> context, String line) {

  static RuleExample parse(String example) {
    Map<String, String> ctx = new LinkedHashMap<>();
    String line = example;
    if (example.startsWith("[")) {
      int end = example.indexOf(']');
      for (String kv : example.substring(1, end).trim().split("\\s+")) {
        int eq = kv.indexOf('=');
        ctx.put(kv.substring(0, eq), kv.substring(eq + 1));
      }
      line = example.substring(end + 1).trim();
    }
    return new RuleExample(ctx, line);
  }

  BounceRecipient recipient() {
    String status = context.getOrDefault("status", DeliveryStatus.effectiveStatus("", line));
    int reply =
        context.containsKey("reply")
            ? Integer.parseInt(context.get("reply"))
            : DeliveryStatus.replyCode(line);
    String command = context.getOrDefault("command", TextBounceScanner.command(line));
    String address =
        context.getOrDefault(
            "address", context.containsKey("domain") ? "someone@" + context.get("domain") : "");
    return new BounceRecipient(
        address,
        context.getOrDefault("action", "failed"),
        status,
        reply,
        line,
        context.getOrDefault("rhost", ""),
        command,
        context.getOrDefault("dtype", ""),
        "",
        "",
        context.getOrDefault("bouncetype", ""));
  }

  Evidence evidence() {
    return Evidence.of(recipient(), context.getOrDefault("mta", ""));
  }
}
