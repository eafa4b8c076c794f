package io.mxray.core.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.RecordingDnsClient;
import io.mxray.core.dns.ZoneFileDnsClient;
import io.mxray.core.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

class SpfEvaluatorTest {

  private final ZoneFileDnsClient dns = Fixtures.zones("spf/lint.zone").build();

  private SpfEvaluation check(String ip, String domain) {
    return new SpfEvaluator(dns)
        .checkHost(SpfRequest.mailFrom(InetAddresses.forString(ip), "user@" + domain, "mx.test"));
  }

  @Test
  void passesThroughAnIncludeAndTracesTheBranch() {
    SpfEvaluation e = check("198.51.100.7", "good.spf.example");
    assertThat(e.result()).isEqualTo(SpfResult.PASS);
    assertThat(e.mechanism()).contains("include:_spf.provider.spf.example");
    assertThat(e.lookups()).isEqualTo(2);
    SpfTraceStep include = e.trace().steps().get(2);
    assertThat(include.outcome()).isEqualTo("match");
    assertThat(include.lookups()).isEqualTo(1);
    assertThat(include.child().orElseThrow().domain()).isEqualTo("_spf.provider.spf.example");
    assertThat(include.child().orElseThrow().queries())
        .containsExactly("_spf.provider.spf.example TXT NOERROR (1 record)");
  }

  @Test
  void failsAnUnlistedHostAndHasNoExplanationWithoutExp() {
    SpfEvaluation e = check("203.0.113.9", "good.spf.example");
    assertThat(e.result()).isEqualTo(SpfResult.FAIL);
    assertThat(e.mechanism()).contains("-all");
    assertThat(e.explanation()).isEmpty();
  }

  @Test
  void stopsAtTheEleventhDnsQueryingTermWithPermerror() {
    SpfEvaluation e = check("192.0.2.200", "too-many.spf.example");
    assertThat(e.result()).isEqualTo(SpfResult.PERMERROR);
    assertThat(e.problem()).contains(SpfCodes.TOO_MANY_LOOKUPS);
    assertThat(e.lookups()).isEqualTo(11);
    assertThat(e.trace().steps()).extracting(SpfTraceStep::lookups).containsExactly(4, 4, 3);
  }

  @Test
  void limitsAreConfigurableForDiagnostics() {
    SpfEvaluation e =
        new SpfEvaluator(dns, SpfEvaluator.Options.DEFAULT.withLimits(new SpfLimits(20, 10, 10, 2)))
            .checkHost(
                SpfRequest.mailFrom(
                    InetAddresses.forString("192.0.2.200"), "u@too-many.spf.example", ""));
    assertThat(e.result()).isEqualTo(SpfResult.FAIL);
    assertThat(e.lookups()).isEqualTo(11);
  }

  @Test
  void countsVoidLookupsAndStopsAtTheThird() {
    SpfEvaluation e = check("192.0.2.200", "void.spf.example");
    assertThat(e.result()).isEqualTo(SpfResult.PERMERROR);
    assertThat(e.problem()).contains(SpfCodes.VOID_LOOKUPS);
    assertThat(e.voidLookups()).isEqualTo(3);
    assertThat(e.trace().steps()).extracting(SpfTraceStep::voidLookups).containsExactly(1, 1, 1);
  }

  @Test
  void detectsRedirectLoops() {
    SpfEvaluation e = check("192.0.2.200", "loop1.spf.example");
    assertThat(e.result()).isEqualTo(SpfResult.PERMERROR);
    assertThat(e.problem()).contains(SpfCodes.REDIRECT_LOOP);
  }

  @Test
  void anIncludeChainThatNeverEndsStopsAtTheLookupLimit() {
    SpfEvaluation e = check("192.0.2.200", "link1.spf.example");
    assertThat(e.result()).isEqualTo(SpfResult.PERMERROR);
    assertThat(e.problem()).contains(SpfCodes.TOO_MANY_LOOKUPS);
    assertThat(e.lookups()).isEqualTo(11);
  }

