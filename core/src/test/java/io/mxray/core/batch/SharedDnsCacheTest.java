package io.mxray.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import io.mxray.core.testing.Fixtures;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class SharedDnsCacheTest {

  private final AtomicInteger asked = new AtomicInteger();
  private final DnsClient counting =
      new DnsClient() {
        @Override
        public DnsAnswer query(String name, int type) {
          asked.incrementAndGet();
          return DnsAnswer.empty(name, type, DnsStatus.NXDOMAIN, "", 0, "");
        }

        @Override
        public DnsAnswer queryAuthoritative(InetAddress server, String name, int type) {
          return query(name, type);
        }
      };

  @Test
  void asksEachSharedNameOnceAcrossAudits() {
    SharedDnsCache cache = new SharedDnsCache(counting, Fixtures.CLOCK, 100);
    for (int i = 0; i < 50; i++) {
      cache.query("mx1.provider.example", Type.A);
    }
    assertThat(asked.get()).isEqualTo(1);
  }

  @Test
  void startsAFreshGenerationWhenFullSoMemoryStaysBounded() {
    SharedDnsCache cache = new SharedDnsCache(counting, Fixtures.CLOCK, 10);
    for (int i = 0; i < 1000; i++) {
      cache.query("d" + i + ".example", Type.MX);
      assertThat(cache.size()).isLessThanOrEqualTo(10);
    }
  }

  @Test
  void neverCachesDirectQuestionsToNameServers() throws Exception {
    SharedDnsCache cache = new SharedDnsCache(counting, Fixtures.CLOCK, 10);
    cache.queryAuthoritative(InetAddress.getLoopbackAddress(), "a.example", Type.SOA);
    cache.queryAuthoritative(InetAddress.getLoopbackAddress(), "a.example", Type.SOA);
    assertThat(asked.get()).isEqualTo(2);
  }
}
