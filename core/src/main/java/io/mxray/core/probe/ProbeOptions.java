package io.mxray.core.probe;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to probe.
 *
 * @param stepTimeout limit of each step: connect, one reply, one TLS handshake
 * @param deadline limit of the whole probe of one port, TLS scan included
 * @param bannerSlow an SMTP greeting later than this is reported as {@code smtp.banner-slow}
 * @param greetingTimeout how long to wait for the SMTP greeting, apart from the step timeout:
 *     postscreen's pregreet test (a 220- teaser, the greeting after ~6 s) and tarpitting servers
 *     greet late on purpose, and senders wait up to 5 minutes (RFC 5321 §4.5.3.2.1)
 * @param relayTest try MAIL FROM/RCPT TO with foreign domains (never DATA)
 * @param tlsScan also test which TLS versions and weak ciphers the server accepts (extra
 *     connections)
 * @param extraTrust CA certificates trusted besides the JDK's trust store
 * @param heloName the name mxray gives in EHLO/HELO
 * @param clock for certificate validity
 */
public record ProbeOptions(
    Duration stepTimeout,
    Duration deadline,
    Duration bannerSlow,
    Duration greetingTimeout,
    boolean relayTest,
    boolean tlsScan,
    List<X509Certificate> extraTrust,
    String heloName,
    Clock clock) {

  public static final Duration DEFAULT_STEP = Duration.ofSeconds(5);
  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_BANNER_SLOW = Duration.ofSeconds(5);
  public static final Duration DEFAULT_GREETING = Duration.ofSeconds(20);

  public ProbeOptions {
    Objects.requireNonNull(stepTimeout, "stepTimeout");
    Objects.requireNonNull(deadline, "deadline");
    Objects.requireNonNull(bannerSlow, "bannerSlow");
    Objects.requireNonNull(greetingTimeout, "greetingTimeout");
    extraTrust = List.copyOf(extraTrust);
    Objects.requireNonNull(heloName, "heloName");
    Objects.requireNonNull(clock, "clock");
  }

  public static ProbeOptions defaults(Clock clock) {
    return new ProbeOptions(
        DEFAULT_STEP,
        DEFAULT_DEADLINE,
        DEFAULT_BANNER_SLOW,
        DEFAULT_GREETING,
        false,
        true,
        List.of(),
        "mxray.invalid",
        clock);
  }

  /**
   * Timeouts that fit a check's deadline: each step at most a sixth of it (and the default), the
   * whole port at most half of it (and 25 s), the greeting at most the whole port's, so a check can
   * probe and still report before its deadline.
   */
  public ProbeOptions withinBudget(Duration budget) {
    Duration overall = Deadline.min(Duration.ofSeconds(25), budget.dividedBy(2));
    return withTimeouts(Deadline.min(DEFAULT_STEP, budget.dividedBy(6)), overall)
        .withGreetingTimeout(Deadline.min(greetingTimeout, overall));
  }

  public ProbeOptions withGreetingTimeout(Duration d) {
    return new ProbeOptions(
        stepTimeout, deadline, bannerSlow, d, relayTest, tlsScan, extraTrust, heloName, clock);
  }

  public ProbeOptions withTimeouts(Duration step, Duration overall) {
    return new ProbeOptions(
        step,
        overall,
        bannerSlow,
        greetingTimeout,
        relayTest,
        tlsScan,
        extraTrust,
        heloName,
        clock);
  }

  public ProbeOptions withBannerSlow(Duration d) {
    return new ProbeOptions(
        stepTimeout, deadline, d, greetingTimeout, relayTest, tlsScan, extraTrust, heloName, clock);
  }

  public ProbeOptions withRelayTest(boolean on) {
    return new ProbeOptions(
        stepTimeout,
        deadline,
        bannerSlow,
        greetingTimeout,
        on,
        tlsScan,
        extraTrust,
        heloName,
        clock);
  }

  public ProbeOptions withTlsScan(boolean on) {
    return new ProbeOptions(
        stepTimeout,
        deadline,
        bannerSlow,
        greetingTimeout,
        relayTest,
        on,
        extraTrust,
        heloName,
        clock);
  }

  public ProbeOptions withExtraTrust(List<X509Certificate> cas) {
    return new ProbeOptions(
        stepTimeout,
        deadline,
        bannerSlow,
        greetingTimeout,
        relayTest,
        tlsScan,
        cas,
        heloName,
        clock);
  }
}
