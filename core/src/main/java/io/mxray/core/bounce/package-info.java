/**
 * Bounce explanation: SMTP replies (RFC 5321 §4.2), enhanced status codes (RFC 3463, RFC 5248
 * registry), delivery status notifications (RFC 3464 inside RFC 6522 multipart/report), ARF
 * feedback reports (RFC 5965), automatic replies (RFC 3834) and the common non-standard MTA bounce
 * texts.
 *
 * <p>Shape: {@link io.mxray.core.bounce.DsnParser} (bytes in, {@link
 * io.mxray.core.bounce.BounceMessage} out, no I/O) → {@link io.mxray.core.bounce.BounceExplainer}
 * classifies each recipient with the ordered, data-driven {@link io.mxray.core.bounce.BounceRules}
 * into a {@link io.mxray.core.bounce.BounceReason} (the Sisimai reason vocabulary) and attaches the
 * explanation and advice of that reason plus the id of the rule that decided it. Nothing here
 * throws for bad input: junk is a finding.
 */
package io.mxray.core.bounce;
