package io.mxray.core.dkim;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.syntax.TagList;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DkimKeyRecordTest {

  private static String rsaKey(int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    return Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
  }

  @Test
  void parsesAnRsaKeyAndMeasuresItsModulus() throws Exception {
    DkimKeyRecord r = DkimKeyRecord.parse("v=DKIM1; k=rsa; p=" + rsaKey(1024));
    assertThat(r.valid()).isTrue();
    assertThat(r.keyBits()).isEqualTo(1024);
    assertThat(r.publicKey()).isPresent();
  }

  @Test
  void parsesARawEd25519Key() {
    String raw = Base64.getEncoder().encodeToString(new byte[32]);
    // RFC 8463 §A.2 example key.
    DkimKeyRecord r =
        DkimKeyRecord.parse("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    assertThat(r.valid()).isTrue();
    assertThat(r.isEd25519()).isTrue();
    assertThat(r.keyBits()).isEqualTo(256);
    assertThat(raw).isNotEmpty();
  }

  @Test
  void treatsAnEmptyKeyAsRevoked() {
    assertThat(DkimKeyRecord.parse("v=DKIM1; p=").revoked()).isTrue();
  }

  @Test
  void readsTestingFlags() {
    assertThat(DkimKeyRecord.parse("v=DKIM1; t=y:s; p=").testing()).isTrue();
  }

  @Test
  void rejectsGarbageWithAReason() {
    assertThat(DkimKeyRecord.parse("v=DKIM1; p=!!!").error()).contains("base64");
    assertThat(DkimKeyRecord.parse("v=DKIM1; k=rsa").error()).contains("p=");
    assertThat(DkimKeyRecord.parse("k=rsa; v=DKIM1; p=").error()).contains("first");
    assertThat(DkimKeyRecord.parse("v=DKIM1; p=AAAA").error()).contains("not a valid rsa");
  }

  @Test
  void tagListsReportDuplicatesAndPositions() {
    TagList t = TagList.parse("v=DMARC1; p=none; p=reject");
    assertThat(t.ok()).isFalse();
    assertThat(t.error()).contains("twice");
    assertThat(t.errorPosition()).isEqualTo(18);
    assertThat(TagList.parse("v=1; junk").error()).contains("no '='");
    assertThat(TagList.parse("a=1; b = two words ;").get("b")).contains("two words");
  }
}
