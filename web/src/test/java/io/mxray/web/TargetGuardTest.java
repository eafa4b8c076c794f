package io.mxray.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.net.AddressClass;
import io.mxray.core.net.Addresses;
import io.mxray.core.net.Cidr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetGuardTest {

  private static InetAddress ip(String s) {
    return Addresses.parse(s).orElseThrow();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "169.254.169.254",
        "169.254.1.1",
        "100.64.0.1",
        "224.0.0.251",
        "240.0.0.1",
        "0.0.0.0",
        "::1",
        "::",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::1",
        "fd00:ec2::254"
      })
  void refusesEveryNonPublicAddressByDefault(String address) {
    assertThat(TargetGuard.publicOnly().check(address, ip(address))).isPresent();
  }

  @Test
  void allowsPublicAddresses() {
    assertThat(TargetGuard.publicOnly().check("x", ip("8.8.8.8"))).isEmpty();
    assertThat(TargetGuard.publicOnly().check("x", ip("2a00:1450:4001::1"))).isEmpty();
  }

  @Test
  void operatorCanAllowALoopbackLab() {
    TargetGuard lab = new TargetGuard(List.of(Cidr.parse("127.0.0.0/8")));
    assertThat(lab.check("x", ip("127.0.0.1"))).isEmpty();
    assertThat(lab.check("x", ip("::ffff:127.0.0.1")))
        .as("the mapped form is the same address")
        .isEmpty();
    assertThat(lab.check("x", ip("10.0.0.1"))).isPresent();
  }

  @Test
  void cloudMetadataStaysRefusedUnderABroadAllowance() {
    TargetGuard broad = new TargetGuard(List.of(Cidr.parse("169.254.0.0/16")));
    assertThat(broad.check("x", ip("169.254.1.1"))).isEmpty();
    assertThat(broad.check("x", ip("169.254.169.254")))
        .get()
        .extracting(TargetGuard.Refusal::kind)
        .isEqualTo(AddressClass.CLOUD_METADATA);
    assertThat(
            new TargetGuard(List.of(Cidr.parse("169.254.169.254/32")))
                .check("x", ip("169.254.169.254")))
        .as("an exact host route is a deliberate choice")
        .isEmpty();
  }

  @Test
  void oneRefusedAddressRefusesTheWholeName() {
    TargetGuard guard = new TargetGuard(List.of(Cidr.parse("192.0.2.0/24")));
    TargetGuard.Resolution r = guard.resolve("mixed.shop.example", TestServer.zones());
    assertThat(r.refused()).isTrue();
    assertThat(r.addresses()).isEmpty();
    assertThat(r.refusal().get().kind()).isEqualTo(AddressClass.CLOUD_METADATA);
  }

  @Test
  void resolvesAllowedNamesThroughTheServiceDns() {
    TargetGuard guard =
        new TargetGuard(List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8::/32")));
    TargetGuard.Resolution r = guard.resolve("mx1.shop.example", TestServer.zones());
    assertThat(r.refused()).isFalse();
    assertThat(r.addresses())
        .extracting(Addresses::toText)
        .containsExactly("192.0.2.10", "2001:db8::10");
  }
}
