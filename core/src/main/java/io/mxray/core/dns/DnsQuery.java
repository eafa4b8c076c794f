package io.mxray.core.dns;

/**
 * One entry of an audit's DNS query log.
 *
 * @param name the name asked
 * @param type the RR type mnemonic ("MX")
 * @param status outcome
 * @param millis time taken
 * @param answers number of records returned
 * @param server the server asked directly, or empty for resolver queries
 */
public record DnsQuery(
    String name, String type, DnsStatus status, long millis, int answers, String server) {

  static DnsQuery of(DnsAnswer a, String directServer) {
    return new DnsQuery(
        a.name(), a.typeName(), a.status(), a.millis(), a.records().size(), directServer);
  }
}
