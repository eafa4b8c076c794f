package io.mxray.core.spf;

/**
 * The processing limits of RFC 7208 §4.6.4. The defaults are the RFC's; diagnostics may raise them
 * to see how far over a record is.
 *
 * @param dnsTerms mechanisms and modifiers that query DNS (include, a, mx, ptr, exists, redirect)
 * @param mxNames address lookups per mx mechanism (more MX records is a permerror)
 * @param ptrNames names checked per ptr mechanism or %{p} (the rest are ignored)
 * @param voidLookups lookups answering NXDOMAIN or no data
 */
public record SpfLimits(int dnsTerms, int mxNames, int ptrNames, int voidLookups) {

  public static final SpfLimits RFC = new SpfLimits(10, 10, 10, 2);

  public SpfLimits {
    if (dnsTerms < 0 || mxNames < 0 || ptrNames < 0 || voidLookups < 0) {
      throw new IllegalArgumentException("limits must not be negative");
    }
  }
}
