/**
 * MTA-STS (RFC 8461): the {@code _mta-sts} TXT record (§3.1), the policy file fetched over
 * validated HTTPS from {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} (§3.2, §3.3) and MX
 * matching (§4.1).
 */
package io.mxray.core.mtasts;
