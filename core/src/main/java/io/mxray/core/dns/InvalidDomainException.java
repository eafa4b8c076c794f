package io.mxray.core.dns;

/** A user-supplied name is not a domain name; the message is one line meant for the user. */
public class InvalidDomainException extends IllegalArgumentException {
  public InvalidDomainException(String message) {
    super(message);
  }
}
