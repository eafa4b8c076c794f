package io.mxray.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.headers.HeaderParser;
import io.mxray.core.message.Message;
import io.mxray.core.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DkimVerifierTest {

  static final String MESSAGE =
      "From: Alice <alice@example.com>\r\n"
          + "To: bob@example.net\r\n"
          + "Subject: Quarterly   report\r\n"
          + "Date: Mon, 23 Nov 2026 10:00:00 +0000\r\n"
          + "Message-ID: <1@example.com>\r\n"
          + "\r\n"
          + "Hello Bob,\r\n"
          + "  the numbers are in.  \r\n"
          + "\r\n"
          + "\r\n";

  static final String RSA_TAGS =
      "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=rsa;"
          + " t=1795000000; h=from:to:subject:date:message-id";

  static ZoneFileDnsClient dns() {
    String zone =
        "@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\n"
            + DkimTestSigner.zoneLine("rsa._domainkey", DkimTestSigner.RSA)
            + DkimTestSigner.zoneLine("ed._domainkey", DkimTestSigner.ED25519)
            + DkimTestSigner.zoneLine("small._domainkey", DkimTestSigner.RSA_512)
            + "revoked._domainkey IN TXT \"v=DKIM1; k=rsa; p=\"\n";
    return ZoneFileDnsClient.builder()
        .zone("example.com", zone)
        .fault("slow._domainkey.example.com", Type.TXT, DnsStatus.TIMEOUT)
        .build();
  }

  static List<DkimSignatureVerification> verify(String message) {
    Message m = HeaderParser.parse(message.getBytes(StandardCharsets.ISO_8859_1));
    return new DkimVerifier(dns(), Fixtures.CLOCK).verify(m);
  }

  static DkimSignatureResult only(String message) {
    List<DkimSignatureVerification> v = verify(message);
    assertThat(v).hasSize(1);
    return v.get(0).result();
  }

  @Test
  void passesAnRsaSha256RelaxedSignature() {
    String signed = DkimTestSigner.sign(MESSAGE, RSA_TAGS, DkimTestSigner.RSA.getPrivate());
    List<DkimSignatureVerification> v = verify(signed);
    assertThat(v)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.result()).isEqualTo(DkimSignatureResult.PASS);
              assertThat(s.domain()).isEqualTo("example.com");
              assertThat(s.selector()).isEqualTo("rsa");
              assertThat(s.keyBits()).isEqualTo(2048);
            });
  }

  @Test
  void passesASimpleSimpleSignature() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE,
            RSA_TAGS.replace("relaxed/relaxed", "simple/simple"),
            DkimTestSigner.RSA.getPrivate());
    assertThat(only(signed)).isEqualTo(DkimSignatureResult.PASS);
  }

  @Test
  void passesAnEd25519Signature() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE,
            RSA_TAGS.replace("rsa-sha256", "ed25519-sha256").replace("s=rsa", "s=ed"),
            DkimTestSigner.ED25519.getPrivate());
    assertThat(only(signed)).isEqualTo(DkimSignatureResult.PASS);
  }

  @Test
  void passesWhenThePasteUsesBareLineFeeds() {
    String signed = DkimTestSigner.sign(MESSAGE, RSA_TAGS, DkimTestSigner.RSA.getPrivate());
    assertThat(only(signed.replace("\r\n", "\n"))).isEqualTo(DkimSignatureResult.PASS);
  }

  @Test
  void relaxedSignatureSurvivesRefoldingAndTrailingWhitespace() {
    String signed = DkimTestSigner.sign(MESSAGE, RSA_TAGS, DkimTestSigner.RSA.getPrivate());
    String refolded =
        signed
            .replace("Subject: Quarterly   report", "Subject: Quarterly\r\n  report")
            .replace("in.  \r\n", "in.\r\n");
    assertThat(only(refolded)).isEqualTo(DkimSignatureResult.PASS);
  }

  @Test
  void failsWhenTheBodyWasTamperedWith() {
    String signed = DkimTestSigner.sign(MESSAGE, RSA_TAGS, DkimTestSigner.RSA.getPrivate());
    List<DkimSignatureVerification> v = verify(signed.replace("numbers are in", "numbers are out"));
    assertThat(v.get(0).result()).isEqualTo(DkimSignatureResult.FAIL);
    assertThat(v.get(0).reason()).contains("body hash");
  }

  @Test
  void failsWhenASignedHeaderWasTamperedWith() {
    String signed = DkimTestSigner.sign(MESSAGE, RSA_TAGS, DkimTestSigner.RSA.getPrivate());
    List<DkimSignatureVerification> v = verify(signed.replace("Quarterly", "Annual"));
    assertThat(v.get(0).result()).isEqualTo(DkimSignatureResult.FAIL);
    assertThat(v.get(0).reason()).contains("signature");
  }

  @Test
  void failsWhenAnExtraFromIsPrependedToASignatureThatOversignsFrom() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS.replace("h=from", "h=from:from"), DkimTestSigner.RSA.getPrivate());
    int at = signed.indexOf("From:");
    String attacked =
        signed.substring(0, at) + "From: mallory@example.org\r\n" + signed.substring(at);
    assertThat(only(attacked)).isEqualTo(DkimSignatureResult.FAIL);
  }

  @Test
  void ignoresUnsignedHeadersAddedInTransit() {
    String signed = DkimTestSigner.sign(MESSAGE, RSA_TAGS, DkimTestSigner.RSA.getPrivate());
    assertThat(
            only(
                "Received: from mx.example.net by mx.example.org; Mon, 23 Nov 2026 10:00:05 +0000\r\n"
                    + signed))
        .isEqualTo(DkimSignatureResult.PASS);
  }

  @Test
  void bodyLengthLimitLetsAppendedTextPass() {
    String signed =
        DkimTestSigner.sign(MESSAGE, RSA_TAGS + "; l=12", DkimTestSigner.RSA.getPrivate());
    List<DkimSignatureVerification> v = verify(signed + "Appended by a list\r\n");
    assertThat(v.get(0).result()).isEqualTo(DkimSignatureResult.PASS);
    assertThat(v.get(0).bodyLength()).isEqualTo(12);
  }

  @Test
  void reportsExpiredSignaturesAsNeutralUsingTheInjectedClock() {
    String signed =
        DkimTestSigner.sign(MESSAGE, RSA_TAGS + "; x=1795000100", DkimTestSigner.RSA.getPrivate());
    assertThat(only(signed)).isEqualTo(DkimSignatureResult.NEUTRAL);
  }

  @Test
  void rejectsRsaSha1EvenWhenItVerifies() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS.replace("rsa-sha256", "rsa-sha1"), DkimTestSigner.RSA.getPrivate());
    List<DkimSignatureVerification> v = verify(signed);
    assertThat(v.get(0).result()).isEqualTo(DkimSignatureResult.PERMERROR);
    assertThat(v.get(0).reason()).contains("RFC 8301");
  }

  @Test
  void rejectsRsaKeysShorterThan1024Bits() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS.replace("s=rsa", "s=small"), DkimTestSigner.RSA_512.getPrivate());
    assertThat(only(signed)).isEqualTo(DkimSignatureResult.PERMERROR);
    DkimSignatureVerification v = verify(signed).get(0);
    assertThat(v.problem()).isEqualTo(DkimProblem.KEY_TOO_SHORT);
    assertThat(v.reason()).contains("RFC 8301 §3.2");
  }

  @Test
  void namesRfc8301WhenRejectingAVerifiedRsaSha1Signature() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS.replace("rsa-sha256", "rsa-sha1"), DkimTestSigner.RSA.getPrivate());
    DkimSignatureVerification v = verify(signed).get(0);
    assertThat(v.problem()).isEqualTo(DkimProblem.SHA1_NOT_ACCEPTED);
    assertThat(v.reason()).contains("RFC 8301 §3.1");
  }

  @Test
  void decodesADkimQuotedPrintableIdentityBeforeComparingItWithTheDomain() {
    // RFC 6376 §2.11/§3.5: i= is dkim-quoted-printable; some signers encode the "@" or other
    // octets. Failed with "i= domain =40mail.example.com is not d=" (permerror) before.
    String encodedAt =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS + "; i==40mail.example.com", DkimTestSigner.RSA.getPrivate());
    assertThat(only(encodedAt)).isEqualTo(DkimSignatureResult.PASS);
    assertThat(verify(encodedAt).get(0).identity()).isEqualTo("@mail.example.com");
    String encodedLocal =
        DkimTestSigner.sign(
            MESSAGE,
            RSA_TAGS + "; i=joe=3Dbloggs=C3=A9@example.com",
            DkimTestSigner.RSA.getPrivate());
    assertThat(only(encodedLocal)).isEqualTo(DkimSignatureResult.PASS);
    assertThat(verify(encodedLocal).get(0).identity()).isEqualTo("joe=bloggsé@example.com");
  }

  @Test
  void stillRejectsADecodedIdentityOutsideTheSigningDomain() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS + "; i==40example.org", DkimTestSigner.RSA.getPrivate());
    DkimSignatureVerification v = verify(signed).get(0);
    assertThat(v.result()).isEqualTo(DkimSignatureResult.PERMERROR);
    assertThat(v.problem()).isEqualTo(DkimProblem.MALFORMED);
    assertThat(v.reason()).contains("example.org");
  }

  @Test
  void missingAndRevokedKeysArePermErrors() {
    String missing =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS.replace("s=rsa", "s=gone"), DkimTestSigner.RSA.getPrivate());
    String revoked =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS.replace("s=rsa", "s=revoked"), DkimTestSigner.RSA.getPrivate());
    assertThat(only(missing)).isEqualTo(DkimSignatureResult.PERMERROR);
    assertThat(only(revoked)).isEqualTo(DkimSignatureResult.PERMERROR);
  }

  @Test
  void dnsTimeoutIsATempErrorNotAFailure() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS.replace("s=rsa", "s=slow"), DkimTestSigner.RSA.getPrivate());
    assertThat(only(signed)).isEqualTo(DkimSignatureResult.TEMPERROR);
  }

  @Test
  void keyTypeMismatchIsAPermError() {
    String signed =
        DkimTestSigner.sign(
            MESSAGE, RSA_TAGS.replace("s=rsa", "s=ed"), DkimTestSigner.RSA.getPrivate());
    assertThat(only(signed)).isEqualTo(DkimSignatureResult.PERMERROR);
  }

  @Test
  void malformedSignaturesArePermErrorsWithTheirDomain() {
    List<DkimSignatureVerification> v =
        verify("DKIM-Signature: v=1; d=example.com; s=x; b=abc\r\n" + MESSAGE);
    assertThat(v.get(0).result()).isEqualTo(DkimSignatureResult.PERMERROR);
    assertThat(v.get(0).domain()).isEqualTo("example.com");
  }

  @Test
  void headersOnlyPasteVerifiesTheHeaderSignatureButNotTheBody() {
    String signed = DkimTestSigner.sign(MESSAGE, RSA_TAGS, DkimTestSigner.RSA.getPrivate());
    String headersOnly = signed.substring(0, signed.indexOf("\r\n\r\n") + 2);
    List<DkimSignatureVerification> v = verify(headersOnly);
    assertThat(v.get(0).result()).isEqualTo(DkimSignatureResult.NEUTRAL);
    assertThat(v.get(0).reason()).contains("header signature verified");
  }

  @Test
  void canonicalizesBodiesAsTheRfcExamplesSay() {
    // RFC 6376 §3.4.5
    String body = " C \r\nD \t E\r\n\r\n\r\n";
    assertThat(Canonicalization.body(body, true)).isEqualTo(" C\r\nD E\r\n");
    assertThat(Canonicalization.body(body, false)).isEqualTo(" C \r\nD \t E\r\n");
    assertThat(Canonicalization.header("A: X", true)).isEqualTo("a:X");
    assertThat(Canonicalization.header("B : Y\t\r\n\tZ  ", true)).isEqualTo("b:Y Z");
    assertThat(Canonicalization.body("", false)).isEqualTo("\r\n");
    assertThat(Canonicalization.body("", true)).isEmpty();
  }
}
