package io.mxray.cli;

import io.mxray.core.audit.Ports;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.http.JdkHttpsFetcher;
import io.mxray.core.net.PlainConnector;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The process-wide pieces a CLI command wires together: executor, clock, ports. */
final class Runtime {

  private static final AtomicInteger THREADS = new AtomicInteger();

  private Runtime() {}

  static ExecutorService executor() {
    return Executors.newFixedThreadPool(
        16,
        r -> {
          Thread t = new Thread(r, "mxray-check-" + THREADS.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  static Clock clock() {
    return Clock.systemUTC();
  }

  static Ports ports(DnsClient dns) {
    return new Ports(dns, new PlainConnector(), new JdkHttpsFetcher());
  }
}
