/** IP address helpers: CIDR blocks and the IANA special-purpose registries (RFC 6890). */
package io.mxray.core.net;
