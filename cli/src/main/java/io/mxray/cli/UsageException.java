package io.mxray.cli;

/** The user asked for something impossible; the message is printed as one line and the exit code is 64. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
