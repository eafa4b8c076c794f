/**
 * The RFC 5322 message model shared by every package that reads mail: {@link
 * io.mxray.core.message.Message} and {@link io.mxray.core.message.HeaderField} (RFC 5322 §2.2), the
 * date and comment syntax of {@link io.mxray.core.message.MailDate} (RFC 5322 §3.3, §3.2.2), and
 * the Authentication-Results syntax of {@link io.mxray.core.message.AuthResults} (RFC 8601), which
 * ARC (RFC 8617) reuses. Lives below {@code headers}, {@code dkim} and {@code arc} so they form no
 * cycle.
 */
package io.mxray.core.message;
