package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.headers.Hop.Boundary;
import io.mxray.core.headers.Hop.ClockSkew;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Origin (trust boundary) and timing of whole chains; headers are listed newest first. */
class ReceivedChainTest {

  private static List<Boundary> boundaries(ReceivedChain c) {
    return c.hops().stream().map(Hop::boundary).toList();
  }

  @Test
  void takesTheConnectingAddressNotTheClientsPrivateClaimAsTheOrigin() {
    // Fails on the old parser: it read 192.168.1.24 as the address, skipped the hop as private
    // and found no origin at all.
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                "from mx-in.example.net (mx-in.example.net [10.0.0.2]) by mbox.example.net"
                    + " (Postfix) with LMTP id A1; Mon, 23 Nov 2026 10:00:03 +0000",
                "from [192.168.1.24] (dsl-7.isp.example [198.51.100.7]) by mx-in.example.net"
                    + " (8.17.1/8.17.1) with ESMTP id B2; Mon, 23 Nov 2026 10:00:02 +0000",
                "from laptop ([10.1.1.5]) by gw.sender.example (Postfix) with ESMTP id C3;"
                    + " Mon, 23 Nov 2026 10:00:01 +0000"));
    assertThat(c.originIp()).contains("198.51.100.7");
    assertThat(c.originHop()).isEqualTo(2);
    assertThat(boundaries(c))
        .containsExactly(Boundary.SENDER_SIDE, Boundary.ORIGIN, Boundary.PRIVATE_ADDRESS);
  }

  @Test
  void readsTheQmailIdentAddressAsTheOrigin() {
    // Fails on the old parser: "(user@203.0.113.5)" gave no address.
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                "(qmail 1234 invoked from network); 23 Nov 2026 10:00:05 -0000",
                "from unknown (HELO x.example) (user@203.0.113.5) by mx.example.net with SMTP;"
                    + " 23 Nov 2026 10:00:04 -0000"));
    assertThat(c.originIp()).contains("203.0.113.5");
    assertThat(c.originHop()).isEqualTo(1);
    assertThat(c.hops().get(1).boundary()).isEqualTo(Boundary.LOCAL_HANDOVER);
  }

  @Test
  void aReceiverHostNameClaimedInHeloDoesNotMakeAnOutsideAddressInternal() {
    // Postfix recorded that the reverse lookup failed ("unknown"): the HELO name is only a claim.
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                "from mx1.example.net (mx1.example.net [192.0.2.25]) by mbox.example.net"
                    + " (Postfix) with ESMTP id A; Mon, 23 Nov 2026 10:00:02 +0000",
                "from mx9.example.net (unknown [203.0.113.66]) by mx1.example.net (Postfix)"
                    + " with ESMTP id B; Mon, 23 Nov 2026 10:00:01 +0000",
                "from relay.example.org (relay.example.org [198.51.100.3]) by"
                    + " forged.example.org with ESMTP id C; Mon, 23 Nov 2026 10:00:00 +0000"));
    assertThat(c.originIp()).contains("203.0.113.66");
    assertThat(boundaries(c))
        .containsExactly(Boundary.SENDER_SIDE, Boundary.ORIGIN, Boundary.RECEIVER_HOST);
  }

  @Test
  void exchangeHopsCountAsInternalOnlyInsideTheReceiversNetworks() {
    String edge =
        "from %s (%s) by BN2PEPF000044A9.mail.protection.outlook.com (10.167.243.160) with"
            + " Microsoft SMTP Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id"
            + " 15.20.7228.9 via Frontend Transport; Mon, 23 Nov 2026 09:14:05 +0000";
    String inner =
        "from BN2PEPF000044A9.namprd04.prod.outlook.com (2603:10b6:408:fe:cafe::4b) by"
            + " BN9PR03CA0123.outlook.office365.com (2603:10b6:408:fe::8) with Microsoft SMTP"
            + " Server (version=TLS1_3, cipher=TLS_AES_256_GCM_SHA384) id 15.20.7228.22 via"
            + " Frontend Transport; Mon, 23 Nov 2026 09:14:06 +0000";
    ReceivedChain genuine =
        ReceivedChain.of(List.of(inner, edge.formatted("mail-sor-f41.google.com", "192.0.2.41")));
    assertThat(genuine.originIp()).contains("192.0.2.41");
    assertThat(boundaries(genuine)).containsExactly(Boundary.ORIGIN, Boundary.RECEIVER_NETWORK);
    assertThat(genuine.receiverOrganisations()).contains("office365.com", "outlook.com");

    // An outside host calling itself by a Microsoft name is still outside: its address is not
    // in the networks of the servers that recorded it.
    ReceivedChain forged =
        ReceivedChain.of(
            List.of(
                inner,
                edge.formatted("BN7PR99MB1234.namprd99.prod.outlook.com", "203.0.113.9"),
                "from mail.example.org (mail.example.org [198.51.100.20]) by"
                    + " BN7PR99MB1234.namprd99.prod.outlook.com with ESMTP id Z;"
                    + " Mon, 23 Nov 2026 09:14:00 +0000"));
    assertThat(forged.originIp()).contains("203.0.113.9");
    assertThat(forged.originHop()).isEqualTo(2);
  }

  @Test
  void anOutsideHandOverWithoutAnAddressEndsTheWalkWithoutGuessing() {
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                "from mail.example.org by mx.example.net (MDaemon PRO v10.1.2) with ESMTP id"
                    + " md50012345678.msg for <bob@example.net>; Mon, 23 Nov 2026 10:00:01 +0100",
                "from laptop (dsl.isp.example [198.51.100.9]) by mail.example.org (Postfix) with"
                    + " ESMTPSA id X; Mon, 23 Nov 2026 10:00:00 +0100"));
    assertThat(c.originIp()).isEmpty();
    assertThat(boundaries(c))
        .containsExactly(Boundary.SENDER_SIDE, Boundary.BOUNDARY_WITHOUT_ADDRESS);
  }

  @Test
  void mailInsideOneProviderTakesTheFirstPublicAddressAndSaysSo() {
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                "by 2002:a05:6a10:9f4b:b0:5a1:2b3c:4d5e with SMTP id n11csp1234567pxb;"
                    + " Mon, 23 Nov 2026 01:14:05 -0800 (PST)",
                "from mail-sor-f41.google.com (mail-sor-f41.google.com. [209.85.220.41]) by"
                    + " mx.google.com with SMTPS id abc for <bob@gmail.com> (Google Transport"
                    + " Security); Mon, 23 Nov 2026 01:14:04 -0800 (PST)",
                "by mail-sor-f41.google.com with SMTP id def for <bob@gmail.com>;"
                    + " Mon, 23 Nov 2026 01:14:04 -0800 (PST)"));
    assertThat(c.originIp()).contains("209.85.220.41");
    assertThat(c.hops().get(1).boundary()).isEqualTo(Boundary.ORIGIN_SAME_PROVIDER);
  }

  private static String hop(String by, String time) {
    return "from a.example.org (a.example.org [192.0.2.1]) by "
        + by
        + " with ESMTP id X; Mon, 23 Nov 2026 "
        + time;
  }

  @Test
  void aHopWhoseClockIsBehindIsNamedAndItsGapIsNotCountedAsDelay() {
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                hop("d.example", "10:00:20 +0000"),
                hop("c.example", "09:50:05 +0000"), // ten minutes behind
                hop("b.example", "10:00:05 +0000"),
                hop("a.example", "10:00:00 +0000")));
    Hop odd = c.hops().get(2);
    assertThat(odd.delayMillis()).hasValue(-600_000);
    assertThat(odd.effectiveDelayMillis()).isEmpty();
    assertThat(odd.skew()).contains(new ClockSkew(ClockSkew.Kind.CLOCK, 600_000, 3, false));
    assertThat(c.hops().get(3).effectiveDelayMillis()).hasValue(15_000);
    assertThat(c.hops().get(3).delayMillis()).hasValue(615_000);
    assertThat(c.totalDelayMillis()).isEqualTo(OptionalLong.of(20_000));
    assertThat(c.hops().stream().mapToDouble(Hop::sharePercent).sum()).isCloseTo(100.0, within());
    assertThat(c.hops().get(3).sharePercent()).isCloseTo(75.0, within());
  }

  @Test
  void aHopWhoseClockIsAheadIsNamedToo() {
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                hop("c.example", "10:00:10 +0000"),
                hop("b.example", "10:07:00 +0000"), // ahead
                hop("a.example", "10:00:00 +0000")));
    assertThat(c.hops().get(1).skew().orElseThrow().ahead()).isTrue();
    assertThat(c.hops().get(1).skew().orElseThrow().suspectHop()).isEqualTo(2);
    assertThat(c.hops().get(2).effectiveDelayMillis()).hasValue(10_000);
  }

  @Test
  void aWholeHourJumpThatStaysIsAMislabelledTimeZoneOfUnknownBlame() {
    // The receiver's two hops agree with each other, an hour before the sender's: one side writes
    // local time with the wrong offset; the header cannot say which.
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                hop("c.example", "09:00:12 +0000"),
                hop("b.example", "09:00:07 +0000"),
                hop("a.example", "10:00:00 +0000")));
    ClockSkew s = c.hops().get(1).skew().orElseThrow();
    assertThat(s.kind()).isEqualTo(ClockSkew.Kind.TIME_ZONE);
    assertThat(s.suspectHop()).isZero();
    assertThat(c.hops().get(2).effectiveDelayMillis()).hasValue(5_000);
    assertThat(c.hops().get(2).skew()).isEmpty();
    assertThat(c.totalDelayMillis()).hasValue(5_000);
  }

  @Test
  void subSecondJitterIsNotSkew() {
    ReceivedChain c =
        ReceivedChain.of(
            List.of(
                hop("b.example", "10:00:00.972 +0000"), hop("a.example", "10:00:01.000 +0000")));
    assertThat(c.hops().get(1).skew()).isEmpty();
    assertThat(c.hops().get(1).delayMillis()).hasValue(-28);
    assertThat(c.hops().get(1).sharePercent()).isZero();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.001);
  }
}
