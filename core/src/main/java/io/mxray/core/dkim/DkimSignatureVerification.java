package io.mxray.core.dkim;

import java.util.Objects;

/**
 * The outcome of verifying one DKIM-Signature.
 *
 * @param domain d= ("" when unreadable)
 * @param selector s=
 * @param algorithm a=
 * @param identity i= (agent or user identifier)
 * @param result RFC 8601 result
 * @param reason why, in a few words ("body hash did not verify", "key revoked"); "" for a plain
 *     pass
 * @param problem the same as a value ({@link DkimProblem#NONE} for a plain pass)
 * @param keyBits size of the public key used, 0 when none was fetched
 * @param testing the key record says t=y (the domain is testing DKIM)
 * @param headerCanonicalization "simple" or "relaxed"
 * @param bodyCanonicalization "simple" or "relaxed"
 * @param bodyLength l= when present, else -1
 * @param signedHeaders the h= list
 */
public record DkimSignatureVerification(
    String domain,
    String selector,
    String algorithm,
    String identity,
    DkimSignatureResult result,
    String reason,
    DkimProblem problem,
    int keyBits,
    boolean testing,
    String headerCanonicalization,
    String bodyCanonicalization,
    long bodyLength,
    java.util.List<String> signedHeaders) {

  public DkimSignatureVerification {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(problem, "problem");
    signedHeaders = java.util.List.copyOf(signedHeaders);
  }
}
