/** The Vert.x HTTP API and dashboard (issue: reports and the web service). */
package io.mxray.web;
