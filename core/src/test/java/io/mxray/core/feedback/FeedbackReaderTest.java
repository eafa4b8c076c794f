package io.mxray.core.feedback;

import static io.mxray.core.feedback.ReportFixtures.bytes;
import static io.mxray.core.feedback.ReportFixtures.gzip;
import static io.mxray.core.feedback.ReportFixtures.mail;
import static io.mxray.core.feedback.ReportFixtures.zip;
import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.feedback.AggregateReport.Row;
import io.mxray.core.feedback.FeedbackReader.Outcome;
import io.mxray.core.finding.Finding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class FeedbackReaderTest {

  private final FeedbackReader reader = new FeedbackReader();

  private static List<String> codes(Outcome o) {
    List<String> c = new java.util.ArrayList<>(o.findings().stream().map(Finding::codeId).toList());
    o.reports().forEach(r -> r.findings().forEach(f -> c.add(f.codeId())));
    return c;
  }

  private AggregateReport aggregate(Outcome o) {
    assertThat(o.reports()).hasSize(1);
    assertThat(o.reports().get(0)).isInstanceOf(AggregateReport.class);
    return (AggregateReport) o.reports().get(0);
  }

  @Test
  void readsAnRfc7489ReportWithItsRecordsAndTotals() {
    Outcome o = reader.read("rfc7489.xml", bytes("rfc7489.xml"));
    AggregateReport r = aggregate(o);
    assertThat(r.schema()).isEqualTo("rfc7489");
    assertThat(r.orgName()).isEqualTo("receiver.example");
    assertThat(r.reportId()).isEqualTo("16058737193711426787");
    assertThat(r.policyDomain()).isEqualTo("lab.example");
    assertThat(r.dateRange().begin()).isEqualTo(Instant.ofEpochSecond(1764547200));
    assertThat(r.policy().pct()).hasValue(100);
    assertThat(r.messages()).isEqualTo(100);
    assertThat(r.records())
        .extracting(Row::sourceIp)
        .containsExactly("192.0.2.25", "198.51.100.7", "2001:db8::25");
    Row vendor = r.records().get(1);
    assertThat(vendor.dmarcPass()).isFalse();
    assertThat(vendor.dkim().get(0).domain()).isEqualTo("vendor.example");
    assertThat(vendor.mailFromSpf().orElseThrow().domain()).isEqualTo("bounces.vendor.example");
    assertThat(r.records().get(2).reasons().get(0).type()).isEqualTo("forwarded");
    assertThat(codes(o)).isEmpty();
  }

  @Test
  void readsTheDmarcbisSchemaWithItsNewElements() {
    Outcome o = reader.read("dmarcbis.xml", bytes("dmarcbis.xml"));
    AggregateReport r = aggregate(o);
    assertThat(r.schema()).isEqualTo("dmarcbis");
    assertThat(r.generator()).startsWith("Example DMARC");
    assertThat(r.errors()).hasSize(1);
    assertThat(r.policy().np()).isEqualTo("reject");
    assertThat(r.policy().discoveryMethod()).isEqualTo("treewalk");
    assertThat(r.policy().testing()).isEqualTo("n");
    assertThat(r.policy().pct()).isEmpty();
    assertThat(r.records().get(0).disposition()).isEqualTo("pass");
    assertThat(r.records().get(0).dkim()).hasSize(2);
    assertThat(r.records().get(0).envelopeTo()).isEqualTo("mbox.example");
    assertThat(r.records().get(1).spf().get(0).scope()).isEqualTo("helo");
    assertThat(r.records().get(1).mailFromSpf()).isEmpty();
    assertThat(codes(o)).isEmpty();
  }

  @Test
  void readsTheOldDraftAndMapsItsResultWords() {
    Outcome o = reader.read("draft.xml", bytes("draft.xml"));
    AggregateReport r = aggregate(o);
    assertThat(r.schema()).isEqualTo("draft");
    assertThat(r.policy().adkim()).isEqualTo("r");
    assertThat(r.records().get(0).spf().get(0).result()).isEqualTo("fail");
    assertThat(r.records().get(1).spf())
        .extracting(AggregateReport.SpfAuth::result)
        .containsExactly("temperror", "permerror");
    assertThat(codes(o)).containsOnly("feedback.value-normalized");
  }

  @Test
  void notesEveryRealWorldFaultAndStillReadsTheReport() {
    Outcome o = reader.read("faults.xml", bytes("faults.xml"));
    AggregateReport r = aggregate(o);
    assertThat(codes(o))
        .contains(
            "feedback.value-normalized",
            "feedback.empty-reason",
            "feedback.duplicate-record",
            "feedback.bad-number",
            "feedback.bad-address",
            "feedback.missing-field",
            "feedback.unknown-value",
            "feedback.bad-date-range");
    assertThat(r.policyDomain()).isEqualTo("lab.example");
    assertThat(r.policy().p()).isEqualTo("reject");
    assertThat(r.dateRange().begin()).isBefore(r.dateRange().end());
    // The duplicate is merged: 5 + 5 from one source, and the bad record kept with count 0.
    assertThat(r.records()).hasSize(2);
    assertThat(r.records().get(0).count()).isEqualTo(10);
    assertThat(r.records().get(0).reasons().get(0).type()).isEqualTo("other");
    assertThat(r.records().get(0).headerFrom()).isEqualTo("lab.example");
    assertThat(r.records().get(1).sourceIp()).isEqualTo("not-an-ip");
    assertThat(r.records().get(1).count()).isZero();
  }

  @Test
  void keepsTheRecordsReadBeforeADocumentBreaksOff() {
    Outcome o = reader.read("truncated.xml", bytes("truncated.xml"));
    AggregateReport r = aggregate(o);
    assertThat(codes(o)).contains("feedback.xml-malformed");
    assertThat(r.records()).extracting(Row::sourceIp).containsExactly("192.0.2.25");
  }

  @Test
  void readsInvalidUtf8AsWindows1252AndSaysSo() {
    byte[] b =
        new String(bytes("rfc7489.xml"), StandardCharsets.UTF_8)
            .replace("receiver.example</org_name>", "Caf\u00e9 receiver</org_name>")
            .getBytes(StandardCharsets.ISO_8859_1);
    Outcome o = reader.read("latin1.xml", b);
    AggregateReport r = aggregate(o);
    assertThat(r.orgName()).isEqualTo("Caf\u00e9 receiver");
    assertThat(codes(o)).containsExactly("feedback.invalid-utf8");
  }

  @Test
  void refusesDtdsExternalEntitiesAndEntityExpansion() {
    for (String f : List.of("xxe.xml", "entities.xml")) {
      Outcome o = reader.read(f, bytes(f));
      assertThat(o.reports()).as(f).isEmpty();
      assertThat(codes(o)).as(f).containsExactly("feedback.xml-dtd");
    }
  }

  @Test
  void unpacksGzipZipAndReportMailsAtAnyDepth() {
    byte[] xml = bytes("rfc7489.xml");
    String name = "receiver.example!lab.example!1764547200!1764633599.xml";
    List<byte[]> containers =
        List.of(
            gzip(xml),
            zip(name, xml),
            mail("application/gzip", name + ".gz", gzip(xml)),
            mail("application/zip", name.replace(".xml", ".zip"), zip(name, xml)),
            mail("text/xml", name, xml),
            mail("application/octet-stream", name + ".gz", gzip(xml)),
            ReportFixtures.forwarded(mail("application/zip", "r.zip", zip(name, xml))),
            ReportFixtures.forwarded(
                ReportFixtures.forwarded(mail("application/gzip", "r.gz", gzip(xml)))),
            zip("outer.zip", gzip(xml)));
    for (byte[] c : containers) {
      Outcome o = reader.read("input", c);
      AggregateReport r = aggregate(o);
      assertThat(r.reportId()).isEqualTo("16058737193711426787");
      assertThat(codes(o)).isEmpty();
    }
  }

  @Test
  void trustsContentNotFileNamesOrMediaTypes() {
    byte[] xml = bytes("rfc7489.xml");
    // A gzip attachment labelled as XML, and a report inside a text/plain part.
    assertThat(aggregate(reader.read("m", mail("text/xml", "r.xml", gzip(xml)))).messages())
        .isEqualTo(100);
    assertThat(aggregate(reader.read("m", mail("text/plain", "r.txt", xml))).messages())
        .isEqualTo(100);
  }

  @Test
  void readsTlsReportsBareGzippedAndInMail() {
    byte[] json = bytes("tlsrpt.json");
    for (byte[] in :
        List.of(
            json,
            gzip(json),
            mail(
                "application/tlsrpt+gzip",
                "sender.example!lab.example!1764547200!1764633599.json.gz",
                gzip(json)),
            mail("application/tlsrpt+json", "r.json", json))) {
      Outcome o = reader.read("in", in);
      assertThat(o.reports()).hasSize(1);
      TlsReport t = (TlsReport) o.reports().get(0);
      assertThat(t.orgName()).isEqualTo("Sender Company Example");
      assertThat(t.policyDomain()).isEqualTo("lab.example");
      assertThat(t.successfulSessions()).isEqualTo(5336);
      assertThat(t.failedSessions()).isEqualTo(303);
      assertThat(t.policies().get(0).failures())
          .extracting(TlsReport.Failure::resultType)
          .containsExactly("certificate-expired", "starttls-not-supported", "validation-failure");
      assertThat(t.policies().get(0).failures().get(0).sendingMtaIp())
          .isEqualTo("2001:db8:abcd:12::1");
      assertThat(codes(o)).isEmpty();
    }
  }

  @Test
  void toleratesTlsReportsWithStringsWhereTheRfcSaysArrays() {
    Outcome o = reader.read("loose", bytes("tlsrpt-loose.json"));
    TlsReport t = (TlsReport) o.reports().get(0);
    assertThat(t.policies().get(0).mxHosts()).containsExactly("*.lab.example");
    assertThat(t.policies().get(0).type()).isEqualTo("sts");
    assertThat(t.policies().get(0).domain()).isEqualTo("lab.example");
    assertThat(t.policies().get(0).successful()).isEqualTo(12);
    assertThat(t.policies().get(0).failures().get(0).resultType())
        .isEqualTo("certificate-host-mismatch");
    assertThat(codes(o)).containsOnly("feedback.value-normalized");
  }

  @Test
  void refusesJsonThatIsNotWellFormed() {
    Outcome o = reader.read("bad.json", "{\"policies\": [".getBytes(StandardCharsets.UTF_8));
    assertThat(o.reports()).isEmpty();
    assertThat(codes(o)).containsExactly("feedback.json-malformed");
  }

  @Test
  void readsAnArfFailureReport() {
    Outcome o = reader.read("arf.eml", bytes("arf.eml"));
    assertThat(o.reports()).hasSize(1);
    FailureReport f = (FailureReport) o.reports().get(0);
    assertThat(f.arf()).isTrue();
    assertThat(f.feedbackType()).isEqualTo("auth-failure");
    assertThat(f.sourceIp()).isEqualTo("192.0.2.1");
    assertThat(f.reportedDomain()).isEqualTo("lab.example");
    assertThat(f.authFailure()).isEqualTo("dmarc");
    assertThat(f.deliveryResult()).isEqualTo("reject");
    assertThat(f.headerFrom()).isEqualTo("lab.example");
    assertThat(f.subject()).isEqualTo("Earn money");
    assertThat(f.orgName()).isEqualTo("receiver.example");
    assertThat(f.reportId()).isEqualTo("<arf-0001@receiver.example>");
    assertThat(f.authenticationResults()).hasSize(1);
    assertThat(codes(o)).isEmpty();
  }

  @Test
  void readsAFreeTextFailureReportAndSaysItIsNotArf() {
    Outcome o = reader.read("text-failure.eml", bytes("text-failure.eml"));
    assertThat(o.reports()).hasSize(1);
    FailureReport f = (FailureReport) o.reports().get(0);
    assertThat(f.arf()).isFalse();
    assertThat(f.sourceIp()).isEqualTo("203.0.113.44");
    assertThat(f.reportedDomain()).isEqualTo("lab.example");
    assertThat(f.headerFrom()).isEqualTo("lab.example");
    assertThat(f.subject()).isEqualTo("Invoice");
    assertThat(codes(o)).containsExactly("feedback.failure-not-arf");
  }

  @Test
  void refusesACompressionBombWithAClearFinding() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(out)) {
      byte[] zeros = new byte[1 << 20];
      for (int i = 0; i < 200; i++) {
        g.write(zeros);
      }
    }
    byte[] bomb = out.toByteArray();
    assertThat(bomb.length).isLessThan(400_000);
    Outcome o = reader.read("bomb.xml.gz", bomb);
    assertThat(o.reports()).isEmpty();
    assertThat(codes(o)).containsExactly("feedback.too-large");
    Outcome inMail = reader.read("bomb.eml", mail("application/gzip", "r.xml.gz", bomb));
    assertThat(codes(inMail)).containsExactly("feedback.too-large");
  }

  @Test
  void capsTheDecompressedTotalAcrossEntries() {
    FeedbackReader small =
        new FeedbackReader(new FeedbackReader.Limits(1 << 20, 6_000, 64, 6, 1000));
    byte[] xml = bytes("rfc7489.xml");
    Outcome o = small.read("two.zip", twoEntries(xml));
    assertThat(codes(o)).contains("feedback.too-large");
    assertThat(o.reports()).hasSize(2);
  }

  private static byte[] twoEntries(byte[] xml) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < 3; i++) {
        z.putNextEntry(new ZipEntry("r" + i + ".xml"));
        z.write(xml);
        z.closeEntry();
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @Test
  void refusesArchivesWithTooManyEntries() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < 200; i++) {
        z.putNextEntry(new ZipEntry("e" + i + ".txt"));
        z.write('x');
        z.closeEntry();
      }
    }
    Outcome o = reader.read("many.zip", out.toByteArray());
    assertThat(codes(o)).contains("feedback.too-many-entries");
  }

  @Test
  void refusesAnInputOverTheInputCap() {
    FeedbackReader small = new FeedbackReader(new FeedbackReader.Limits(100, 1000, 4, 4, 10));
    assertThat(codes(small.read("big", bytes("rfc7489.xml"))))
        .containsExactly("feedback.too-large");
  }

  @Test
  void reportsDamagedArchives() {
    byte[] gz = gzip(bytes("rfc7489.xml"));
    byte[] cut = java.util.Arrays.copyOf(gz, gz.length / 2);
    assertThat(codes(reader.read("cut.gz", cut))).contains("feedback.corrupt-archive");
    byte[] z = zip("r.xml", bytes("rfc7489.xml"));
    byte[] zcut = java.util.Arrays.copyOf(z, 60);
    assertThat(codes(reader.read("cut.zip", zcut))).contains("feedback.corrupt-archive");
  }

  @Test
  void saysWhenAnInputIsNoReportAtAll() {
    for (byte[] in :
        List.of(
            "hello".getBytes(StandardCharsets.UTF_8),
            "<html><body>x</body></html>".getBytes(StandardCharsets.UTF_8),
            "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
            "Subject: hi\r\nFrom: a@b.example\r\n\r\nHello there\r\n"
                .getBytes(StandardCharsets.UTF_8),
            new byte[] {0, 1, 2, 3, (byte) 0xff},
            new byte[0])) {
      Outcome o = reader.read("x", in);
      assertThat(o.reports()).isEmpty();
      assertThat(codes(o)).containsExactly("feedback.not-a-report");
    }
  }

  @Test
  void acceptsPredefinedEntitiesAndCharacterReferencesWhileRefusingDtds() {
    byte[] b =
        new String(bytes("rfc7489.xml"), StandardCharsets.UTF_8)
            .replace(
                "https://receiver.example/dmarc</extra",
                "https://receiver.example/dmarc?a=1&amp;b=&#x32;&lt;x&gt;</extra")
            .getBytes(StandardCharsets.UTF_8);
    Outcome o = reader.read("amp.xml", b);
    assertThat(aggregate(o).extraContactInfo())
        .isEqualTo("https://receiver.example/dmarc?a=1&b=2<x>");
    assertThat(codes(o)).isEmpty();
  }
}
