package io.mxray.core.watch;

/** The store cannot be used (unreadable file, database down, schema from a newer mxray). */
public class WatchStoreException extends RuntimeException {
  public WatchStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
