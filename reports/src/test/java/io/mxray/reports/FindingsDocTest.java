package io.mxray.reports;

import org.junit.jupiter.api.Test;

class FindingsDocTest {

  @Test
  void publishedCatalogueMatchesTheCodeEnums() throws Exception {
    Golden.assertMatches(Golden.repoRoot().resolve("docs/findings.md"), FindingsDoc.markdown());
  }
}
