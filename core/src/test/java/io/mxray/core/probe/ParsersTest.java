package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure parts of the probes: EHLO extensions, port lists, NCSC grades, certificate names. */
class ParsersTest {

  @Test
  void parsesEhloExtensionsWithSizeAndAuthMechanisms() {
    SmtpExtensions e =
        SmtpExtensions.parse(
            List.of(
                "mx.example.com Hello",
                "PIPELINING",
                "SIZE 52428800",
                "8BITMIME",
                "SMTPUTF8",
                "CHUNKING",
                "DSN",
                "ENHANCEDSTATUSCODES",
                "REQUIRETLS",
                "AUTH PLAIN LOGIN",
                "AUTH=LOGIN",
                "STARTTLS"));
    assertThat(e.keywords())
        .containsExactly(
            "PIPELINING",
            "SIZE",
            "8BITMIME",
            "SMTPUTF8",
            "CHUNKING",
            "DSN",
            "ENHANCEDSTATUSCODES",
            "REQUIRETLS",
            "AUTH",
            "STARTTLS");
    assertThat(e.size()).isEqualTo(52428800L);
    assertThat(e.auth()).containsExactly("PLAIN", "LOGIN");
    assertThat(e.starttls()).isTrue();
    assertThat(e.plaintextAuth()).containsExactly("PLAIN", "LOGIN");
  }

  @Test
  void treatsTheFirstEhloLineAsTheGreetingNotAnExtension() {
    SmtpExtensions e = SmtpExtensions.parse(List.of("STARTTLS.example.com"));
    assertThat(e.starttls()).isFalse();
    assertThat(e.size()).isEqualTo(-1);
  }

  @Test
  void parsesPortListsWithImpliedAndNamedProtocols() {
    assertThat(PortSpec.parseList("25, 587,imaps:1993,smtp:2525,pop3s"))
        .containsExactly(
            new PortSpec(Service.SMTP, 25),
            new PortSpec(Service.SUBMISSION, 587),
            new PortSpec(Service.IMAPS, 1993),
            new PortSpec(Service.SMTP, 2525),
            new PortSpec(Service.POP3S, 995));
  }

  @Test
  void rejectsUnknownPortsWithoutAProtocolAndBadNumbers() {
    assertThatThrownBy(() -> PortSpec.parseList("2525")).hasMessageContaining("smtp:2525");
    assertThatThrownBy(() -> PortSpec.parseList("gopher:70"))
        .hasMessageContaining("unknown service");
    assertThatThrownBy(() -> PortSpec.parseList("smtp:70000"))
        .hasMessageContaining("between 1 and 65535");
    assertThatThrownBy(() -> PortSpec.parseList(" , ")).hasMessageContaining("no ports");
  }

  @Test
  void gradesVersionsAfterTheNcsc2025GuidelinesAsInternetNlAppliesThem() {
    assertThat(NcscGrade.ofVersion("TLSv1.3")).isEqualTo(NcscGrade.GOOD);
    assertThat(NcscGrade.ofVersion("TLSv1.2")).isEqualTo(NcscGrade.SUFFICIENT);
    // 2.1 graded these phase-out; 2025-05 grades them insufficient.
    assertThat(NcscGrade.ofVersion("TLSv1.1")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofVersion("TLSv1")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofVersion("TLSv1.0")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofVersion("SSLv3")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofVersion("TLSv9")).as("unlisted").isEqualTo(NcscGrade.INSUFFICIENT);
  }

