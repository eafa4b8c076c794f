package io.mxray.core.headers;

import io.mxray.core.headers.Hop.Boundary;
import io.mxray.core.headers.Hop.ClockSkew;
import io.mxray.core.net.AddressClass;
import io.mxray.core.net.Addresses;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The Received headers of a message in travel order (oldest first, RFC 5321 §4.4: each relay
 * prepends its own), with per-hop delays, clock-skew detection, each hop's share of the delay, and
 * the origin: where the message entered the receiver's systems.
 *
 * <p><b>Origin.</b> Only the receiver's own Received headers can be trusted; everything older was
 * written by the sending side. Walking back from the newest hop, a hop belongs to the receiver when
 * its sending address is private, loopback or link-local; when it has no address and no outside
 * host (a hand-over inside one system); when the sender's reverse-DNS name (as the receiving server
 * recorded it) is in one of the receiver's organisations (the public-suffix registrable domains of
 * the receiving hosts met so far, so outlook.com and office365.com relays of one chain both count);
 * or, where the format records no reverse DNS (Exchange), when its HELO name is the receiver's and
 * its address lies in a network (IPv4 /16, IPv6 /32) of the receiving servers' recorded addresses;
 * or when its address lies in such a network and no outside reverse-DNS name says otherwise. The
 * first hop that is none of these is the origin when its address is public; one from an outside
 * host without a recorded address ends the walk with no origin ("could not tell", not a guess).
 * Mail inside one provider has no outside hop: then the first public address is taken and says so.
 * Documentation addresses count as public so published samples analyse like real mail.
 *
 * <p><b>Clock skew.</b> A hop stamped more than {@link #SKEW_TOLERANCE_MILLIS} before its
 * predecessor is out of line. When its successor is back in line, its own server's clock is behind;
 * when a hop is stamped after its successor and the successor is in line with the one before, its
 * server's clock is ahead; otherwise the header cannot tell which of the two is wrong. Skews of
 * whole half-hours are reported as a mislabelled time zone. Effective delays skip the odd stamps.
 *
 * @param hops oldest first
 * @param totalDelayMillis from the oldest to the newest dated hop whose clock is in line; empty
 *     with fewer than two such dates
 * @param originIp the origin's address, when one is recorded
 * @param originHop index of the origin hop, 0 when none
 * @param skipped how many Received headers were left out beyond {@link #MAX_HOPS}
 * @param receiverOrganisations the organisations counted as the receiver's, newest first
 */
public record ReceivedChain(
    List<Hop> hops,
    OptionalLong totalDelayMillis,
    Optional<String> originIp,
    int originHop,
    int skipped,
    List<String> receiverOrganisations) {

  /**
   * Most hops analysed; RFC 5321 §6.3 says loops are suspected past 100 Received headers anyway.
   */
  public static final int MAX_HOPS = 500;

  /** Differences smaller than this are clock jitter, not skew (MHA shows -28 ms as 0 seconds). */
  public static final long SKEW_TOLERANCE_MILLIS = 1_000;

  public ReceivedChain {
    hops = List.copyOf(hops);
    receiverOrganisations = List.copyOf(receiverOrganisations);
  }

  /** The origin hop, when there is one. */
  public Optional<Hop> origin() {
    return originHop > 0 ? Optional.of(hops.get(originHop - 1)) : Optional.empty();
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
    int n = oldestFirst.size();
    Boundary[] boundary = new Boundary[n];
    boolean[] internal = new boolean[n];
    Set<String> orgs = new LinkedHashSet<>();
    Set<String> nets = new LinkedHashSet<>();
    int origin = -1;
    boolean crossed = false;
    for (int i = n - 1; i >= 0; i--) {
      Received r = oldestFirst.get(i);
      boolean privateIp = !r.ip().isEmpty() && !external(r.ip());
      if (crossed) {
        boundary[i] = Boundary.SENDER_SIDE;
        internal[i] = privateIp;
        continue;
      }
      // While still inside, this hop's receiving host is one of the receiver's own servers.
      addOrg(orgs, r.byHost());
      addNet(nets, r.byIp());
      Boundary b = classify(r, privateIp, orgs, nets);
      boundary[i] = b;
      switch (b) {
        case PRIVATE_ADDRESS, LOCAL_HANDOVER, RECEIVER_HOST, RECEIVER_HOST_NAMED -> {
          internal[i] = true;
          addOrg(orgs, r.byHost());
        }
        case RECEIVER_NETWORK -> {
          internal[i] = true;
          addOrg(orgs, r.byHost());
          addOrg(orgs, r.helo()); // one of the receiver's own servers: its name is the receiver's
        }
        case ORIGIN -> {
          origin = i;
          crossed = true;
        }
        default -> crossed = true; // BOUNDARY_WITHOUT_ADDRESS
      }
    }
    if (!crossed) {
      // Mail inside one provider: the first public address, counting from the receiver.
      for (int i = n - 1; i >= 0 && origin < 0; i--) {
        if (external(oldestFirst.get(i).ip())) {
          origin = i;
          boundary[i] = Boundary.ORIGIN_SAME_PROVIDER;
          for (int k = i - 1; k >= 0; k--) {
            boundary[k] = Boundary.SENDER_SIDE;
          }
        }
      }
      if (origin < 0) {
        for (int i = 0; i < n; i++) {
          if (boundary[i] == Boundary.LOCAL_HANDOVER && !oldestFirst.get(i).from().isEmpty()) {
            boundary[i] = Boundary.UNKNOWN;
          }
        }
      }
    }
    Timing timing = Timing.of(oldestFirst);
    List<Hop> hops = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hops.add(
          new Hop(
              i + 1,
              oldestFirst.get(i),
              timing.raw[i],
              internal[i],
              boundary[i],
              timing.effective[i],
              timing.share[i],
              Optional.ofNullable(timing.skew[i])));
    }
    return new ReceivedChain(
        hops,
        timing.total,
        origin >= 0 ? Optional.of(oldestFirst.get(origin).ip()) : Optional.empty(),
        origin + 1,
        skipped,
        new ArrayList<>(orgs));
  }

  private static Boundary classify(
      Received r, boolean privateIp, Set<String> orgs, Set<String> nets) {
    if (privateIp) {
      return Boundary.PRIVATE_ADDRESS;
    }
    String rdns = r.rdnsForged() ? "" : r.rdns();
    if (r.ip().isEmpty()) {
      String name = !rdns.isEmpty() ? rdns : r.helo();
      boolean inside =
          name.isEmpty()
              || r.from().isEmpty()
              || name.equalsIgnoreCase("localhost")
              || r.protocol().startsWith("LOCAL")
              || orgs.contains(org(name))
              || org(name).isEmpty();
      return inside ? Boundary.LOCAL_HANDOVER : Boundary.BOUNDARY_WITHOUT_ADDRESS;
    }
    if (!external(r.ip())) {
      return Boundary.PRIVATE_ADDRESS; // unspecified, multicast and the like: not a sender
    }
    if (!rdns.isEmpty() && orgs.contains(org(rdns))) {
      return Boundary.RECEIVER_HOST;
    }
    boolean inNets = nets.contains(network(r.ip()));
    if (rdns.isEmpty()
        && !r.rdnsSlot()
        && !r.helo().isEmpty()
        && orgs.contains(org(r.helo()))
        && (nets.isEmpty() || inNets)) {
      return Boundary.RECEIVER_HOST_NAMED;
    }
    if (inNets && rdns.isEmpty()) {
      return Boundary.RECEIVER_NETWORK;
    }
    return Boundary.ORIGIN;
  }

  /** Per-hop delays, skew and shares. */
  private static final class Timing {
    OptionalLong[] raw;
    OptionalLong[] effective;
    double[] share;
    ClockSkew[] skew;
    OptionalLong total = OptionalLong.empty();

    static Timing of(List<Received> hops) {
      int n = hops.size();
      Timing t = new Timing();
      t.raw = new OptionalLong[n];
      t.effective = new OptionalLong[n];
      t.share = new double[n];
      t.skew = new ClockSkew[n];
      List<Integer> dated = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        t.raw[i] = OptionalLong.empty();
        t.effective[i] = OptionalLong.empty();
        if (hops.get(i).date().isPresent()) {
          dated.add(i);
        }
      }
      long[] at = new long[dated.size()];
      for (int k = 0; k < at.length; k++) {
        at[k] = hops.get(dated.get(k)).date().map(Instant::toEpochMilli).orElseThrow();
        if (k > 0) {
          t.raw[dated.get(k)] = OptionalLong.of(at[k] - at[k - 1]);
        }
      }
      // Odd stamps: removing them makes the neighbours agree.
      boolean[] odd = new boolean[at.length];
      for (int k = 1; k + 1 < at.length; k++) {
        long prev = at[k - 1];
        long next = at[k + 1];
        if (next < prev - SKEW_TOLERANCE_MILLIS) {
          continue; // the neighbours disagree with each other: not this hop's fault alone
        }
        if (at[k] < prev - SKEW_TOLERANCE_MILLIS) {
          odd[k] = true;
          t.skew[dated.get(k)] = skew(prev - at[k], dated.get(k) + 1, false);
        } else if (at[k] > next + SKEW_TOLERANCE_MILLIS) {
          odd[k] = true;
          t.skew[dated.get(k)] = skew(at[k] - next, dated.get(k) + 1, true);
        }
      }
      long last = Long.MIN_VALUE;
      int firstReliable = -1;
      int lastReliable = -1;
      for (int k = 0; k < at.length; k++) {
        if (odd[k]) {
          continue;
        }
        int i = dated.get(k);
        if (last != Long.MIN_VALUE) {
          long d = at[k] - last;
          if (d < -SKEW_TOLERANCE_MILLIS) {
            // Out of line and no neighbour tells whose clock is wrong.
            t.skew[i] = skew(-d, 0, false);
          } else {
            t.effective[i] = OptionalLong.of(d);
          }
        }
        last = at[k]; // after an unexplained jump, later hops are measured on the new clock
        if (firstReliable < 0) {
          firstReliable = k;
        }
        lastReliable = k;
      }
      long sum = 0;
      boolean anySkew = false;
      for (int i = 0; i < n; i++) {
        OptionalLong e = t.effective[i];
        sum += e.isPresent() ? Math.max(0, e.getAsLong()) : 0;
        anySkew |= t.skew[i] != null;
      }
      if (firstReliable >= 0 && lastReliable > firstReliable) {
        // With a skewed clock in the chain, first-to-last is meaningless: add up the hops instead.
        t.total = OptionalLong.of(anySkew ? sum : at[lastReliable] - at[firstReliable]);
      }
      for (int i = 0; i < n; i++) {
        t.share[i] =
            sum > 0 && t.effective[i].isPresent()
                ? 100.0 * Math.max(0, t.effective[i].getAsLong()) / sum
                : 0;
      }
      return t;
    }

    private static ClockSkew skew(long millis, int suspect, boolean ahead) {
      long halfHours = Math.round(millis / 1_800_000.0);
      boolean zone = halfHours >= 1 && Math.abs(millis - halfHours * 1_800_000) <= 90_000;
      return new ClockSkew(
          zone ? ClockSkew.Kind.TIME_ZONE : ClockSkew.Kind.CLOCK, millis, suspect, ahead);
    }
  }

  private static void addOrg(Set<String> orgs, String host) {
    String o = org(host);
    if (!o.isEmpty()) {
      orgs.add(o);
    }
  }

  private static void addNet(Set<String> nets, String ip) {
    String net = network(ip);
    if (!net.isEmpty()) {
      nets.add(net);
    }
  }

  /** The /16 (IPv4) or /32 (IPv6) an address lies in, as text; "" when not an address. */
  static String network(String ip) {
    Optional<InetAddress> a = Addresses.parse(ip);
    if (a.isEmpty()) {
      return "";
    }
    byte[] b = a.get().getAddress();
    return b.length == 4
        ? (b[0] & 0xff) + "." + (b[1] & 0xff)
        : String.format(Locale.ROOT, "%02x%02x:%02x%02x", b[0], b[1], b[2], b[3]);
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
