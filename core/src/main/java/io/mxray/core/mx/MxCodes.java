package io.mxray.core.mx;

import io.mxray.core.finding.CodeInfo;
import io.mxray.core.finding.FindingCode;
import io.mxray.core.finding.RfcRef;
import io.mxray.core.finding.Severity;

/** Findings of the MX, PTR and NS checks. */
public enum MxCodes implements FindingCode {
  MX_OK(
      "mx.ok",
      Severity.PASS,
      RfcRef.rfc(5321, "5.1"),
      "Mail exchangers are published and resolve to public addresses."),
  MX_NXDOMAIN(
      "mx.nxdomain",
      Severity.FAIL,
      RfcRef.rfc(8020, "2"),
      "The domain does not exist in the DNS (NXDOMAIN)."),
  MX_MISSING(
      "mx.missing",
      Severity.WARN,
      RfcRef.rfc(5321, "5.1"),
      "No MX records: senders fall back to the domain's A/AAAA (implicit MX), or cannot deliver at all."),
  MX_NULL(
      "mx.null",
      Severity.WARN,
      RfcRef.rfc(7505, "3"),
      "Null MX: the domain declares it accepts no mail (INFO when SPF also says v=spf1 -all)."),
  MX_NULL_MIXED(
      "mx.null-mixed",
      Severity.FAIL,
      RfcRef.rfc(7505, "3"),
      "A null MX is published next to other MX records; RFC 7505 requires it to be the only one."),
  MX_CNAME(
      "mx.cname",
      Severity.WARN,
      RfcRef.rfc(2181, "10.3"),
      "An MX target is an alias (CNAME); it must be a host name with addresses."),
  MX_IP_LITERAL(
      "mx.ip-literal",
      Severity.FAIL,
      RfcRef.rfc(7505, "2"),
      "An MX target is an IP address written as a name; MX targets must be host names."),
  MX_NO_ADDRESS(
      "mx.no-address",
      Severity.FAIL,
      RfcRef.rfc(5321, "5.1"),
      "An MX host has no A or AAAA record."),
  MX_DUPLICATE(
      "mx.duplicate",
      Severity.WARN,
      RfcRef.rfc(5321, "5.1"),
      "The same MX host is listed more than once."),
  MX_PRIVATE_ADDRESS(
      "mx.private-address",
      Severity.FAIL,
      RfcRef.rfc(6890, "2.2"),
      "An MX host resolves into private, loopback, link-local or reserved address space."),
  MX_NO_IPV6("mx.no-ipv6", Severity.INFO, RfcRef.rfc(3974, "3"), "No MX host has an IPv6 address."),
  PTR_OK(
      "ptr.ok",
      Severity.PASS,
      RfcRef.rfc(1912, "2.1"),
      "Every MX address has forward-confirmed reverse DNS."),
  PTR_MISSING(
      "ptr.missing",
      Severity.WARN,
      RfcRef.rfc(1912, "2.1"),
      "An MX address has no PTR record (reverse DNS)."),
  PTR_MISMATCH(
      "ptr.mismatch",
      Severity.WARN,
      RfcRef.rfc(8601, "2.7.3"),
      "Forward-confirmed reverse DNS fails: the PTR name does not resolve back to the address."),
  PTR_GENERIC(
      "ptr.generic",
      Severity.WARN,
      RfcRef.doc("S25R", "rules 1-6"),
      "The reverse DNS name looks dynamic or generic (S25R); receivers often refuse direct mail from such hosts."),
  NS_OK(
      "ns.ok",
      Severity.PASS,
      RfcRef.rfc(2182, "5"),
      "Every listed name server answers authoritatively."),
  NS_MISSING(
      "ns.missing",
      Severity.FAIL,
      RfcRef.rfc(1034, "4.2.1"),
      "No NS records were found for the domain or any parent zone."),
  NS_SINGLE(
      "ns.single",
      Severity.WARN,
      RfcRef.rfc(2182, "5"),
      "Only one name server is listed; at least two are required."),
  NS_SAME_NETWORK(
      "ns.same-network",
      Severity.INFO,
      RfcRef.rfc(2182, "3.1"),
      "All name servers share one /24 (IPv4) network: one outage takes them all down."),
  NS_NO_ADDRESS(
      "ns.no-address",
      Severity.FAIL,
      RfcRef.rfc(1034, "4.2.1"),
      "A listed name server has no A or AAAA record."),
  NS_LAME(
      "ns.lame",
      Severity.FAIL,
      RfcRef.rfc(1912, "2.8"),
      "A listed name server does not answer authoritatively for the zone (lame delegation)."),
  NS_UNREACHABLE(
      "ns.unreachable",
      Severity.INCONCLUSIVE,
      RfcRef.rfc(1035, "4.2.1"),
      "A listed name server did not answer; whether it is lame is unknown."),
  NS_SERIAL_MISMATCH(
      "ns.serial-mismatch",
      Severity.WARN,
      RfcRef.rfc(1996, "1"),
      "The name servers hand out different SOA serials: zone transfers lag or a server is stale.");

  private final CodeInfo info;

  MxCodes(String id, Severity severity, RfcRef rfc, String summary) {
    this.info = new CodeInfo(id, severity, rfc, summary);
  }

  @Override
  public CodeInfo info() {
    return info;
  }
}
