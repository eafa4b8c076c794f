package io.mxray.reports;

import io.mxray.core.net.Addresses;
import io.mxray.core.probe.CertificateInfo;
import io.mxray.core.probe.ProbeReport;
import io.mxray.core.probe.ProbeResult;
import io.mxray.core.probe.TlsReport;
import io.mxray.core.probe.TlsScan;
import io.mxray.core.probe.Transcript;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code mxray probe} for a terminal: per port the facts an admin reads first, then findings. */
public final class ProbeText {

  private ProbeText() {}

  public static String of(ProbeReport r, Ansi ansi, boolean transcripts) {
    StringBuilder out = new StringBuilder();
    out.append(ansi.bold("mxray probe " + Ansi.clean(r.query())))
        .append("  ")
        .append(ansi.severity(r.severity(), TextFindings.label(r.severity())))
        .append("  (")
        .append(r.durationMs())
        .append(" ms)\n\n");
    if (!r.findings().isEmpty()) {
      TextFindings.append(out, r.findings(), ansi);
      out.append('\n');
    }
    for (ProbeResult p : r.ports()) {
      port(out, p, ansi, transcripts);
      out.append('\n');
    }
    return out.toString();
  }

  static void port(StringBuilder out, ProbeResult p, Ansi ansi, boolean transcripts) {
    out.append(
            ansi.bold(
                "== "
                    + Ansi.clean(p.target().label())
                    + " "
                    + p.target().service().id()
                    + " ("
                    + Addresses.toText(p.target().address())
                    + ")"))
        .append("  ")
        .append(ansi.severity(p.severity(), TextFindings.label(p.severity())))
        .append('\n');
    out.append("   reachable: ").append(p.reachable() ? "yes" : "no");
    if (!p.timings().isEmpty()) {
      out.append("   timings: ")
          .append(
              p.timings().entrySet().stream()
                  .map(e -> e.getKey().replace("Ms", "") + " " + e.getValue() + " ms")
                  .collect(Collectors.joining(", ")));
    }
    out.append('\n');
    for (Map.Entry<String, Object> f : p.facts().entrySet()) {
      out.append("   ")
          .append(f.getKey())
          .append(": ")
          .append(Ansi.clean(fact(f.getValue())))
          .append('\n');
    }
    p.tls().ifPresent(t -> tls(out, t));
    TextFindings.append(out, p.findings(), ansi);
    if (transcripts) {
      out.append("   transcript:\n");
      for (Transcript.Entry e : p.transcript()) {
        out.append("   ").append(ansi.dim(Ansi.clean(e.toString()))).append('\n');
      }
    }
  }

  private static void tls(StringBuilder out, TlsReport t) {
    if (!t.established()) {
      out.append("   tls: failed (").append(Ansi.clean(t.failure())).append(")\n");
      if (!t.chain().isEmpty()) {
        out.append("   certificate fetched with ").append(t.chainSource()).append(":\n");
        chain(out, t);
      }
    } else {
      out.append("   tls: ")
          .append(t.version())
          .append(' ')
          .append(t.cipher())
          .append(" (NCSC: version ")
          .append(t.versionGrade().id())
          .append(", cipher ")
          .append(t.cipherGrade().id())
          .append("), handshake ")
          .append(t.handshakeMs())
          .append(" ms\n");
      chain(out, t);
    }
    if (!t.versions().isEmpty()) {
      out.append("   versions: ")
          .append(
              List.of("SSLv3", "TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3").stream()
                  .filter(t.versions()::containsKey)
                  .map(v -> v + " " + t.versions().get(v))
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    scan(out, t.scan());
  }

  private static void scan(StringBuilder out, TlsScan s) {
    if (!s.ran()) {
      out.append("   scan: not run (").append(Ansi.clean(s.stopReason())).append(")\n");
      return;
    }
    for (Map.Entry<String, List<TlsScan.Suite>> e : s.suites().entrySet()) {
      TlsScan.Order o = s.serverOrder().getOrDefault(e.getKey(), TlsScan.Order.UNKNOWN);
      out.append("   suites ")
          .append(e.getKey())
          .append(o == TlsScan.Order.UNKNOWN ? "" : " (" + o.id() + " order)")
          .append(":\n");
      for (TlsScan.Suite suite : e.getValue()) {
        out.append("     ")
            .append(suite.name())
            .append("  ")
            .append(suite.grade().id())
            .append(suite.kex().method().isEmpty() ? "" : ", " + suite.kex().label())
            .append(suite.kex().finiteField() ? " " + suite.kex().bits() + " bits" : "")
            .append(
                suite.usable() == TlsScan.Support.NO ? "  [" + Ansi.clean(suite.note()) + "]" : "")
            .append('\n');
      }
    }
    if (!s.groups().isEmpty()) {
      out.append("   groups (")
          .append(s.groupsVersion())
          .append("): ")
          .append(
              s.groups().entrySet().stream()
                  .map(e -> e.getKey() + " " + e.getValue().id())
                  .collect(Collectors.joining(", ")))
          .append('\n');
    }
    out.append("   settings: secure renegotiation ")
        .append(s.secureRenegotiation().id())
        .append(", extended master secret ")
        .append(s.extendedMasterSecret().id())
        .append(", compression ")
        .append(s.compression().id())
        .append(", 0-RTT ")
        .append(s.zeroRtt().id())
        .append(", OCSP stapling ")
        .append(s.ocspStapling().id())
        .append(", SCTs in TLS ")
        .append(s.tlsScts() < 0 ? "unknown" : String.valueOf(s.tlsScts()));
    s.kexHashes()
        .forEach(
            (h, a) ->
                out.append(", key exchange signed with ").append(h).append(' ').append(a.id()));
    out.append('\n');
    out.append("   scan: ")
        .append(s.status().id())
        .append(" (")
        .append(s.connections())
        .append(" connections")
        .append(s.stopReason().isEmpty() ? "" : "; " + Ansi.clean(s.stopReason()))
        .append(")\n");
  }

  private static void chain(StringBuilder out, TlsReport t) {
    {
      for (int i = 0; i < t.chain().size(); i++) {
        CertificateInfo c = t.chain().get(i);
        out.append("   cert[")
            .append(i)
            .append("]: ")
            .append(Ansi.clean(c.subject()))
            .append("  issuer ")
            .append(Ansi.clean(c.issuer()))
            .append('\n');
        out.append("            names ")
            .append(Ansi.clean(String.join(" ", c.dnsNames())))
            .append("  ")
            .append(c.keyType())
            .append(' ')
            .append(c.keyBits())
            .append(" bits ")
            .append(c.signatureAlgorithm())
            .append("  valid ")
            .append(c.notBefore())
            .append(" .. ")
            .append(c.notAfter())
            .append('\n');
      }
      out.append("   trust: ")
          .append(t.trusted() ? "trusted" : "untrusted (" + Ansi.clean(t.trustProblem()) + ")")
          .append(", hostname ")
          .append(t.hostnameMatch() ? "matches" : "does not match")
          .append('\n');
    }
  }

  private static String fact(Object v) {
    if (v instanceof List<?> l) {
      if (l.isEmpty()) {
        return "none";
      }
      return l.stream().map(ProbeText::fact).collect(Collectors.joining(" "));
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream()
          .map(e -> e.getKey() + "=" + fact(e.getValue()))
          .collect(Collectors.joining(", "));
    }
    return String.valueOf(v);
  }
}
