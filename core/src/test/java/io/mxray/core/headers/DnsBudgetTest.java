package io.mxray.core.headers;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dns.DnsStatus;
import io.mxray.core.dns.ZoneFileDnsClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class DnsBudgetTest {

  static final ZoneFileDnsClient ZONE =
      ZoneFileDnsClient.builder()
          .zone("example.com", "@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\nwww IN A 192.0.2.1\n")
          .build();

  @Test
  void answersTimeoutOnceTheQueryCountIsUsedUp() {
    DnsBudget b = new DnsBudget(ZONE, Duration.ofMinutes(1), 2);
    assertThat(b.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.NOERROR);
    assertThat(b.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.NOERROR);
    assertThat(b.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.TIMEOUT);
  }

  @Test
  void answersTimeoutOnceTheTimeBudgetIsUsedUp() {
    DnsBudget b = new DnsBudget(ZONE, Duration.ZERO.minusSeconds(1), 100);
    assertThat(b.query("www.example.com", Type.A).status()).isEqualTo(DnsStatus.TIMEOUT);
  }
}
