/**
 * The findings model: {@link io.mxray.core.finding.Finding}, {@link
 * io.mxray.core.finding.Severity}, {@link io.mxray.core.finding.FindingCode} and the catalogue of
 * every code mxray can emit.
 */
package io.mxray.core.finding;
