/**
 * ARC, Authenticated Received Chain (RFC 8617): chain validation of ARC-Seal, ARC-Message-Signature
 * and ARC-Authentication-Results sets, reusing DKIM canonicalization and key lookup.
 */
package io.mxray.core.arc;
