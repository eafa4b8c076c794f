package io.mxray.core.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsCredentialedDecryptor;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsServerProtocol;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.DHGroup;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.TlsDHConfig;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.bouncycastle.tls.crypto.impl.jcajce.JceDefaultTlsCredentialedDecryptor;

/**
 * A Bouncy Castle TLS server behind an SMTP STARTTLS preamble, for scanner tests: it speaks only
 * the versions and suites it is given and, for DHE, the group it is given (a 1024-bit one, say),
 * which the JDK's server cannot be told to do.
 */
final class BcTlsServer {

  private BcTlsServer() {}

  static final JcaTlsCrypto CRYPTO = new JcaTlsCryptoProvider().create(new SecureRandom());

  /** SMTP: greeting, EHLO with STARTTLS, STARTTLS, then TLS with this server; EHLO/QUIT after. */
  static ScriptedServer.Script starttls(
      TlsInspectionTest.Identity id, ProtocolVersion[] versions, int[] suites, DHGroup dh) {
    return c -> {
      c.send("220 mx.fake.example ESMTP");
      String line;
      while ((line = c.read()) != null) {
        if (line.startsWith("EHLO")) {
          c.send("250-mx.fake.example");
          c.send("250 STARTTLS");
        } else if (line.startsWith("STARTTLS")) {
          c.send("220 2.0.0 Ready to start TLS");
          TlsServerProtocol p = new TlsServerProtocol(c.in, c.out);
          try {
            p.accept(new Server(id, versions, suites, dh));
          } catch (IOException e) {
            return; // refused or dropped by the client: the scan's business
          }
          BufferedReader in =
              new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
          OutputStream out = p.getOutputStream();
          String l;
          while ((l = in.readLine()) != null) {
            String reply = l.startsWith("QUIT") ? "221 Bye" : "250 mx.fake.example";
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (l.startsWith("QUIT")) {
              p.close();
              return;
            }
          }
          return;
        } else if (line.startsWith("QUIT")) {
          c.send("221 Bye");
          return;
        }
      }
    };
  }

  private static final class Server extends DefaultTlsServer {
    private final TlsInspectionTest.Identity id;
    private final ProtocolVersion[] versions;
    private final int[] suites;
    private final DHGroup dh;

    Server(TlsInspectionTest.Identity id, ProtocolVersion[] versions, int[] suites, DHGroup dh) {
      super(CRYPTO);
      this.id = id;
      this.versions = versions;
      this.suites = suites;
      this.dh = dh;
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return versions;
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return suites;
    }

    @Override
    public TlsDHConfig getDHConfig() throws IOException {
      return dh == null ? super.getDHConfig() : new TlsDHConfig(dh);
    }

    private Certificate certificate() throws IOException {
      TlsCertificate c;
      try {
        c = CRYPTO.createCertificate(id.cert().getEncoded());
      } catch (java.security.cert.CertificateEncodingException e) {
        throw new IOException(e);
      }
      return new Certificate(new TlsCertificate[] {c});
    }

    @Override
    protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
      SignatureAndHashAlgorithm alg = null;
      if (TlsUtils.isSignatureAlgorithmsExtensionAllowed(context.getServerVersion())) {
        @SuppressWarnings("unchecked")
        Vector<SignatureAndHashAlgorithm> offered =
            context.getSecurityParametersHandshake().getClientSigAlgs();
        for (SignatureAndHashAlgorithm a : offered) {
          if (a.getSignature() == SignatureAlgorithm.rsa) {
            alg = a;
            break;
          }
        }
      }
      return new JcaDefaultTlsCredentialedSigner(
          new TlsCryptoParameters(context), CRYPTO, id.keys().getPrivate(), certificate(), alg);
    }

    @Override
    protected TlsCredentialedDecryptor getRSAEncryptionCredentials() throws IOException {
      return new JceDefaultTlsCredentialedDecryptor(CRYPTO, certificate(), id.keys().getPrivate());
    }
  }
}
