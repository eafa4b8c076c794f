/** Renderings of core results: JSON (Jackson), text for terminals, and (later) single-file HTML. */
package io.mxray.reports;
