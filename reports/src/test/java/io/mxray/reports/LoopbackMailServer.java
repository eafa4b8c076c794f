package io.mxray.reports;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A small mail server on 127.0.0.1, port 0, for feeding real probes: well-behaved SMTP (with
 * STARTTLS, or implicit TLS), POP3 and IMAP dialogues, TLS with a self-signed certificate generated
 * in the test.
 */
final class LoopbackMailServer implements AutoCloseable {

  /** The dialogues it can speak. */
  enum Dialogue {
    SMTP_STARTTLS,
    SMTP_PLAIN,
    SMTPS,
    POP3,
    IMAP
  }

  static final String NAME = "mx.schema.example";

  private static final char[] PASSWORD = "test".toCharArray();
  private static SSLContext tls;
  private static X509Certificate certificate;

  private final ServerSocket server;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();

  LoopbackMailServer(Dialogue dialogue) throws Exception {
    SSLContext ctx = tls();
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  clients.add(s);
                  Thread t = new Thread(() -> serve(dialogue, ctx, s), "loopback-mail");
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "loopback-mail-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  InetAddress address() {
    return server.getInetAddress();
  }

  /** The self-signed certificate every TLS dialogue presents. */
  static synchronized X509Certificate certificate() throws Exception {
    tls();
    return certificate;
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : clients) {
      s.close();
    }
  }

  /** A port on 127.0.0.1 that nothing listens on (bound, then released). */
  static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  private void serve(Dialogue dialogue, SSLContext ctx, Socket socket) {
    try {
      Conn c = new Conn(socket);
      switch (dialogue) {
        case SMTP_STARTTLS -> smtp(c, ctx, true);
        case SMTP_PLAIN -> smtp(c, ctx, false);
        case SMTPS -> smtp(c.startTls(ctx), ctx, false);
        case POP3 -> pop3(c);
        case IMAP -> imap(c);
      }
    } catch (IOException e) {
      // the probe hung up, or the test ended
    } finally {
      try {
        // Hang up like a real server after QUIT, so the client's TLS close does not wait for us.
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  private static void smtp(Conn c, SSLContext ctx, boolean offerTls) throws IOException {
    c.send("220 " + NAME + " ESMTP schema test");
    String line;
    while ((line = c.read()) != null) {
      String cmd = line.toUpperCase(Locale.ROOT);
      if (cmd.startsWith("EHLO")) {
        c.send("250-" + NAME);
        c.send("250-PIPELINING");
        if (offerTls && !c.tls) {
          c.send("250-SIZE 10240000");
          c.send("250-STARTTLS");
        } else if (c.tls) {
          c.send("250-AUTH PLAIN LOGIN");
        }
        c.send("250 8BITMIME");
      } else if (cmd.equals("STARTTLS") && offerTls && !c.tls) {
        c.send("220 2.0.0 Ready to start TLS");
        c = c.startTls(ctx);
      } else if (cmd.startsWith("MAIL")) {
        c.send("250 2.1.0 Ok");
      } else if (cmd.startsWith("RCPT")) {
        c.send("554 5.7.1 Relay access denied");
      } else if (cmd.startsWith("RSET")) {
        c.send("250 2.0.0 Ok");
      } else if (cmd.startsWith("QUIT")) {
        c.send("221 2.0.0 Bye");
        return;
      } else {
        c.send("502 5.5.2 Command not recognized");
      }
    }
  }

  private static void pop3(Conn c) throws IOException {
    c.send("+OK POP3 ready <1896.697170952@" + NAME + ">");
    String line;
    while ((line = c.read()) != null) {
      String cmd = line.toUpperCase(Locale.ROOT);
      if (cmd.equals("CAPA")) {
        c.send("+OK Capability list follows");
        c.send("USER");
        c.send("SASL PLAIN");
        c.send(".");
      } else if (cmd.equals("QUIT")) {
        c.send("+OK Bye");
        return;
      } else {
        c.send("-ERR unknown command");
      }
    }
  }

  private static void imap(Conn c) throws IOException {
    c.send("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] schema test ready");
    String line;
    while ((line = c.read()) != null) {
      String[] words = line.split(" ", 2);
      String tag = words[0];
      String cmd = words.length > 1 ? words[1].toUpperCase(Locale.ROOT) : "";
      if (cmd.equals("CAPABILITY")) {
        c.send("* CAPABILITY IMAP4rev1 AUTH=PLAIN LOGIN-REFERRALS");
        c.send(tag + " OK CAPABILITY completed");
      } else if (cmd.equals("LOGOUT")) {
        c.send("* BYE logging out");
        c.send(tag + " OK LOGOUT completed");
        return;
      } else {
        c.send(tag + " BAD unknown command");
      }
    }
  }

  /** One connection: unbuffered line reads, so nothing is lost when TLS starts. */
  private static final class Conn {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final boolean tls;

    Conn(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
      this.tls = socket instanceof SSLSocket;
    }

    Conn startTls(SSLContext ctx) throws IOException {
      SSLSocket s =
          (SSLSocket) ctx.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
      s.setUseClientMode(false);
      s.startHandshake();
      return new Conn(s);
    }

    void send(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
    }

    String read() throws IOException {
      StringBuilder b = new StringBuilder();
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          return b.toString().replace("\r", "");
        }
        b.append((char) c);
      }
      return b.length() == 0 ? null : b.toString();
    }
  }

  private static synchronized SSLContext tls() throws Exception {
    if (tls == null) {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      KeyPair keys = g.generateKeyPair();
      X500Name name = new X500Name("CN=" + NAME);
      Instant now = Instant.now();
      certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  new JcaX509v3CertificateBuilder(
                          name,
                          BigInteger.valueOf(now.toEpochMilli()),
                          Date.from(now.minus(Duration.ofDays(1))),
                          Date.from(now.plus(Duration.ofDays(30))),
                          name,
                          keys.getPublic())
                      .addExtension(
                          Extension.subjectAlternativeName,
                          false,
                          new GeneralNames(new GeneralName(GeneralName.dNSName, NAME)))
                      .build(
                          new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("leaf", keys.getPrivate(), PASSWORD, new X509Certificate[] {certificate});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      tls = ctx;
    }
    return tls;
  }
}
