package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mxray.core.dane.TlsaMatcher;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DANE against the lab's real Postfix on 127.0.0.10:25: TLSA records computed from the lab's own
 * certificates match (DANE-EE and DANE-TA), and records for another key do not. The zone is a zone
 * file (so not DNSSEC-signed: dane.insecure is expected too).
 */
class DaneLabIT {

  @TempDir Path dir;

  private static X509Certificate cert(Path p) throws Exception {
    try (InputStream in = Files.newInputStream(p)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b).toUpperCase();
  }

  private List<String> audit(String tlsa1, String tlsa2) throws Exception {
    String host = Lab.require("LAB_MAIL_GOOD");
    Path zone = dir.resolve("dane.test.zone");
    Files.writeString(
        zone,
        String.join(
            "\n",
            "$ORIGIN dane.test.",
            "@ IN SOA ns hm 1 2 3 4 5",
            "@ IN NS ns",
            "@ IN MX 10 mx",
            "mx IN A " + host,
            "_25._tcp.mx IN TLSA " + tlsa1,
            "_25._tcp.mx IN TLSA " + tlsa2,
            ""));
    CliHarness.Run r =
        CliHarness.run(
            "audit",
            "dane.test",
            "--zone-file",
            zone.toString(),
            "--check",
            "dane",
            "--assume-public",
            "127.0.0.0/8",
            "--check-timeout",
            "30s",
            "--format",
            "json");
    JsonNode json = r.json();
    List<String> codes = new ArrayList<>();
    json.get("checks")
        .forEach(c -> c.get("findings").forEach(f -> codes.add(f.get("code").asText())));
    assertThat(json.get("checks").get(0).get("facts").get("mx").get(0).get("chainSeen").asBoolean())
        .as("the DANE check saw the chain Postfix presented")
        .isTrue();
    return codes;
  }

  @Test
  void matchesTlsaRecordsComputedFromTheServersCertificates() throws Exception {
    Path pki = Path.of(Lab.require("LAB_MAIL_CA")).getParent();
    X509Certificate leaf = cert(pki.resolve("mx1.lab.example.crt"));
    X509Certificate ca = cert(pki.resolve("ca.crt"));
    List<String> codes =
        audit(
            "3 1 1 " + hex(TlsaMatcher.associationData(leaf, 1, 1)),
            "2 1 1 " + hex(TlsaMatcher.associationData(ca, 1, 1)));
    assertThat(codes).contains("dane.insecure").doesNotContain("dane.mismatch", "dane.no-rollover");
  }

  @Test
  void reportsAMismatchWhenNoRecordMatchesTheLiveCertificate() throws Exception {
    List<String> codes = audit("3 1 1 " + "AB".repeat(32), "3 1 1 " + "CD".repeat(32));
    assertThat(codes).contains("dane.mismatch");
  }
}
