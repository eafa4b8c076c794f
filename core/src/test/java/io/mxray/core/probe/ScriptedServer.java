package io.mxray.core.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-process server on 127.0.0.1, port 0, that plays a script on each connection: the hostile or
 * odd behaviour real servers will not show on demand (silence, dripping bytes, endless lines,
 * garbage).
 */
final class ScriptedServer implements AutoCloseable {

  /** What to do with one accepted connection. */
  interface Script {
    void play(Conn c) throws IOException, InterruptedException;
  }

  /** One accepted connection with line helpers. */
  static final class Conn {
    final Socket socket;
    final InputStream in;
    final OutputStream out;

    Conn(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
    }

    void send(String line) throws IOException {
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    void raw(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** Reads one line (without CR LF), or null at end of stream. */
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

  private final ServerSocket server;
  private final List<Socket> clients = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  ScriptedServer(Script script) throws IOException {
    server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor =
        new Thread(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket s = server.accept();
                  clients.add(s);
                  Thread t =
                      new Thread(
                          () -> {
                            try {
                              script.play(new Conn(s));
                            } catch (IOException | InterruptedException e) {
                              // the probe hung up or the test ended
                            }
                          },
                          "scripted-conn");
                  t.setDaemon(true);
                  t.start();
                } catch (IOException e) {
                  return;
                }
              }
            },
            "scripted-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  InetAddress address() {
    return server.getInetAddress();
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : clients) {
      s.close();
    }
  }

  /** A plain, well-behaved SMTP dialogue with the given EHLO keywords and RCPT answer. */
  static Script smtp(String greeting, List<String> keywords, String rcptReply) {
    return c -> {
      c.send(greeting);
      String line;
      while ((line = c.read()) != null) {
        String cmd = line.toUpperCase(java.util.Locale.ROOT);
        if (cmd.startsWith("EHLO")) {
          c.send(keywords.isEmpty() ? "250 fake.example" : "250-fake.example");
          for (int i = 0; i < keywords.size(); i++) {
            c.send((i == keywords.size() - 1 ? "250 " : "250-") + keywords.get(i));
          }
        } else if (cmd.startsWith("MAIL")) {
          c.send("250 2.1.0 Ok");
        } else if (cmd.startsWith("RCPT")) {
          c.send(rcptReply);
        } else if (cmd.startsWith("QUIT")) {
          c.send("221 2.0.0 Bye");
          return;
        } else {
          c.send("250 2.0.0 Ok");
        }
      }
    };
  }
}
