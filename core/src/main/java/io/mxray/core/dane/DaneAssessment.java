package io.mxray.core.dane;

import io.mxray.core.dnssec.DnssecStatus;
import io.mxray.core.finding.Finding;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Judges one MX host's DANE set-up from its TLSA records, whether they are DNSSEC-secure, and (when
 * a probe saw one) the certificate chain it presents. Pure: no I/O.
 */
public final class DaneAssessment {

  private DaneAssessment() {}

  /**
   * As {@link #assess(String, String, List, TlsaTrust, List)} with a plain secure/insecure flag.
   */
  public static List<Finding> assess(
      String mxHost,
      String tlsaName,
      List<Tlsa> records,
      boolean secure,
      List<X509Certificate> chain) {
    return assess(mxHost, tlsaName, records, TlsaTrust.of(secure, tlsaName), chain);
  }

  /**
   * @param mxHost the MX host name
   * @param tlsaName the TLSA owner name ({@code _25._tcp.<mx>})
   * @param records the TLSA records found (empty when none)
   * @param trust whether the records are DNSSEC-secure, and if not, what is insecure, bogus or
   *     unknown
   * @param chain the chain the server presented, leaf first; empty when no probe ran or TLS failed
   */
  public static List<Finding> assess(
      String mxHost,
      String tlsaName,
      List<Tlsa> records,
      TlsaTrust trust,
      List<X509Certificate> chain) {
    List<Finding> out = new ArrayList<>();
    if (records.isEmpty()) {
      String publish =
          chain.isEmpty()
              ? tlsaName
                  + ". IN TLSA 3 1 1 <SHA-256 of the server's public key> (and sign the zone with DNSSEC)"
              : tlsaName
                  + ". IN TLSA "
                  + TlsaMatcher.recommendedRecord(chain.get(0))
                  + "\n(and sign the zone with DNSSEC;"
                  + " publish a second record for the next key before rolling it)";
      out.add(
          Finding.of(
                  DaneCodes.MISSING,
                  mxHost,
                  "No TLSA records at "
                      + tlsaName
                      + ": DANE-aware senders cannot authenticate "
                      + mxHost
                      + " and fall back to opportunistic TLS.")
              .withRemediation(publish));
      return out;
    }
    List<String> evidence = records.stream().map(t -> tlsaName + " TLSA " + t.text()).toList();
    switch (trust.status()) {
      case SECURE -> {}
      case INSECURE -> out.add(insecure(mxHost, tlsaName, trust).withEvidence(evidence));
      case BOGUS -> out.add(bogus(mxHost, trust));
      case INDETERMINATE ->
          out.add(
              Finding.of(
                      DaneCodes.INDETERMINATE,
                      mxHost,
                      "Could not validate "
                          + trust.rrset()
                          + ": "
                          + trust.reason()
                          + ". Whether DANE senders use the TLSA records of "
                          + mxHost
                          + " is unknown.")
                  .withRemediation("Retry, or use another resolver with --resolver.")
                  .withEvidence(evidence));
      default -> throw new IllegalStateException(trust.status().toString());
    }
    List<Tlsa> usable = new ArrayList<>();
    for (Tlsa t : records) {
      if (!t.wellFormed()) {
        out.add(
            Finding.of(
                    DaneCodes.INVALID,
                    mxHost,
                    "TLSA record "
                        + t.text()
                        + " has an unknown selector or"
                        + " matching type, or data of the wrong length; it is ignored.")
                .withRemediation(
                    "Remove it or publish a well-formed record such as 3 1 1 <64 hex digits>."));
      } else if (t.usage() == Tlsa.PKIX_TA || t.usage() == Tlsa.PKIX_EE) {
        out.add(
            Finding.of(
                    DaneCodes.UNUSABLE_USAGE,
                    mxHost,
                    "TLSA record "
                        + t.text()
                        + " uses "
                        + (t.usage() == 0 ? "PKIX-TA(0)" : "PKIX-EE(1)")
                        + ", which SMTP senders treat as unusable.")
                .withRemediation("Use DANE-EE(3) (e.g. 3 1 1) or DANE-TA(2) records for SMTP."));
      } else if (t.usableForSmtp()) {
        usable.add(t);
      }
    }
    boolean hasTa = usable.stream().anyMatch(t -> t.usage() == Tlsa.DANE_TA);
    boolean hasEe = usable.stream().anyMatch(t -> t.usage() == Tlsa.DANE_EE);
    if (usable.size() == 1 || (usable.size() > 1 && !(hasTa && hasEe) && distinct(usable) < 2)) {
      out.add(
          Finding.of(
                  DaneCodes.NO_ROLLOVER,
                  mxHost,
                  "Only one usable TLSA record for "
                      + mxHost
                      + ": when the key or certificate changes, DANE senders stop delivering until DNS catches up.")
              .withRemediation(
                  "Publish the next key's record alongside the current one before every change"
                      + " (\"3 1 1 current\" + \"3 1 1 next\"), or pair a 3 1 1 with a 2 1 1 for the issuing CA (RFC 7671 §8.1).")
              .withEvidence(evidence));
    }
    if (!chain.isEmpty() && !usable.isEmpty()) {
      boolean matched = usable.stream().anyMatch(t -> TlsaMatcher.match(t, chain).isPresent());
      if (!matched) {
        out.add(
            Finding.of(
                    DaneCodes.MISMATCH,
                    mxHost,
                    "None of the "
                        + usable.size()
                        + " usable TLSA record(s) for "
                        + mxHost
                        + " matches the certificate chain it presents"
                        + mismatchConsequence(trust.status()))
                .withRemediation(
                    "Publish a record for the certificate in use:\n"
                        + tlsaName
                        + ". IN TLSA "
                        + TlsaMatcher.recommendedRecord(chain.get(0)))
                .withEvidence(evidence));
      } else if (trust.secure() && out.isEmpty()) {
        out.add(
            Finding.of(
                DaneCodes.OK,
                mxHost,
                "DNSSEC-secure TLSA records for "
                    + mxHost
                    + " match the presented certificate chain, with a rollover record in place."));
      }
    }
    return out;
  }