  @Test
  void anIncludeWithoutRecordIsPermerror() {
    SpfEvaluation e = check("192.0.2.200", "include-missing.spf.example");
    assertThat(e.result()).isEqualTo(SpfResult.PERMERROR);
    assertThat(e.problem()).contains(SpfCodes.INCLUDE_MISSING);
  }

  @Test
  void aTimeoutIsTemperrorNeverNone() {
    ZoneFileDnsClient slow =
        Fixtures.zones("spf/lint.zone")
            .fault("slow.spf.example", Type.TXT, DnsStatus.TIMEOUT)
            .build();
    SpfEvaluation e =
        new SpfEvaluator(slow)
            .checkHost(
                SpfRequest.mailFrom(
                    InetAddresses.forString("192.0.2.1"), "a@timeout-include.spf.example", ""));
    assertThat(e.result()).isEqualTo(SpfResult.TEMPERROR);
    assertThat(e.problem()).contains(SpfCodes.LOOKUP_TIMEOUT);
  }

  @Test
  void derivesTheDomainFromTheHeloForTheNullReversePath() {
    SpfRequest r =
        SpfRequest.mailFrom(InetAddresses.forString("192.0.2.1"), "", "good.spf.example");
    assertThat(r.domain()).isEqualTo("good.spf.example");
    assertThat(r.sender()).isEqualTo("postmaster@good.spf.example");
    SpfRequest noLocal =
        SpfRequest.mailFrom(InetAddresses.forString("192.0.2.1"), "@good.spf.example", "h.test");
    assertThat(noLocal.sender()).isEqualTo("postmaster@good.spf.example");
  }

  @Test
  void aMalformedDomainIsNoneWithoutAnyQuery() {
    RecordingDnsClient rec = new RecordingDnsClient(dns);
    SpfEvaluation e =
        new SpfEvaluator(rec)
            .checkHost(
                SpfRequest.mailFrom(InetAddresses.forString("192.0.2.1"), "x@a..example", ""));
    assertThat(e.result()).isEqualTo(SpfResult.NONE);
    assertThat(rec.queries()).isEmpty();
  }

  @Test
  void hugeRecordsAreEvaluatedOrRefusedWithoutException() throws Exception {
    Name big = Name.fromString("big.test.");
    Name huge = Name.fromString("huge.test.");
    List<String> bigStrings = new ArrayList<>(List.of("v=spf1 "));
    List<String> hugeStrings = new ArrayList<>(List.of("v=spf1 "));
    for (int i = 0; i < 150; i++) {
      bigStrings.add("ip4:192.0.2.1 ".repeat(18));
    }
    for (int i = 0; i < 300; i++) {
      hugeStrings.add("ip4:192.0.2.1 ".repeat(18));
    }
    bigStrings.add("-all");
    ZoneFileDnsClient z =
        ZoneFileDnsClient.builder()
            .record(new TXTRecord(big, DClass.IN, 300, bigStrings))
            .record(new TXTRecord(huge, DClass.IN, 300, hugeStrings))
            .build();
    SpfEvaluation b =
        new SpfEvaluator(z)
            .checkHost(SpfRequest.mailFrom(InetAddresses.forString("192.0.2.9"), "x@big.test", ""));
    assertThat(b.result()).isEqualTo(SpfResult.FAIL);
    assertThat(b.trace().steps()).hasSize(150 * 18 + 1);
    SpfEvaluation h =
        new SpfEvaluator(z)
            .checkHost(
                SpfRequest.mailFrom(InetAddresses.forString("192.0.2.9"), "x@huge.test", ""));
    assertThat(h.result()).isEqualTo(SpfResult.PERMERROR);
    assertThat(h.problem()).contains(SpfCodes.SYNTAX);
  }

  @Test
  void theDefaultExplanationIsOptional() {
    SpfEvaluation e =
        new SpfEvaluator(dns, SpfEvaluator.Options.DEFAULT.withDefaultExplanation("nope"))
            .checkHost(
                SpfRequest.mailFrom(
                    InetAddresses.forString("203.0.113.9"), "u@good.spf.example", ""));
    assertThat(e.explanation()).isEqualTo(Optional.of("nope"));
  }
}
