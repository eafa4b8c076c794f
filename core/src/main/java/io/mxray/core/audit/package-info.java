/**
 * The audit machinery: {@link io.mxray.core.audit.Check}s run in parallel by the {@link
 * io.mxray.core.audit.Auditor}, each producing a {@link io.mxray.core.audit.CheckResult}.
 */
package io.mxray.core.audit;
