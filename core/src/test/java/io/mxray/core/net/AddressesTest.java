package io.mxray.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressesTest {

  @ParameterizedTest
  @CsvSource({
    "8.8.8.8, PUBLIC",
    "127.0.0.1, LOOPBACK",
    "10.0.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "172.32.0.1, PUBLIC",
    "192.168.1.1, PRIVATE",
    "100.64.0.1, CGNAT",
    "169.254.169.254, CLOUD_METADATA",
    "169.254.1.1, LINK_LOCAL",
    "192.0.2.1, DOCUMENTATION",
    "198.51.100.7, DOCUMENTATION",
    "203.0.113.9, DOCUMENTATION",
    "198.18.0.1, BENCHMARK",
    "224.0.0.1, MULTICAST",
    "240.0.0.1, RESERVED",
    "0.0.0.0, UNSPECIFIED",
    "::1, LOOPBACK",
    "::, UNSPECIFIED",
    "2001:db8::1, DOCUMENTATION",
    "fd00::1, PRIVATE",
    "fe80::1, LINK_LOCAL",
    "ff02::1, MULTICAST",
    "2a00:1450:4001::1, PUBLIC",
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:10.0.0.1, PRIVATE",
    "64:ff9b::a00:1, PRIVATE",
    "2002:c0a8:101::1, PRIVATE",
    "fd00:ec2::254, CLOUD_METADATA"
  })
  void classifiesSpecialPurposeAddresses(String ip, AddressClass expected) {
    assertThat(Addresses.classify(Addresses.parse(ip).orElseThrow())).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 1.2.0.192.in-addr.arpa",
    "2001:db8::10, 0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
  })
  void buildsReverseNames(String ip, String name) {
    assertThat(Addresses.reverseName(Addresses.parse(ip).orElseThrow())).isEqualTo(name);
  }

  @ParameterizedTest
  @CsvSource({
    "192.0.2.0/24, 192.0.2.255, true",
    "192.0.2.0/24, 192.0.3.0, false",
    "2001:db8::/32, 2001:db8:1::1, true",
    "10.0.0.0/8, ::ffff:10.0.0.1, true",
    "192.0.2.128/25, 192.0.2.127, false"
  })
  // IPv4-mapped IPv6 addresses are IPv4 addresses to the JDK, so IPv4 blocks contain them.
  void matchesCidrBlocks(String cidr, String ip, boolean expected) {
    assertThat(Cidr.parse(cidr).contains(Addresses.parse(ip).orElseThrow())).isEqualTo(expected);
  }
}
