package io.mxray.core.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrgDomainTest {

  @Test
  void usesThePublicSuffixList() {
    assertThat(OrgDomain.of("mail.example.co.uk")).isEqualTo("example.co.uk");
    assertThat(OrgDomain.of("a.b.example.com")).isEqualTo("example.com");
    assertThat(OrgDomain.of("Example.COM.")).isEqualTo("example.com");
    assertThat(OrgDomain.publicSuffix("x.example.co.uk")).isEqualTo("co.uk");
  }

  @Test
  void includesThePrivateSectionOfThePsl() {
    // As OpenDMARC and most receivers do: github.io customers are separate organizations.
    assertThat(OrgDomain.of("www.project.github.io")).isEqualTo("project.github.io");
  }

  @Test
  void appliesTheDefaultRuleToNamesOutsideThePsl() {
    assertThat(OrgDomain.of("deep.sub.org.example")).isEqualTo("org.example");
    assertThat(OrgDomain.of("a.b.test")).isEqualTo("b.test");
  }

  @Test
  void aPublicSuffixIsItsOwnOrganizationalDomain() {
    assertThat(OrgDomain.of("co.uk")).isEqualTo("co.uk");
    assertThat(OrgDomain.isPublicSuffix("com")).isTrue();
    assertThat(OrgDomain.isPublicSuffix("example.com")).isFalse();
  }

  @Test
  void comparesOrganizations() {
    assertThat(OrgDomain.sameOrganization("bounce.example.com", "example.com")).isTrue();
    assertThat(OrgDomain.sameOrganization("example.com", "example.net")).isFalse();
  }

  @Test
  void walksTheTreeUpToButExcludingTheTld() {
    assertThat(OrgDomain.treeWalk("a.b.example.com"))
        .containsExactly("a.b.example.com", "b.example.com", "example.com");
    assertThat(OrgDomain.treeWalk("1.2.3.4.5.6.7.8.9.example"))
        .containsExactly(
            "1.2.3.4.5.6.7.8.9.example",
            "4.5.6.7.8.9.example",
            "5.6.7.8.9.example",
            "6.7.8.9.example",
            "7.8.9.example",
            "8.9.example",
            "9.example");
  }
}
