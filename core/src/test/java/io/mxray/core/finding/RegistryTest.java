package io.mxray.core.finding;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.Registry;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegistryTest {

  @Test
  void everyCodeIdIsUniqueLowercaseAndDotted() {
    List<FindingCode> codes = Registry.findingCodes();
    Set<String> seen = new HashSet<>();
    for (FindingCode c : codes) {
      assertThat(seen.add(c.id())).as("duplicate code %s", c.id()).isTrue();
      assertThat(c.id()).matches("[a-z0-9]+(\\.[a-z0-9-]+)+");
      assertThat(c.summary()).isNotBlank();
    }
  }

  @Test
  void rfcReferencesLinkToTheRfcEditor() {
    assertThat(RfcRef.rfc(7208, "4.6.4").url())
        .isEqualTo("https://www.rfc-editor.org/rfc/rfc7208.html#section-4.6.4");
    assertThat(RfcRef.rfc(7208, "4.6.4")).hasToString("RFC 7208 §4.6.4");
  }
}
