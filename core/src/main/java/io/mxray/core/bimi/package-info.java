/**
 * BIMI (draft-brand-indicators-for-message-identification, now the BIMI Group's specification): the
 * {@code default._bimi} record, its DMARC prerequisite, and basic SVG Tiny Portable/Secure checks
 * of the logo.
 */
package io.mxray.core.bimi;
