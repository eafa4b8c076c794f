package io.mxray.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * The user asked for something impossible; the message is printed as one line and the exit code is
 * 64.
 */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }

  /**
   * What went wrong with a file, in words: java.nio's exceptions carry only the path as their
   * message ("cannot read x: x"), so the common cases are named.
   */
  static String describe(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason(); // "Is a directory", "Not a directory", …
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
