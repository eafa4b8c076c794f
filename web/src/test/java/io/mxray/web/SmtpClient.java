package io.mxray.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** A minimal SMTP client for the receiver tests: one command, one (multi-line) reply. */
final class SmtpClient implements AutoCloseable {

  private Socket socket;
  private BufferedReader in;
  private OutputStream out;

  SmtpClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    streams();
  }

  private void streams() throws IOException {
    in =
        new BufferedReader(
            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
    out = socket.getOutputStream();
  }

  /** The whole reply; its code is the first three characters. */
  String reply() throws IOException {
    StringBuilder sb = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      sb.append(line).append('\n');
      if (line.length() < 4 || line.charAt(3) != '-') {
        break;
      }
    }
    return sb.toString();
  }

  String send(String command) throws IOException {
    out.write((command + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return reply();
  }

  void raw(byte[] b) throws IOException {
    out.write(b);
    out.flush();
  }

  /** STARTTLS, trusting the receiver's (self-signed) certificate; returns the protocol. */
  String startTls() throws Exception {
    String r = send("STARTTLS");
    if (!r.startsWith("220")) {
      throw new IOException("STARTTLS refused: " + r);
    }
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(
        null,
        new TrustManager[] {
          new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {}

            public void checkServerTrusted(X509Certificate[] c, String a) {}

            public X509Certificate[] getAcceptedIssuers() {
              return new X509Certificate[0];
            }
          }
        },
        new SecureRandom());
    SSLSocket s =
        (SSLSocket)
            ctx.getSocketFactory().createSocket(socket, "127.0.0.1", socket.getPort(), true);
    s.startHandshake();
    socket = s;
    streams();
    return s.getSession().getProtocol();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
