package io.mxray.web;

import io.vertx.ext.web.RoutingContext;

/** Query and path parameters of the report routes, checked at the edge (400 when bad). */
final class ReportParams {

  private ReportParams() {}

  static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest(name + ": a whole number from " + min + " to " + max);
    }
  }

  static long parseId(String v) {
    try {
      long id = Long.parseLong(v);
      if (id < 1) {
        throw new NumberFormatException();
      }
      return id;
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("id: '" + v + "' is not a report number");
    }
  }

  static boolean flag(RoutingContext ctx, String name) {
    String v = ctx.queryParams().get(name);
    if (v == null || v.isBlank()) {
      return false;
    }
    return switch (v.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "on", "true", "1", "yes" -> true;
      case "off", "false", "0", "no" -> false;
      default -> throw ApiException.badRequest(name + ": on or off");
    };
  }
}
