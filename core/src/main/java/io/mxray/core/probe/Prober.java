package io.mxray.core.probe;

import io.mxray.core.net.Connector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Probes ports with the dialogue their service speaks; several ports in parallel on the caller's
 * executor.
 */
public final class Prober {

  private final Connector connector;
  private final ProbeOptions options;

  public Prober(Connector connector, ProbeOptions options) {
    this.connector = connector;
    this.options = options;
  }

  public ProbeResult probe(ProbeTarget target) {
    return switch (target.service().protocol()) {
      case SMTP -> SmtpProbe.probe(connector, target, options);
      case POP3 -> Pop3Probe.probe(connector, target, options);
      case IMAP -> ImapProbe.probe(connector, target, options);
    };
  }

  /**
   * Probes every target concurrently; results in the targets' order. Each ends within the options'
   * deadline.
   */
  public List<ProbeResult> probeAll(List<ProbeTarget> targets, Executor executor) {
    List<CompletableFuture<ProbeResult>> fs = new ArrayList<>();
    for (ProbeTarget t : targets) {
      fs.add(CompletableFuture.supplyAsync(() -> probe(t), executor));
    }
    return fs.stream().map(CompletableFuture::join).toList();
  }
}
