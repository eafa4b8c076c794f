package io.mxray.core.headers;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * One hop of a message's journey: a Received header placed in order.
 *
 * @param index 1 for the oldest hop (the bottom-most Received header), counting up to the receiver
 * @param received the parsed header
 * @param delayMillis milliseconds since the previous dated hop; empty for the first or an undated
 *     hop
 * @param internal whether the hop's sending side is a private/loopback address or the receiver's
 *     own host
 */
public record Hop(int index, Received received, OptionalLong delayMillis, boolean internal) {
  public Hop {
    Objects.requireNonNull(received, "received");
    Objects.requireNonNull(delayMillis, "delayMillis");
  }
}
