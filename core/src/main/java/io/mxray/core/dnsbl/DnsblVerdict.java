package io.mxray.core.dnsbl;

import java.util.List;

/**
 * What one blocklist said about one subject.
 *
 * @param list the blocklist
 * @param subject the IP address or domain asked about
 * @param query the DNS name asked
 * @param outcome the classification
 * @param answers the A records returned (as text)
 * @param meanings what the answers mean (listing reasons or refusal reasons)
 * @param txt the list's TXT explanation, when it gave one
 */
public record DnsblVerdict(
    Blocklist list,
    String subject,
    String query,
    Outcome outcome,
    List<String> answers,
    List<String> meanings,
    String txt) {

  public enum Outcome {
    /** NXDOMAIN: not listed. */
    NOT_LISTED,
    /** A listing code. */
    LISTED,
    /** A refusal code, or an answer outside 127.0.0.0/8 (a resolver rewriting NXDOMAIN). */
    REFUSED,
    /** Timeout, SERVFAIL or REFUSED rcode: unknown. */
    FAILED,
    /** The list cannot answer for this subject (IPv6 address on an IPv4-only list). */
    NOT_APPLICABLE
  }

  public DnsblVerdict {
    answers = List.copyOf(answers);
    meanings = List.copyOf(meanings);
    txt = txt == null ? "" : txt;
  }

  /** The same verdict with the list's TXT explanation. */
  public DnsblVerdict withReason(String reason) {
    return new DnsblVerdict(list, subject, query, outcome, answers, meanings, reason);
  }
}
