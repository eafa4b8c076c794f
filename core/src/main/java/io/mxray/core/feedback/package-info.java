/**
 * Feedback reports that receivers send to a domain's owner, read as data: DMARC aggregate reports
 * (RFC 7489 Appendix C, the DMARCbis aggregate-reporting schema in namespace {@code
 * urn:ietf:params:xml:ns:dmarc-2.0}, and the older drafts still sent), DMARC failure reports (RFC
 * 6591 ARF and plain-text non-ARF ones) and SMTP TLS reports (RFC 8460 §4).
 *
 * <p>Named {@code feedback} (after the XML root element {@code <feedback>}) so it is not confused
 * with the {@code reports} module that renders documents. Pure: octets in, immutable records out;
 * {@link io.mxray.core.feedback.FeedbackReader} unpacks {@code .xml}, {@code .xml.gz}, {@code
 * .zip}, {@code .json}, {@code .json.gz} and e-mail (any MIME nesting) under caps on compressed and
 * decompressed size and entry count, and never throws for bad input: every fault becomes a {@link
 * io.mxray.core.finding.Finding} of {@link io.mxray.core.feedback.FeedbackCodes}.
 */
package io.mxray.core.feedback;
