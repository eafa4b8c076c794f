package io.mxray.core.headers;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One hop of a message's journey: a Received header placed in order, with where it stands relative
 * to the receiver's trust boundary and how long it took.
 *
 * @param index 1 for the oldest hop (the bottom-most Received header), counting up to the receiver
 * @param received the parsed header
 * @param delayMillis milliseconds since the previous dated hop, as stamped (may be negative when
 *     clocks disagree); empty for the first or an undated hop
 * @param internal whether the hop's sending side is a private/loopback address or the receiver's
 *     own host
 * @param boundary where the hop stands and why (see {@link Boundary})
 * @param effectiveDelayMillis the delay measured from the last hop whose clock agrees with its
 *     neighbours; empty for the first hop, an undated hop and a hop whose own stamp is out of line
 *     ({@link #skew()})
 * @param sharePercent this hop's share of the summed positive effective delays, 0-100 (Microsoft's
 *     Message Header Analyzer's "percent")
 * @param skew present when this hop's stamp disagrees with its neighbours
 */
public record Hop(
    int index,
    Received received,
    OptionalLong delayMillis,
    boolean internal,
    Boundary boundary,
    OptionalLong effectiveDelayMillis,
    double sharePercent,
    Optional<ClockSkew> skew) {

  public Hop {
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(delayMillis, "delayMillis");
    Objects.requireNonNull(boundary, "boundary");
    Objects.requireNonNull(effectiveDelayMillis, "effectiveDelayMillis");
    Objects.requireNonNull(skew, "skew");
  }

  /**
   * Where a hop stands relative to the receiver's trust boundary, and why. Walking from the newest
   * hop back, hops are the receiver's own until one comes from a public address outside the
   * receiver's organisations: that one is the origin, and everything older was written by the
   * sending side (not verified by the receiver).
   */
  public enum Boundary {
    /** The sending address is private, loopback, link-local or shared (RFC 6890 registries). */
    PRIVATE_ADDRESS,
    /** No connecting address and no outside host: a hand-over inside one system. */
    LOCAL_HANDOVER,
    /** The sender's reverse-DNS name, recorded by the receiving server, is the receiver's. */
    RECEIVER_HOST,
    /**
     * The sender's name is the receiver's and the format records no reverse DNS (Exchange): its
     * address is in a network of the receiver's servers, or no server address is recorded.
     */
    RECEIVER_HOST_NAMED,
    /**
     * The sender's address lies in a network (IPv4 /16, IPv6 /32) of an address the receiving
     * servers recorded for themselves, and no reverse-DNS name outside the receiver's says
     * otherwise.
     */
    RECEIVER_NETWORK,
    /** The first public address outside the receiver's organisations: where the message entered. */
    ORIGIN,
    /**
     * No hop came from outside the receiver's organisations (mail between two mailboxes of one
     * provider): the first public address, counting from the receiver, is taken as the origin.
     */
    ORIGIN_SAME_PROVIDER,
    /** An outside host handed the message over without the address being recorded. */
    BOUNDARY_WITHOUT_ADDRESS,
    /** Older than the origin: written by the sending side, not verified by the receiver. */
    SENDER_SIDE,
    /** Not classified: no origin was found and the hop gives nothing to go on. */
    UNKNOWN;

    public String id() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * A hop whose time stamp disagrees with its neighbours.
   *
   * @param kind a clock off by whole half-hours is a mislabelled time zone, else a wrong clock
   * @param millis how far off, as well as the neighbours tell (positive)
   * @param suspectHop the hop whose receiving server stamped the odd time; 0 when the header cannot
   *     tell which of two neighbours is wrong
   * @param ahead the suspect's clock runs ahead (else behind)
   */
  public record ClockSkew(Kind kind, long millis, int suspectHop, boolean ahead) {
    /** What kind of disagreement. */
    public enum Kind {
      TIME_ZONE,
      CLOCK;

      public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
      }
    }
  }
}
