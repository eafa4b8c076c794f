package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DANE over the lab's DNSSEC-signed zone: Knot signs {@code dane.example} and serves TLSA records
 * computed from the lab PKI; the validator starts from the zone's key (--trust-anchor, exported by
 * the lab), and the chains come from real Postfix over STARTTLS on 127.0.0.10/11:25. See
 * scripts/lab.d/10-dns.sh for the zones.
 */
class DaneSignedLabIT {

  private static JsonNode audit(String domain) {
    CliHarness.Run r =
        CliHarness.run(
            "audit",
            domain,
            "--resolver",
            Lab.require("LAB_DNS"),
            "--timeout",
            "2s",
            "--trust-anchor",
            Lab.require("LAB_DNSSEC_ANCHOR"),
            "--check",
            "dane",
            "--assume-public",
            "127.0.0.0/8",
            "--check-timeout",
            "30s",
            "--format",
            "json");
    JsonNode dane = r.json().get("checks").get(0);
    assertThat(dane.get("id").asText()).isEqualTo("dane");
    assertThat(dane.get("facts").get("dnssecSource").asText())
        .as("DNSSEC decided by the validator")
        .isEqualTo("validator");
    return dane;
  }

  private static List<String> codes(JsonNode dane, String subject) {
    List<String> out = new ArrayList<>();
    dane.get("findings")
        .forEach(
            f -> {
              if (f.get("subject").asText().equals(subject)) {
                out.add(f.get("code").asText());
              }
            });
    return out;
  }

  private static JsonNode host(JsonNode dane, String host) {
    for (JsonNode h : dane.get("facts").get("mx")) {
      if (h.get("host").asText().equals(host)) {
        return h;
      }
    }
    throw new AssertionError("no facts for " + host + " in " + dane);
  }

  @Test
  void signedRecordsMatchingThePostfixCertificateValidateAndMatch() {
    JsonNode dane = audit(Lab.require("LAB_DANE_DOMAIN"));
    for (String h : List.of("match.dane.example", "rollover.dane.example")) {
      assertThat(host(dane, h).get("dnssec").asText()).as(h).isEqualTo("secure");
      assertThat(host(dane, h).get("chainSeen").asBoolean())
          .as(h + ": Postfix presented its chain")
          .isTrue();
      assertThat(codes(dane, h))
          .as(h)
          .doesNotContain("dane.mismatch", "dane.insecure", "dane.bogus", "dane.indeterminate");
    }
    assertThat(codes(dane, "match.dane.example")).containsExactly("dane.no-rollover");
    assertThat(codes(dane, "rollover.dane.example")).containsExactly("dane.ok");
    assertThat(dane.get("facts").get("mxDnssec").asText()).isEqualTo("secure");
  }

  @Test
  void signedRecordsForOtherKeysAreAMismatch() {
    JsonNode dane = audit(Lab.require("LAB_DANE_DOMAIN"));
    assertThat(host(dane, "mismatch.dane.example").get("dnssec").asText()).isEqualTo("secure");
    assertThat(codes(dane, "mismatch.dane.example")).containsExactly("dane.mismatch");
  }

  @Test
  void recordsInAnUnsignedChildZoneAreInsecure() {
    JsonNode dane = audit("insecure." + Lab.require("LAB_DANE_DOMAIN"));
    assertThat(host(dane, "mx.insecure.dane.example").get("dnssec").asText()).isEqualTo("insecure");
    assertThat(codes(dane, "mx.insecure.dane.example")).containsExactly("dane.insecure");
  }

  @Test
  void recordsUnderADsThatMatchesNoKeyAreBogus() {
    JsonNode dane = audit("bogus." + Lab.require("LAB_DANE_DOMAIN"));
    assertThat(host(dane, "mx.bogus.dane.example").get("dnssec").asText()).isEqualTo("bogus");
    assertThat(codes(dane, "mx.bogus.dane.example"))
        .contains("dane.bogus")
        .doesNotContain("dane.insecure");
    assertThat(codes(dane, "bogus.dane.example")).containsExactly("dane.bogus");
  }
}
