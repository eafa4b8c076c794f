package io.mxray.core.headers;

import io.mxray.core.message.HeaderField;
import io.mxray.core.message.MailDate;
import io.mxray.core.message.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The identity headers a receiver judges a message by: From (RFC 5322 §3.6.2, the DMARC
 * identifier), Return-Path (the envelope sender, RFC 5321 §4.4), Message-ID (§3.6.4) and Date
 * (§3.6.1). Pure.
 *
 * @param fromCount how many From fields there are
 * @param fromAddresses addresses in the (first) From field
 * @param fromDomain the domain of the single From address, "" when there is not exactly one
 * @param mailFrom the Return-Path address, "" when absent or null ({@code <>})
 * @param mailFromDomain its domain
 * @param messageIds the Message-ID values
 * @param messageIdValid exactly one Message-ID of the form {@code <left@right>}
 * @param dateText the Date value ("" when absent)
 */
public record Identity(
    int fromCount,
    List<String> fromAddresses,
    String fromDomain,
    String mailFrom,
    String mailFromDomain,
    List<String> messageIds,
    boolean messageIdValid,
    String dateText) {

  private static final Pattern MSG_ID = Pattern.compile("<[^<>@\\s]+@[^<>@\\s]+>");

  public Identity {
    fromAddresses = List.copyOf(fromAddresses);
    messageIds = List.copyOf(messageIds);
  }

  public static Identity of(Message m) {
    List<HeaderField> froms = m.all("From");
    List<String> addresses = froms.isEmpty() ? List.of() : addresses(froms.get(0).value());
    String fromDomain = froms.size() == 1 && addresses.size() == 1 ? domain(addresses.get(0)) : "";
    String rp =
        m.first("Return-Path")
            .map(f -> addresses(f.value()))
            .filter(l -> !l.isEmpty())
            .map(l -> l.get(0))
            .orElse("");
    List<String> ids = m.all("Message-ID").stream().map(f -> f.value().strip()).toList();
    boolean idValid = ids.size() == 1 && MSG_ID.matcher(ids.get(0)).matches();
    return new Identity(
        froms.size(), addresses, fromDomain, rp, domain(rp), ids, idValid, m.value("Date"));
  }

  /**
   * Addresses in an address list: angle-addr contents, or bare addr-specs; comments and names
   * dropped.
   */
  static List<String> addresses(String value) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    int depth = 0;
    int angle = 0;
    String v = value.length() > 4096 ? value.substring(0, 4096) : value;
    for (int i = 0; i <= v.length(); i++) {
      char c = i < v.length() ? v.charAt(i) : ',';
      if (c == '\\' && i + 1 < v.length()) {
        cur.append(c).append(v.charAt(++i));
        continue;
      }
      if (c == '"' && depth == 0) {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && depth > 0) {
        depth--;
      } else if (!quoted && depth == 0 && c == '<') {
        angle++;
      } else if (!quoted && depth == 0 && c == '>' && angle > 0) {
        angle--;
      }
      if (c == ',' && !quoted && depth == 0 && angle == 0) {
        String a = mailbox(cur.toString());
        if (!a.isEmpty()) {
          out.add(a);
        }
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    return out;
  }

  private static String mailbox(String s) {
    String t = MailDate.stripComments(s).strip();
    int lt = t.lastIndexOf('<');
    int gt = t.lastIndexOf('>');
    if (lt >= 0 && gt > lt) {
      return t.substring(lt + 1, gt).strip();
    }
    if (t.contains("@") && !t.contains(" ")) {
      return t;
    }
    if (t.contains(":") && t.endsWith(";")) {
      return ""; // an empty group ("undisclosed-recipients:;")
    }
    return t.contains("@") ? t.substring(t.lastIndexOf(' ') + 1) : "";
  }

  static String domain(String address) {
    int at = address.lastIndexOf('@');
    if (at < 0) {
      return "";
    }
    String d = address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
  }
}
