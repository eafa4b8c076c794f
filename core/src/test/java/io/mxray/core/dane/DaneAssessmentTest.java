package io.mxray.core.dane;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dnssec.DnssecStatus;
import io.mxray.core.finding.Finding;
import io.mxray.core.finding.Severity;
import io.mxray.core.testing.TestCertificates;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DaneAssessmentTest {

  static TestCertificates.Issued ca;
  static TestCertificates.Issued leaf;
  static TestCertificates.Issued other;
  static List<X509Certificate> chain;

  @BeforeAll
  static void certificates() {
    ca = TestCertificates.ca("Lab CA");
    leaf = TestCertificates.leaf(ca, "mx1.good.example");
    other = TestCertificates.leaf(ca, "mx1.good.example");
    chain = List.of(leaf.certificate(), ca.certificate());
  }

  private static Tlsa tlsa(int usage, int selector, int type, X509Certificate cert) {
    return new Tlsa(usage, selector, type, TlsaMatcher.associationData(cert, selector, type));
  }

  private static List<String> codes(List<Finding> fs) {
    return fs.stream().map(Finding::codeId).toList();
  }

  private static List<Finding> assess(List<Tlsa> records, boolean secure) {
    return DaneAssessment.assess(
        "mx1.good.example", "_25._tcp.mx1.good.example", records, secure, chain);
  }

  @Test
  void passesSecureMatchingRecordsWithARolloverRecord() {
    assertThat(
            codes(
                assess(
                    List.of(tlsa(3, 1, 1, leaf.certificate()), tlsa(3, 1, 1, other.certificate())),
                    true)))
        .containsExactly("dane.ok");
    assertThat(
            codes(
                assess(
                    List.of(tlsa(3, 1, 1, leaf.certificate()), tlsa(2, 1, 1, ca.certificate())),
                    true)))
        .containsExactly("dane.ok");
  }

  @Test
  void matchesEveryMatchingTypeAndSelector() {
    for (int selector = 0; selector <= 1; selector++) {
      for (int type = 0; type <= 2; type++) {
        assertThat(TlsaMatcher.match(tlsa(3, selector, type, leaf.certificate()), chain))
            .contains(0);
        assertThat(TlsaMatcher.match(tlsa(2, selector, type, ca.certificate()), chain)).contains(1);
      }
    }
    // DANE-EE never matches an issuer; DANE-TA never matches the leaf.
    assertThat(TlsaMatcher.match(tlsa(3, 1, 1, ca.certificate()), chain)).isEmpty();
    assertThat(TlsaMatcher.match(tlsa(2, 1, 1, leaf.certificate()), chain)).isEmpty();
  }

  @Test
  void failsWhenNoUsableRecordMatchesAndSaysWhatToPublish() {
    List<Finding> fs =
        assess(
            List.of(tlsa(3, 1, 1, other.certificate()), tlsa(3, 1, 2, other.certificate())), true);
    assertThat(codes(fs)).containsExactly("dane.mismatch");
    assertThat(fs.get(0).remediation())
        .contains(
            "IN TLSA 3 1 1 "
                + HexFormat.of()
                    .formatHex(TlsaMatcher.associationData(leaf.certificate(), 1, 1))
                    .toUpperCase());
  }

  @Test
  void warnsThatRecordsWithoutDnssecAreIgnored() {
    assertThat(
            codes(
                assess(
                    List.of(tlsa(3, 1, 1, leaf.certificate()), tlsa(3, 1, 1, other.certificate())),
                    false)))
        .containsExactly("dane.insecure");
  }

  @Test
  void warnsAboutASingleRecordWithoutRollover() {
    assertThat(codes(assess(List.of(tlsa(3, 1, 1, leaf.certificate())), true)))
        .containsExactly("dane.no-rollover");
  }

  @Test
  void flagsPkixUsagesAndMalformedRecords() {
    List<Finding> fs =
        assess(
            List.of(
                tlsa(1, 1, 1, leaf.certificate()),
                new Tlsa(3, 1, 1, new byte[5]),
                tlsa(3, 1, 1, leaf.certificate()),
                tlsa(3, 1, 1, other.certificate())),
            true);
    assertThat(codes(fs)).containsExactlyInAnyOrder("dane.unusable-usage", "dane.invalid");
  }

  @Test
  void bogusRecordsAreAFailureAndStillCheckedAgainstTheChain() {
    List<Finding> fs =
        DaneAssessment.assess(
            "mx1.good.example",
            "_25._tcp.mx1.good.example",
            List.of(tlsa(3, 1, 1, other.certificate()), tlsa(2, 1, 1, other.certificate())),
            new TlsaTrust(
                DnssecStatus.BOGUS, "_25._tcp.mx1.good.example TLSA", "signature does not verify"),
            chain);
    assertThat(codes(fs)).containsExactly("dane.bogus", "dane.mismatch");
    assertThat(fs.get(0).message()).contains("signature does not verify").contains("defer");
    assertThat(fs.get(0).severity()).isEqualTo(Severity.FAIL);
  }

  @Test
  void anUnknownDnssecStatusIsInconclusiveAndNeverPasses() {
    List<Finding> fs =
        DaneAssessment.assess(
            "mx1.good.example",
            "_25._tcp.mx1.good.example",
            List.of(tlsa(3, 1, 1, leaf.certificate()), tlsa(3, 1, 1, other.certificate())),
            new TlsaTrust(
                DnssecStatus.INDETERMINATE,
                "_25._tcp.mx1.good.example TLSA",
                "no answer within 30000 ms"),
            chain);
    assertThat(codes(fs)).containsExactly("dane.indeterminate");
    assertThat(fs.get(0).severity()).isEqualTo(Severity.INCONCLUSIVE);
  }

  @Test
  void secureTlsaOnInsecureAddressRecordsNamesTheAddressRecords() {
    List<Finding> fs =
        DaneAssessment.assess(
            "mx1.good.example",
            "_25._tcp.mx1.good.example",
            List.of(tlsa(3, 1, 1, leaf.certificate()), tlsa(3, 1, 1, other.certificate())),
            new TlsaTrust(DnssecStatus.INSECURE, "mx1.good.example A", ""),
            chain);
    assertThat(codes(fs)).containsExactly("dane.insecure");
    assertThat(fs.get(0).message()).contains("address records (mx1.good.example A)");
  }

  @Test
  void saysMissingAndOffersTheRecordToPublish() {
    List<Finding> fs = assess(List.of(), false);
    assertThat(codes(fs)).containsExactly("dane.missing");
    assertThat(fs.get(0).remediation()).startsWith("_25._tcp.mx1.good.example. IN TLSA 3 1 1 ");
  }
}
