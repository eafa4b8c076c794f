package io.mxray.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code mxray probe} end to end against the lab's real Postfix and Dovecot
 * (scripts/lab.d/20-mail.sh) on loopback, with names resolved by the lab's Knot. Each lab host is
 * one server personality.
 */
class ProbeLabIT {

  private static String ports(String... services) {
    Map<String, String> env = Lab.env();
    List<String> out = new ArrayList<>();
    for (String s : services) {
      String key = "LAB_" + s.toUpperCase(java.util.Locale.ROOT) + "_PORT";
      out.add(s + ":" + Lab.require(key));
    }
    assertThat(env).isNotEmpty();
    return String.join(",", out);
  }

  private static CliHarness.Run probe(String host, String ports, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "probe",
                host,
                "--ports",
                ports,
                "--resolver",
                Lab.require("LAB_DNS"),
                "--timeout",
                "3s",
                "--deadline",
                "25s",
                "--format",
                "json"));
    args.addAll(List.of(extra));
    return CliHarness.run(args.toArray(String[]::new));
  }

  /** port → codes found there. */
  private static Map<Integer, List<String>> codes(JsonNode json) {
    Map<Integer, List<String>> out = new TreeMap<>();
    json.get("ports")
        .forEach(
            p -> {
              List<String> c = new ArrayList<>();
              p.get("findings").forEach(f -> c.add(f.get("code").asText()));
              out.put(p.get("port").asInt(), c);
            });
    return out;
  }

  private static List<String> all(JsonNode json) {
    List<String> out = new ArrayList<>();
    codes(json).values().forEach(out::addAll);
    json.get("findings").forEach(f -> out.add(f.get("code").asText()));
    return out;
  }

  @Test
  void theWellRunServerPassesOnAllSevenPorts() {
    // mx1's IPv4 address only (its ::1 carries SMTP alone): the seven ports of one address.
    List<String> args =
        new ArrayList<>(
            List.of(
                "probe",
                "mx1.lab.example",
                "--ports",
                ports("smtp", "submission", "smtps", "pop3", "pop3s", "imap", "imaps"),
                "--zone-file",
                Lab.require("LAB_MX1_V4_ZONE"),
                "--timeout",
                "3s",
                "--deadline",
                "40s",
                "--format",
                "json",
                "--ca-file",
                Lab.require("LAB_MAIL_CA")));
    CliHarness.Run r = CliHarness.run(args.toArray(String[]::new));
    JsonNode json = r.json();
    assertThat(json.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(json.get("ports")).hasSize(7);
    assertThat(all(json)).as(r.out()).containsOnly("smtp.ok", "tls.ok", "pop3.ok", "imap.ok");
    for (JsonNode p : json.get("ports")) {
      assertThat(p.get("reachable").asBoolean()).isTrue();
      assertThat(p.get("tls").get("established").asBoolean()).isTrue();
      assertThat(p.get("tls").get("versions").get("TLSv1").asText()).isEqualTo("refused");
      assertThat(p.get("tls").get("versions").get("TLSv1.3").asText()).isEqualTo("accepted");
      JsonNode scan = p.get("tls").get("scan");
      assertThat(scan.get("status").asText()).isEqualTo("complete");
      assertThat(scan.get("secureRenegotiation").asText()).isEqualTo("yes");
      assertThat(scan.get("extendedMasterSecret").asText()).isEqualTo("yes");
      assertThat(scan.get("compression").asText()).isEqualTo("no");
      assertThat(scan.get("groups").get("x25519").asText()).isEqualTo("accepted");
      assertThat(scan.get("kexHashes").get("sha1").asText()).isEqualTo("refused");
      assertThat(p.get("transcript").size()).isGreaterThan(2);
      assertThat(p.get("timings").has("connectMs")).isTrue();
    }
    JsonNode submission = json.get("ports").get(1);
    assertThat(submission.get("facts").get("authBeforeTls")).isEmpty();
    assertThat(submission.get("facts").get("authAfterTls").toString()).contains("PLAIN");
    assertThat(r.exitCode()).isEqualTo(0);
  }

  @Test
  void aPrivateCaIsUntrustedWithoutCaFileAndWorseWhereClientsConnect() {
    JsonNode json = probe("mx1.lab.example", ports("smtp", "submission"), "--no-tls-scan").json();
    JsonNode smtp = json.get("ports").get(0);
    JsonNode sub = json.get("ports").get(1);
    assertThat(smtp.get("findings").toString())
        .contains("\"code\":\"tls.cert-untrusted\"", "\"severity\":\"warn\"");
    assertThat(sub.get("findings").toString())
        .contains("\"code\":\"tls.cert-untrusted\"", "\"severity\":\"fail\"");
  }

  @Test
  void theBadServerIsAnOpenRelayWithEveryPasswordInClear() {
    CliHarness.Run r = probe("bad.lab.example", ports("smtp", "pop3", "imap"), "--relay-test");
    Map<Integer, List<String>> codes = codes(r.json());
    assertThat(all(r.json()))
        .contains(
            "smtp.open-relay",
            "smtp.starttls-missing",
            "smtp.auth-plaintext",
            "pop3.plaintext-auth",
            "pop3.apop",
            "pop3.stls-missing",
            "imap.plaintext-auth",
            "imap.starttls-missing");
    assertThat(codes).hasSize(3);
    assertThat(r.exitCode()).isEqualTo(2);
  }

  @Test
  void certificateProblemsAreNamedOnePerServer() {
    String ca = Lab.require("LAB_MAIL_CA");
    assertThat(
            all(
                probe("expired.lab.example", ports("smtp"), "--ca-file", ca, "--no-tls-scan")
                    .json()))
        .contains("tls.cert-expired")
        .doesNotContain("tls.cert-untrusted");
    assertThat(
            all(
                probe("expiring.lab.example", ports("smtp"), "--ca-file", ca, "--no-tls-scan")
                    .json()))
        .contains("tls.cert-expiring")
        .doesNotContain("tls.cert-expired");
    assertThat(
            all(
                probe("selfsigned.lab.example", ports("smtp"), "--ca-file", ca, "--no-tls-scan")
                    .json()))
        .contains("tls.cert-self-signed");
  }

  @Test
  void theLegacyServerAcceptsTls10WeakCiphersAndAWeakWrongNameCertificate() {
    JsonNode json =
        probe("legacy.lab.example", ports("smtp"), "--ca-file", Lab.require("LAB_MAIL_CA")).json();
    assertThat(all(json))
        .contains(
            "tls.protocol-obsolete",
            "tls.cipher-weak",
            "tls.key-weak",
            "tls.cert-hostname-mismatch",
            "smtp.banner-mismatch");
    JsonNode tls = json.get("ports").get(0).get("tls");
    assertThat(tls.get("versions").get("TLSv1").asText()).isEqualTo("accepted");
  }

  @Test
  void theAuditProbesTheLabDomainsMxHostsOnPort25() {
    CliHarness.Run r =
        CliHarness.run(
            "audit",
            "lab.example",
            "--check",
            "smtp",
            "--resolver",
            Lab.require("LAB_DNS"),
            "--timeout",
            "3s",
            "--assume-public",
            "127.0.0.0/8,::1/128",
            "--format",
            "json");
    JsonNode smtp = r.json().get("checks").get(0);
    assertThat(smtp.get("id").asText()).isEqualTo("smtp");
    // Every address: mx1 on 127.0.0.10 and ::1, mx2 on 127.0.0.11.
    assertThat(smtp.get("facts").get("smtp")).hasSize(3);
    assertThat(smtp.get("facts").get("smtp").toString()).contains("\"ip\":\"::1\"");
    assertThat(smtp.get("facts").get("smtp").get(0).get("reachable").asBoolean()).isTrue();
    assertThat(smtp.get("facts").get("smtp").get(0).get("tls").get("established").asBoolean())
        .isTrue();
    // The lab's CA is private, so port 25 is trusted only with a CA the audit does not know.
    assertThat(smtp.get("findings").toString())
        .contains("tls.cert-untrusted")
        .doesNotContain("smtp.unreachable");
  }
}
