package io.mxray.core.mailtest;

import java.time.Instant;
import java.util.List;

/**
 * One message as the receiver took it: who connected, what they said, how the session was
 * protected, and the message's octets.
 *
 * @param remoteIp the connecting address, as the socket saw it
 * @param helo the HELO/EHLO argument
 * @param mailFrom the MAIL FROM address ("" for the null reverse path)
 * @param recipients the accepted RCPT TO addresses
 * @param tlsProtocol e.g. "TLSv1.3"; "" when the session was not encrypted
 * @param tlsCipher e.g. "TLS_AES_256_GCM_SHA384"; "" when not encrypted
 * @param receiver the receiver's own host name (for the Received header it adds)
 */
public record Delivery(
    String remoteIp,
    String helo,
    String mailFrom,
    List<String> recipients,
    String tlsProtocol,
    String tlsCipher,
    Instant receivedAt,
    String receiver,
    byte[] message) {

  public Delivery {
    recipients = List.copyOf(recipients);
  }
}