  /**
   * A bogus RRset: validating resolvers answer SERVFAIL and DANE senders defer mail to the host.
   */
  static Finding bogus(String subject, TlsaTrust trust) {
    return Finding.of(
            DaneCodes.BOGUS,
            subject,
            "DNSSEC validation of "
                + trust.rrset()
                + " fails"
                + (trust.reason().isEmpty() ? "" : " (" + trust.reason() + ")")
                + ": validating resolvers answer SERVFAIL"
                + " and DANE senders defer mail to "
                + subject
                + " until it validates (RFC 7672 §2.1.1).")
        .withRemediation(
            "Re-sign the zone holding "
                + trust.rrset()
                + " (expired or broken signatures), or make the"
                + " DS record at the parent match a published DNSKEY.")
        .withEvidence(trust.reason().isEmpty() ? List.of() : List.of(trust.reason()));
  }

  private static Finding insecure(String mxHost, String tlsaName, TlsaTrust trust) {
    boolean ofTlsa = trust.rrset().startsWith(tlsaName + " ");
    String why =
        ofTlsa
            ? "they are not DNSSEC-secure"
            : "the host's address records (" + trust.rrset() + ") are not DNSSEC-secure";
    return Finding.of(
            DaneCodes.INSECURE,
            mxHost,
            "TLSA records are published for "
                + mxHost
                + " but "
                + why
                + ", so senders ignore them (RFC 7672 §2.2).")
        .withRemediation(
            "Sign the zone holding "
                + (ofTlsa ? tlsaName : trust.rrset())
                + " with DNSSEC and publish the DS record at the parent.");
  }

  private static String mismatchConsequence(DnssecStatus status) {
    return switch (status) {
      case SECURE -> ": DANE senders will refuse to deliver to it.";
      case INSECURE ->
          " (the records are not DNSSEC-secure, so senders ignore them today; signing the zone would"
              + " break delivery).";
      case BOGUS ->
          " (senders defer mail already because validation fails; once it validates, they will refuse"
              + " this certificate).";
      case INDETERMINATE ->
          " (if the records validate, DANE senders will refuse to deliver to it).";
    };
  }

  private static long distinct(List<Tlsa> records) {
    return records.stream().map(Tlsa::text).distinct().count();
  }
}
