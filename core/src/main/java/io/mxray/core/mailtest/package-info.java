/**
 * Send-a-test-mail: one-time addresses at mxray's own SMTP receiver and the analysis of the message
 * that arrives at one, "as received" — SPF on the real connecting address, HELO and MAIL FROM (RFC
 * 7208 §2.3, §2.4), DKIM, ARC, DMARC alignment (RFC 7489 §3.1), reverse DNS with the S25R generic
 * name rules, the TLS version and cipher the sender used, the bulk-sender checklist and the hop
 * table (the message analysis of {@code headers}). Also the receiver's recipient policy: which RCPT
 * TO addresses it accepts (configured report addresses and live test addresses only — never a
 * relay).
 */
package io.mxray.core.mailtest;
