package io.mxray.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.Registry;
import org.junit.jupiter.api.Test;

class CodesHtmlTest {

  @Test
  void listsEveryCatalogueCodeWithAnAnchor() {
    String html = CodesHtml.of(Registry.findingCodes(), "mxray test");
    Registry.findingCodes().forEach(c -> assertThat(html).contains("id=\"code-" + c.id() + "\""));
  }
}
