package io.mxray.core.dns;

/**
 * A zone file could not be read or parsed; the message names the file and line and is meant for
 * users.
 */
public class ZoneFileException extends IllegalArgumentException {
  public ZoneFileException(String message) {
    super(message);
  }
}
