/**
 * Sender Policy Framework, RFC 7208: a pure parser ({@link io.mxray.core.spf.SpfParser}) and macro
 * language (§7, {@link io.mxray.core.spf.SpfMacroString}), the {@code check_host()} evaluator with
 * the §4.6.4 limits and a full trace ({@link io.mxray.core.spf.SpfEvaluator}), the static
 * include/redirect lookup tree ({@link io.mxray.core.spf.SpfTree}) and the linter check ({@link
 * io.mxray.core.spf.SpfCheck}).
 */
package io.mxray.core.spf;
