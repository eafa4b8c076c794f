package io.mxray.core.dkim;

import io.mxray.core.syntax.TagList;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * A parsed DKIM-Signature (RFC 6376 §3.5) or ARC-Message-Signature (RFC 8617 §4.1.2) header value.
 * Pure: parsing never throws; a malformed signature has a non-empty {@link #error()} (a PERMERROR
 * when verified).
 *
 * @param algorithm a= ("rsa-sha256", "rsa-sha1", "ed25519-sha256"), lower-case
 * @param signature b= decoded (empty when invalid)
 * @param bodyHash bh= decoded
 * @param headerRelaxed c= header part is relaxed
 * @param bodyRelaxed c= body part is relaxed
 * @param domain d=, lower-case
 * @param signedHeaders h=, lower-case, in order
 * @param identity i= (DKIM: the agent or user identifier; ARC: the instance number as text)
 * @param length l=, when present
 * @param selector s=
 * @param timestamp t=, when present
 * @param expiration x=, when present
 * @param error empty when the signature is well-formed
 */
public record DkimSignature(
    String algorithm,
    byte[] signature,
    byte[] bodyHash,
    boolean headerRelaxed,
    boolean bodyRelaxed,
    String domain,
    List<String> signedHeaders,
    String identity,
    OptionalLong length,
    String selector,
    OptionalLong timestamp,
    OptionalLong expiration,
    String error) {

  /** Most names in h=; more is abuse. */
  public static final int MAX_SIGNED_HEADERS = 200;

  public DkimSignature {
    signedHeaders = List.copyOf(signedHeaders);
  }

  public boolean valid() {
    return error.isEmpty();
  }

  public boolean sha1() {
    return algorithm.endsWith("sha1");
  }

  public boolean ed25519() {
    return algorithm.startsWith("ed25519");
  }

  /** Parses a DKIM-Signature value (RFC 6376 §6.1.1 rules). */
  public static DkimSignature parse(String value) {
    return parse(value, false);
  }

  /** Parses an ARC-Message-Signature value: no v=, and i= is the instance number. */
  public static DkimSignature parseArc(String value) {
    return parse(value, true);
  }

  private static DkimSignature parse(String value, boolean arc) {
    TagList t = TagList.parse(value);
    if (!t.ok()) {
      return invalid("syntax error: " + t.error());
    }
    if (!arc) {
      if (!t.has("v")) {
        return invalid("v= is missing");
      }
      if (!t.get("v").get().equals("1")) {
        return invalid("unsupported version v=" + t.get("v").get());
      }
    }
    for (String required : List.of("a", "b", "bh", "d", "h", "s")) {
      if (!t.has(required)) {
        return invalid(required + "= is missing");
      }
    }
    if (arc && !t.has("i")) {
      return invalid("i= is missing");
    }
    String a = arc ? t.get("a").get() : t.get("a").get().toLowerCase(Locale.ROOT);
    if (arc && !a.equals("rsa-sha256")) {
      return invalid("ARC allows only a=rsa-sha256 (found a=" + a + ")"); // RFC 8617 §4.1.2
    }
    if (!List.of("rsa-sha256", "rsa-sha1", "ed25519-sha256").contains(a)) {
      return invalid("unsupported algorithm a=" + a);
    }
    byte[] b;
    byte[] bh;
    try {
      b = Base64.getDecoder().decode(t.get("b").get().replaceAll("[\\s]", ""));
      bh = Base64.getDecoder().decode(t.get("bh").get().replaceAll("[\\s]", ""));
    } catch (IllegalArgumentException e) {
      return invalid("b= or bh= is not valid base64");
    }
    if (b.length == 0) {
      return invalid("b= is empty");
    }
    // ARC sealers (OpenARC, the ValiMail suite) treat a missing c= as relaxed/relaxed; DKIM's
    // default is simple.
    String c =
        t.get("c").orElse(arc ? "relaxed/relaxed" : "simple/simple").toLowerCase(Locale.ROOT);
    String[] cp = c.split("/", -1);
    if (cp.length > 2 || !isCanon(cp[0]) || (cp.length == 2 && !isCanon(cp[1]))) {
      return invalid("unsupported canonicalization c=" + c);
    }
    boolean hRelaxed = cp[0].equals("relaxed");
    boolean bRelaxed = cp.length == 2 && cp[1].equals("relaxed");
    String d = t.get("d").get().strip().toLowerCase(Locale.ROOT);
    if (!isDomain(d)) {
      return invalid("d= is not a domain name");
    }
    List<String> h = new ArrayList<>();
    for (String name : t.get("h").get().split(":")) {
      String n = name.replaceAll("\\s", "").toLowerCase(Locale.ROOT);
      if (!n.isEmpty()) {
        h.add(n);
      }
    }
    if (h.size() > MAX_SIGNED_HEADERS) {
      return invalid("h= lists more than " + MAX_SIGNED_HEADERS + " fields");
    }
    if (!arc && !h.contains("from")) {
      return invalid("h= does not include From");
    }
    String s = t.get("s").get().strip();
    if (!s.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
      return invalid("s= is not a selector");
    }
    String i =
        arc
            ? t.get("i").orElse("").strip()
            : t.get("i").map(DkimSignature::dkimQuotedPrintable).orElse("@" + d);
    if (arc) {
      if (!i.matches("\\d{1,2}")) {
        return invalid("i= must be an instance number 1-50");
      }
    } else {
      int at = i.lastIndexOf('@');
      String idom = (at >= 0 ? i.substring(at + 1) : i).toLowerCase(Locale.ROOT);
      if (!idom.equals(d) && !idom.endsWith("." + d)) {
        return invalid("i= domain " + idom + " is not d= or below it");
      }
    }
    OptionalLong l;
    OptionalLong ts;
    OptionalLong x;
    try {
      l = number(t, "l");
      ts = number(t, "t");
      x = number(t, "x");
    } catch (NumberFormatException e) {
      return invalid("l=, t= or x= is not a number");
    }
    if (x.isPresent() && ts.isPresent() && x.getAsLong() < ts.getAsLong()) {
      return invalid("x= is before t=");
    }
    if (t.has("q") && !t.get("q").get().toLowerCase(Locale.ROOT).contains("dns/txt")) {
      return invalid("unsupported query method q=" + t.get("q").get());
    }
    return new DkimSignature(a, b, bh, hRelaxed, bRelaxed, d, h, i, l, s, ts, x, "");
  }

  /**
   * Decodes a dkim-quoted-printable value (RFC 6376 §2.11, used by i= and z=, §3.5): white space
   * (FWS) is removed and {@code =XX} becomes the octet XX; the octets are read as UTF-8 (RFC 6376
   * §3.5 allows internationalised local parts), else ISO-8859-1. A lone "=" stays as written.
   */
  public static String dkimQuotedPrintable(String value) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream(value.length());
    for (int k = 0; k < value.length(); k++) {
      char c = value.charAt(k);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        continue;
      }
      if (c == '='
          && k + 2 < value.length()
          && Character.digit(value.charAt(k + 1), 16) >= 0
          && Character.digit(value.charAt(k + 2), 16) >= 0) {
        b.write(
            Character.digit(value.charAt(k + 1), 16) * 16
                + Character.digit(value.charAt(k + 2), 16));
        k += 2;
      } else if (c < 0x100) {
        b.write(c);
      } else {
        b.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    byte[] octets = b.toByteArray();
    try {
      return java.nio.charset.StandardCharsets.UTF_8
          .newDecoder()
          .decode(java.nio.ByteBuffer.wrap(octets))
          .toString();
    } catch (java.nio.charset.CharacterCodingException e) {
      return new String(octets, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  /** A syntactically valid domain name (LDH labels, at least two). */
  public static boolean isDomain(String d) {
    return d.length() <= 253
        && d.matches(
            "(?i)([a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9])?\\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  }

  private static boolean isCanon(String c) {
    return c.equals("simple") || c.equals("relaxed");
  }

  private static OptionalLong number(TagList t, String tag) {
    if (!t.has(tag)) {
      return OptionalLong.empty();
    }
    String v = t.get(tag).get().strip();
    if (!v.matches("\\d{1,18}")) {
      throw new NumberFormatException(v);
    }
    return OptionalLong.of(Long.parseLong(v));
  }

  /** A malformed signature; d= and s= are still reported when they can be read. */
  private static DkimSignature invalid(String error) {
    return new DkimSignature(
        "",
        new byte[0],
        new byte[0],
        false,
        false,
        "",
        List.of(),
        "",
        OptionalLong.empty(),
        "",
        OptionalLong.empty(),
        OptionalLong.empty(),
        error);
  }

  /** d= and s= from a signature that may not parse, for reporting. */
  public static String[] domainAndSelector(String value) {
    TagList t = TagList.parse(value);
    String d = t.tags().getOrDefault("d", "");
    String s = t.tags().getOrDefault("s", "");
    if (!t.ok()) {
      java.util.regex.Matcher md =
          java.util.regex.Pattern.compile("(?:^|;)\\s*d\\s*=\\s*([^;\\s]+)").matcher(value);
      java.util.regex.Matcher ms =
          java.util.regex.Pattern.compile("(?:^|;)\\s*s\\s*=\\s*([^;\\s]+)").matcher(value);
      d = md.find() ? md.group(1) : "";
      s = ms.find() ? ms.group(1) : "";
    }
    return new String[] {d.toLowerCase(Locale.ROOT), s};
  }
}
