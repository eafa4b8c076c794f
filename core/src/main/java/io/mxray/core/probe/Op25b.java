package io.mxray.core.probe;

import io.mxray.core.finding.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Outbound Port 25 Blocking (RFC 5068 §3.1, M3AAWG): many access networks stop their customers'
 * hosts from connecting to port 25 anywhere, while the submission ports stay open. When no MX
 * answers on 25 but a submission port of the same servers does, the likely cause is mxray's own
 * network, not the servers.
 */
public final class Op25b {

  private Op25b() {}

  /**
   * The {@code net.port25-blocked} finding when every port-25 probe timed out connecting (a filter
   * that drops packets, as OP25B does) while at least one submission probe (587/465) connected;
   * empty otherwise. A refused connection (RST) means the host answered: nothing listens there, or
   * a firewall rejects; that is not taken for OP25B.
   */
  public static Optional<Finding> assess(List<ProbeResult> port25, List<ProbeResult> submission) {
    if (port25.isEmpty()
        || port25.stream().anyMatch(r -> r.connect() != ProbeResult.Connect.TIMED_OUT)) {
      return Optional.empty();
    }
    List<ProbeResult> open = submission.stream().filter(ProbeResult::reachable).toList();
    if (open.isEmpty()) {
      return Optional.empty();
    }
    List<String> ev = new ArrayList<>();
    port25.forEach(
        r -> ev.add(r.target().label() + ": connect timed out (no answer, not refused)"));
    open.forEach(r -> ev.add(r.target().label() + ": connected"));
    String hosts = String.join(", ", port25.stream().map(r -> r.target().label()).toList());
    return Optional.of(
        Finding.of(
                ProbeCodes.NET_PORT25_BLOCKED,
                hosts,
                "No mail exchanger answered a connection on port 25 ("
                    + hosts
                    + ": every attempt timed out, none was refused), but "
                    + String.join(", ", open.stream().map(r -> r.target().label()).toList())
                    + " did. The network mxray runs on most likely blocks outbound port 25 (Outbound Port 25 Blocking, as"
                    + " ISPs and clouds do against spam bots), so port 25 of these servers could not be tested; this does"
                    + " not mean they are down. Mail clients submit on 587 or 465 instead.")
            .withRemediation(
                "Run mxray from a network that allows outbound port 25 (a server, not a home or cloud VM"
                    + " with port 25 filtered), or ask your provider to lift the block.")
            .withEvidence(ev));
  }
}
