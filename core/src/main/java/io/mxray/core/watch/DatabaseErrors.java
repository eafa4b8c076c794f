package io.mxray.core.watch;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/** Database failures as one line a person can act on, and database URLs without their secrets. */
public final class DatabaseErrors {

  private DatabaseErrors() {}

  /**
   * The driver's message on one line. PostgreSQL adds detail lines ("Detail:", "Position:"), and
   * says only "The connection attempt failed." for network errors, whose cause names the problem.
   */
  public static String reason(SQLException e) {
    String m = firstLine(e.getMessage());
    Throwable cause = e.getCause();
    if (cause instanceof UnknownHostException) {
      m = trimDot(m) + ": unknown host " + firstLine(cause.getMessage());
    } else if (cause instanceof SocketTimeoutException) {
      m = trimDot(m) + ": no answer in time (" + firstLine(cause.getMessage()) + ")";
    } else if (cause instanceof IOException
        && cause.getMessage() != null
        && m.startsWith("The connection attempt failed")) {
      m = trimDot(m) + ": " + firstLine(cause.getMessage());
    }
    return m;
  }

  private static String firstLine(String s) {
    if (s == null || s.isBlank()) {
      return "no reason given";
    }
    String line = s.strip().lines().findFirst().orElse("").strip();
    return line.replaceAll("\\p{Cntrl}", " ");
  }

  private static String trimDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  /** The URL without its parameters or user information (they may hold the password). */
  public static String redact(String url) {
    String u = url.startsWith("jdbc:") ? url.substring(5) : url;
    int q = u.indexOf('?');
    if (q >= 0) {
      u = u.substring(0, q);
    }
    int at = u.lastIndexOf('@');
    int slashes = u.indexOf("//");
    if (at >= 0 && slashes >= 0 && at > slashes) {
      u = u.substring(0, slashes + 2) + u.substring(at + 1);
    }
    return u;
  }
}
