/**
 * Report intelligence: what the DMARC aggregate and TLS reports a domain received say, checked
 * against the domain's DNS as it is now. {@link io.mxray.core.insight.DmarcInsightAnalyzer} groups
 * the sources that send as the domain, re-evaluates each against the current SPF record (mxray's
 * own RFC 7208 evaluator) and DKIM keys, simulates each DMARC policy step and gives a readiness
 * verdict naming every source that would fail and how to fix it; {@link
 * io.mxray.core.insight.TlsInsightAnalyzer} joins TLS-RPT failures (RFC 8460) with the live probe,
 * MTA-STS and DANE findings of the same MX. All I/O goes through the DNS port.
 */
package io.mxray.core.insight;
