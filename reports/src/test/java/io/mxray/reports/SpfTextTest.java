package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.net.InetAddresses;
import io.mxray.core.audit.CheckResult;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.spf.SpfCheck;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfRequest;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SPF text and JSON renderings against golden files (refresh with -Dmxray.update=true). */
class SpfTextTest {

  private static final ZoneFileDnsClient DNS =
      ZoneFileDnsClient.builder()
          .zone(
              "golden.example",
              """
      @ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
      @ IN NS ns1
      ns1 IN A 192.0.2.53
      @ IN MX 10 mx
      mx IN A 192.0.2.25
      @ IN TXT "v=spf1 mx include:_spf.golden.example include:gone.golden.example redirect=x.golden.example ~all"
      _spf IN TXT "v=spf1 ip4:198.51.100.0/24 include:_inner.golden.example -all"
      _inner IN TXT "v=spf1 a:mx.golden.example -all"
      evil IN TXT "v=spf1 include:_spf.golden.example -all exp=why.golden.example"
      why IN TXT "\\027[31mred %{i}"
      """)
          .build();

  @Test
  void rendersTheIncludeTreeWithLookupCounts() throws Exception {
    CheckResult r = new SpfCheck().audit(DNS, "golden.example", Optional.empty());
    String text = SpfText.audit("golden.example", r, Ansi.OFF);
    Golden.assertMatches(
        Golden.repoRoot().resolve("reports/src/test/resources/golden/spf-audit.txt"), text);
    assertThat(text).contains("├── include:_spf.golden.example");
  }

  @Test
  void rendersAnEvaluationTraceAndKeepsTerminalEscapesOut() throws Exception {
    SpfRequest req =
        SpfRequest.mailFrom(
            InetAddresses.forString("203.0.113.5"), "a@evil.golden.example", "h.test");
    SpfEvaluation e = new SpfEvaluator(DNS).checkHost(req);
    String text = SpfText.evaluation(req, e, List.of(), Ansi.OFF);
    assertThat(text).doesNotContain("\u001b");
    Golden.assertMatches(
        Golden.repoRoot().resolve("reports/src/test/resources/golden/spf-evaluation.txt"), text);
    JsonNode j = SpfJson.evaluation(req, e, List.of());
    assertThat(j.get("result").asText()).isEqualTo("fail");
    // An exp= text with a control character is not a valid explain-string (§6.2): no explanation at
    // all.
    assertThat(j.get("explanation").isNull()).isTrue();
    assertThat(
            j.get("trace")
                .get("steps")
                .get(0)
                .get("child")
                .get("steps")
                .get(1)
                .get("child")
                .get("domain")
                .asText())
        .isEqualTo("_inner.golden.example");
  }
}
