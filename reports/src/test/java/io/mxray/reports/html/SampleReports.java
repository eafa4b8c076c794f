package io.mxray.reports.html;

import io.mxray.core.audit.AuditReport;
import io.mxray.core.audit.CheckId;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.DnsQuery;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.mx.MxCodes;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-built reports with fixed timings, so golden files are stable. */
final class SampleReports {

  static final String HOSTILE = "<script>alert(1)</script>\"'&";

  private SampleReports() {}

  static AuditReport mixed() {
    Map<String, Object> mx1 = new LinkedHashMap<>();
    mx1.put("preference", 10);
    mx1.put("host", "mx1.example.com");
    mx1.put("addresses", List.of("192.0.2.10", "2001:db8::10"));
    Map<String, Object> mx2 = new LinkedHashMap<>();
    mx2.put("preference", 20);
    mx2.put("host", "mx2.example.com");
    mx2.put("addresses", List.of());
    CheckResult mx =
        CheckResult.builder(CheckId.of("mx"), "Mail exchangers (MX)")
            .add(
                Finding.of(
                        MxCodes.MX_NO_ADDRESS,
                        "mx2.example.com",
                        "MX host mx2.example.com has no address.")
                    .withRemediation("mx2.example.com. IN A 192.0.2.20"))
            .fact("lookup", "NOERROR")
            .fact("mx", List.of(mx1, mx2))
            .build()
            .withDuration(12);
    Map<String, Object> ptr = new LinkedHashMap<>();
    ptr.put("ip", "192.0.2.10");
    ptr.put("mx", "mx1.example.com");
    ptr.put("names", List.of(HOSTILE));
    ptr.put("forwardConfirmed", false);
    CheckResult ptrCheck =
        CheckResult.builder(CheckId.of("ptr"), "Reverse DNS of mail exchangers (PTR, FCrDNS)")
            .add(
                Finding.of(
                        MxCodes.PTR_MISMATCH,
                        "192.0.2.10",
                        "The PTR name " + HOSTILE + " does not point back.")
                    .withEvidence("10.2.0.192.in-addr.arpa. PTR " + HOSTILE))
            .fact("ptr", List.of(ptr))
            .build()
            .withDuration(7);
    CheckResult ns =
        CheckResult.builder(CheckId.of("ns"), "Name servers (NS)")
            .add(
                Finding.of(MxCodes.NS_SINGLE, "example.com", "Only one name server is listed.")
                    .withSeverity(Severity.WARN)
                    .withRemediation("example.com. IN NS ns2.example.net."))
            .fact("zone", "example.com")
            .fact("extra", Map.of("note", HOSTILE))
            .build()
            .withDuration(3);
    return new AuditReport(
        "example.com",
        Severity.FAIL,
        List.of(mx, ptrCheck, ns),
        List.of(
            new DnsQuery("example.com", "MX", DnsStatus.NOERROR, 4, 2, ""),
            new DnsQuery("10.2.0.192.in-addr.arpa", "PTR", DnsStatus.NOERROR, 2, 1, "")),
        Instant.parse("2026-11-23T12:00:00Z"),
        25);
  }
}