  @Test
  void gradesSuitesFromTheTableAndEverythingUnlistedInsufficient() {
    assertThat(NcscGrade.ofCipher("TLS_AES_256_GCM_SHA384")).isEqualTo(NcscGrade.GOOD);
    assertThat(NcscGrade.ofCipher("TLS_CHACHA20_POLY1305_SHA256")).isEqualTo(NcscGrade.GOOD);
    assertThat(NcscGrade.ofCipher("TLS_AES_128_GCM_SHA256")).isEqualTo(NcscGrade.SUFFICIENT);
    assertThat(NcscGrade.ofCipher("TLS_AES_128_CCM_8_SHA256")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofCipher("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"))
        .isEqualTo(NcscGrade.SUFFICIENT);
    assertThat(NcscGrade.ofCipher("TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"))
        .isEqualTo(NcscGrade.SUFFICIENT);
    assertThat(NcscGrade.ofCipher("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"))
        .isEqualTo(NcscGrade.PHASE_OUT);
    assertThat(NcscGrade.ofCipher("TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"))
        .isEqualTo(NcscGrade.PHASE_OUT);
    // CBC with SHA-1 and static RSA key exchange: insufficient under 2025-05.
    assertThat(NcscGrade.ofCipher("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"))
        .isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofCipher("TLS_RSA_WITH_AES_128_GCM_SHA256"))
        .isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofCipher("SSL_RSA_WITH_3DES_EDE_CBC_SHA"))
        .isEqualTo(NcscGrade.INSUFFICIENT);
    for (String weak :
        List.of(
            "TLS_RSA_WITH_RC4_128_SHA",
            "TLS_RSA_WITH_NULL_SHA256",
            "TLS_ECDHE_RSA_WITH_NULL_SHA",
            "TLS_DH_anon_WITH_AES_128_CBC_SHA",
            "TLS_ECDH_anon_WITH_AES_256_CBC_SHA",
            "TLS_RSA_EXPORT_WITH_RC4_40_MD5",
            "TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_DSS_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA")) {
      assertThat(NcscGrade.ofCipher(weak)).as(weak).isEqualTo(NcscGrade.INSUFFICIENT);
    }
  }

  @Test
  void gradesKeyExchangeGroupsHashesAndSettings() {
    assertThat(NcscGrade.ofGroup("x25519")).isEqualTo(NcscGrade.GOOD);
    assertThat(NcscGrade.ofGroup("secp384r1")).isEqualTo(NcscGrade.GOOD);
    assertThat(NcscGrade.ofGroup("secp224r1")).isEqualTo(NcscGrade.PHASE_OUT);
    assertThat(NcscGrade.ofGroup("ffdhe3072")).isEqualTo(NcscGrade.PHASE_OUT);
    assertThat(NcscGrade.ofGroup("ffdhe8192")).isEqualTo(NcscGrade.PHASE_OUT);
    assertThat(NcscGrade.ofGroup("ffdhe2048")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofGroup("custom")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofGroup("modp4096"))
        .as("RFC 3526, not 7919")
        .isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofGroup("secp192r1")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofHash("SHA256")).isEqualTo(NcscGrade.GOOD);
    assertThat(NcscGrade.ofHash("sha224")).isEqualTo(NcscGrade.PHASE_OUT);
    assertThat(NcscGrade.ofHash("sha1")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofFeature("compression")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofFeature("insecure-renegotiation")).isEqualTo(NcscGrade.INSUFFICIENT);
    assertThat(NcscGrade.ofFeature("no-extended-master-secret")).isEqualTo(NcscGrade.PHASE_OUT);
    assertThat(NcscGrade.entry("suite", "TLS_AES_256_GCM_SHA384").orElseThrow().reference())
        .isEqualTo("B");
    assertThat(NcscGrade.entry("group", "ffdhe3072").orElseThrow().reference())
        .isEqualTo("3.3.3.1");
  }

  private static CertificateInfo cert(List<String> dns, String subject) {
    return new CertificateInfo(
        subject,
        "CN=ca",
        dns,
        List.of("192.0.2.1"),
        Instant.EPOCH,
        Instant.EPOCH,
        "RSA",
        2048,
        "SHA256withRSA",
        "1",
        false);
  }

  @Test
  void matchesHostnamesAsRfc6125Says() {
    CertificateInfo c =
        cert(List.of("mx1.example.com", "*.mail.example.com"), "CN=other.example.com");
    assertThat(c.matches("MX1.example.com.", false)).isTrue();
    assertThat(c.matches("a.mail.example.com", false)).isTrue();
    assertThat(c.matches("a.b.mail.example.com", false)).isFalse();
    assertThat(c.matches("mail.example.com", false)).isFalse();
    assertThat(c.matches("other.example.com", false)).as("CN ignored when SANs exist").isFalse();
    assertThat(cert(List.of(), "CN=legacy.example.com").matches("legacy.example.com", false))
        .isTrue();
    assertThat(c.matches("192.0.2.1", true)).isTrue();
  }

  @Test
  void flagsSmallKeysAndSha1Signatures() {
    CertificateInfo small =
        new CertificateInfo(
            "CN=a",
            "CN=b",
            List.of(),
            List.of(),
            Instant.EPOCH,
            Instant.EPOCH,
            "RSA",
            1024,
            "SHA1withRSA",
            "1",
            false);
    assertThat(small.keyWeak()).isTrue();
    assertThat(small.signatureWeak()).isTrue();
    assertThat(cert(List.of(), "CN=a").keyWeak()).isFalse();
    assertThat(cert(List.of(), "CN=a").signatureWeak()).isFalse();
  }
}
