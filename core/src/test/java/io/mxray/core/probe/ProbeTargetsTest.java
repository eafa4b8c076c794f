package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.net.Addresses;
import io.mxray.core.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a query stands for: every address of every MX host (IPv4 and IPv6), each on its own. */
class ProbeTargetsTest {

  private static List<String> targets(String query, String ports) {
    var dns = Fixtures.zones("probe/dual.zone").build();
    return ProbeTargets.resolve(dns, query, PortSpec.parseList(ports)).targets().stream()
        .map(t -> t.name() + " " + Addresses.toText(t.address()) + " " + t.port())
        .toList();
  }

  @Test
  void everyAddressOfEveryMxIsProbedIpv4First() {
    // Fails on the code before issue 18, which probed only the first (IPv4) address.
    assertThat(targets("dual.example", "25"))
        .containsExactly(
            "mx1.dual.example 192.0.2.10 25",
            "mx1.dual.example 2001:db8::10 25",
            "mx2.dual.example 192.0.2.11 25");
  }

  @Test
  void aPlainHostNameStandsForAllItsAddressesOnEveryPort() {
    assertThat(targets("host.dual.example", "25,587"))
        .containsExactly(
            "host.dual.example 192.0.2.20 25",
            "host.dual.example 192.0.2.20 587",
            "host.dual.example 2001:db8::20 25",
            "host.dual.example 2001:db8::20 587");
  }
}
