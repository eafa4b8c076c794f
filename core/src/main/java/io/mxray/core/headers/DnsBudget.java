package io.mxray.core.headers;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the DNS work of one message analysis: at most {@code maxQueries} questions and {@code
 * budget} of wall time in total (each question also has the resolver's own timeout). Questions past
 * either limit are answered TIMEOUT, which the analysis reports as "could not tell", never as
 * "missing".
 */
final class DnsBudget implements DnsClient {

  private final DnsClient delegate;
  private final long deadlineNanos;
  private final int maxQueries;
  private final Duration budget;
  private final AtomicInteger asked = new AtomicInteger();

  DnsBudget(DnsClient delegate, Duration budget, int maxQueries) {
    this.delegate = delegate;
    this.budget = budget;
    this.deadlineNanos = System.nanoTime() + budget.toNanos();
    this.maxQueries = maxQueries;
  }

  @Override
  public DnsAnswer query(String name, int type) {
    if (asked.incrementAndGet() > maxQueries) {
      return DnsAnswer.empty(
          name,
          type,
          DnsStatus.TIMEOUT,
          "budget",
          0,
          "not asked: the analysis already made " + maxQueries + " DNS queries");
    }
    if (System.nanoTime() - deadlineNanos > 0) {
      return DnsAnswer.empty(
          name,
          type,
          DnsStatus.TIMEOUT,
          "budget",
          0,
          "not asked: the analysis DNS budget of " + budget.toSeconds() + "s is used up");
    }
    return delegate.query(name, type);
  }

  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
    return query(name, type);
  }
}
