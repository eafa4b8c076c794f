package io.mxray.core.probe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One port to probe and the service spoken there: {@code 25}, {@code smtp:2525}, {@code
 * imaps:1993}. A bare well-known number implies its service; other ports must name one. Pure
 * parser.
 */
public record PortSpec(Service service, int port) {

  /** Most ports one probe command takes. */
  public static final int MAX_PORTS = 32;

  public static final List<PortSpec> ALL =
      List.of(Service.values()).stream().map(s -> new PortSpec(s, s.defaultPort())).toList();

  /** Parses a comma-separated list; throws IllegalArgumentException with a one-line reason. */
  public static List<PortSpec> parseList(String text) {
    Set<PortSpec> out = new LinkedHashSet<>();
    for (String part : text.split(",")) {
      String p = part.strip();
      if (p.isEmpty()) {
        continue;
      }
      if (out.size() >= MAX_PORTS) {
        throw new IllegalArgumentException("at most " + MAX_PORTS + " ports");
      }
      out.add(parse(p));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no ports given");
    }
    return new ArrayList<>(out);
  }

  public static PortSpec parse(String p) {
    int colon = p.indexOf(':');
    if (colon >= 0) {
      String name = p.substring(0, colon);
      Service s =
          Service.named(name)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown service '"
                              + name
                              + "' (known: smtp, submission, smtps, pop3, pop3s, imap, imaps)"));
      return new PortSpec(s, number(p.substring(colon + 1), p));
    }
    Service named = Service.named(p).orElse(null);
    if (named != null) {
      return new PortSpec(named, named.defaultPort());
    }
    int port = number(p, p);
    Service s =
        Service.forPort(port)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "port "
                            + port
                            + " is not a well-known mail port; name its protocol, e.g. smtp:"
                            + port));
    return new PortSpec(s, port);
  }

  private static int number(String s, String whole) {
    try {
      int n = Integer.parseInt(s.strip());
      if (n < 1 || n > 65535) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + whole + "': port must be a number between 1 and 65535");
    }
  }
}
