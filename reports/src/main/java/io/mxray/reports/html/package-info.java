/**
 * Single-file HTML reports (Handlebars): view models built for templates, one partial per check id
 * under {@code templates/checks/}, inline CSS, no external assets, every value escaped.
 */
package io.mxray.reports.html;
