package io.mxray.core.net;

/**
 * What kind of address an IP is, after the IANA special-purpose registries (RFC 6890 and its
 * updates). Anything not special is {@link #PUBLIC}.
 */
public enum AddressClass {
  PUBLIC("public"),
  LOOPBACK("loopback"),
  PRIVATE("private (RFC 1918 / unique local)"),
  LINK_LOCAL("link-local"),
  CGNAT("shared address space (carrier-grade NAT, RFC 6598)"),
  DOCUMENTATION("documentation (RFC 5737 / RFC 3849)"),
  BENCHMARK("benchmarking (RFC 2544)"),
  MULTICAST("multicast"),
  UNSPECIFIED("unspecified"),
  RESERVED("reserved"),
  CLOUD_METADATA("cloud metadata service");

  private final String description;

  AddressClass(String description) {
    this.description = description;
  }

  public String description() {
    return description;
  }

  public boolean isPublic() {
    return this == PUBLIC;
  }
}
