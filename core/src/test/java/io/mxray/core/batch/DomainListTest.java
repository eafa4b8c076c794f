package io.mxray.core.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.dns.DomainName;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DomainListTest {

  @Test
  void ignoresBlanksAndCommentsAndRemovesDuplicatesAfterIdnaConversion() {
    DomainList list =
        DomainList.parse(
            """
        # customers
        good.example

        Good.Example.   # same domain, other spelling
        例え.jp
        xn--r8jz45g.jp
        other.example
        """);
    assertThat(list.domains())
        .extracting(DomainName::ascii)
        .containsExactly("good.example", "xn--r8jz45g.jp", "other.example");
    assertThat(list.duplicates()).isEqualTo(2);
    assertThat(list.rejected()).isEmpty();
  }

  @Test
  void reportsBadNamesWithTheirLineNumberAndKeepsGoing() {
    DomainList list =
        DomainList.parse(
            "good.example\n192.0.2.1\nexa mple.example\n" + "a".repeat(2000) + "\nlast.example\n");
    assertThat(list.domains())
        .extracting(DomainName::ascii)
        .containsExactly("good.example", "last.example");
    assertThat(list.rejected()).extracting(DomainList.Rejected::line).containsExactly(2, 3, 4);
    assertThat(list.rejected().get(2).text()).hasSizeLessThan(50);
  }

  @Test
  void dropsDomainsAlreadyDoneWhenResuming() {
    DomainList list = DomainList.parse("a.example\nb.example\nc.example\n");
    assertThat(list.without(Set.of("b.example")).domains())
        .extracting(DomainName::ascii)
        .containsExactly("a.example", "c.example");
  }

  @Test
  void acceptsAByteOrderMarkAndWindowsLineEnds() {
    assertThat(DomainList.parse("\uFEFFa.example\r\nb.example\r\n").domains())
        .extracting(DomainName::ascii)
        .containsExactly("a.example", "b.example");
  }
}
