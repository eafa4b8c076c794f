package io.mxray.core.headers;

import io.mxray.core.net.AddressClass;
import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Received headers of a message in travel order (oldest first, RFC 5321 §4.4: each relay
 * prepends its own), with per-hop delays, the total, and the origin IP: the first address outside
 * the receiver's own systems, counting from the receiver, skipping private and loopback addresses.
 *
 * @param hops oldest first
 * @param totalDelayMillis from the oldest dated hop to the newest; empty with fewer than two dates
 * @param originIp the first external sending address, when one is recorded
 * @param originHop index of the hop that recorded {@code originIp}, 0 when none
 * @param skipped how many Received headers were left out beyond {@link #MAX_HOPS}
 */
public record ReceivedChain(
    List<Hop> hops,
    OptionalLong totalDelayMillis,
    Optional<String> originIp,
    int originHop,
    int skipped) {

  /**
   * Most hops analysed; RFC 5321 §6.3 says loops are suspected past 100 Received headers anyway.
   */
  public static final int MAX_HOPS = 500;

  public ReceivedChain {
    hops = List.copyOf(hops);
  }

  /**
   * Builds the chain from Received header values, topmost (newest) first as they appear in a
   * message.
   */
  public static ReceivedChain of(List<String> topmostFirst) {
    int skipped = Math.max(0, topmostFirst.size() - MAX_HOPS);
    List<String> kept = topmostFirst.subList(0, topmostFirst.size() - skipped);
    List<Received> oldestFirst = new ArrayList<>(kept.size());
    for (int i = kept.size() - 1; i >= 0; i--) {
      oldestFirst.add(ReceivedParser.parse(kept.get(i)));
    }
    // The receiver's own organisations: walking back from the newest hop, a hop whose sender
    // belongs to one
    // of them (or is a private address) is internal, and its receiving host's organisation joins
    // the set
    // (Office 365 relays between outlook.com and office365.com hosts, Gmail between google.com
    // hosts).
    boolean[] internal = new boolean[oldestFirst.size()];
    java.util.Set<String> receiverOrgs = new java.util.HashSet<>();
    if (!oldestFirst.isEmpty()) {
      addOrg(receiverOrgs, oldestFirst.get(oldestFirst.size() - 1).byHost());
    }
    boolean crossed =
        false; // past the first external sender, only private addresses count as internal
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      Received r = oldestFirst.get(i);
      String fromOrg = org(!r.rdns().isEmpty() ? r.rdns() : r.helo());
      boolean privateIp = !r.ip().isEmpty() && !external(r.ip());
      if (privateIp || (!crossed && !fromOrg.isEmpty() && receiverOrgs.contains(fromOrg))) {
        internal[i] = true;
        if (!crossed) {
          addOrg(receiverOrgs, r.byHost());
        }
      } else if (!r.ip().isEmpty() || !fromOrg.isEmpty()) {
        crossed = true;
      }
    }
    List<Hop> hops = new ArrayList<>(oldestFirst.size());
    Instant previous = null;
    Instant firstDate = null;
    Instant lastDate = null;
    for (int i = 0; i < oldestFirst.size(); i++) {
      Received r = oldestFirst.get(i);
      OptionalLong delay = OptionalLong.empty();
      if (r.date().isPresent()) {
        Instant d = r.date().get();
        if (previous != null) {
          delay = OptionalLong.of(Duration.between(previous, d).toMillis());
        }
        previous = d;
        if (firstDate == null) {
          firstDate = d;
        }
        lastDate = d;
      }
      hops.add(new Hop(i + 1, r, delay, internal[i]));
    }
    OptionalLong total =
        firstDate != null && lastDate != firstDate
            ? OptionalLong.of(Duration.between(firstDate, lastDate).toMillis())
            : OptionalLong.empty();
    // Origin: walk from the receiver back; the first hop whose sender is external is where mail
    // entered.
    Optional<String> origin = Optional.empty();
    int originHop = 0;
    for (int i = hops.size() - 1; i >= 0 && origin.isEmpty(); i--) {
      Hop h = hops.get(i);
      if (!h.internal()
          && external(h.received().ip())) { // first hop from outside the receiver's organisations
        origin = Optional.of(h.received().ip());
        originHop = h.index();
      }
    }
    // Mail between two hosts of one provider (gmail.com to gmail.com): fall back to the first
    // public IP.
    for (int i = hops.size() - 1; i >= 0 && origin.isEmpty(); i--) {
      Hop h = hops.get(i);
      if (external(h.received().ip())) {
        origin = Optional.of(h.received().ip());
        originHop = h.index();
      }
    }
    return new ReceivedChain(hops, total, origin, originHop, skipped);
  }

  private static void addOrg(java.util.Set<String> orgs, String host) {
    String o = org(host);
    if (!o.isEmpty()) {
      orgs.add(o);
    }
  }

  /** Public addresses, and documentation ones so that published samples analyse like real mail. */
  static boolean external(String ip) {
    Optional<InetAddress> a = Addresses.parse(ip);
    if (a.isEmpty()) {
      return false;
    }
    AddressClass c = Addresses.classify(a.get());
    return c == AddressClass.PUBLIC || c == AddressClass.DOCUMENTATION;
  }

  static String org(String host) {
    return Alignment.orgDomain(host);
  }
}
