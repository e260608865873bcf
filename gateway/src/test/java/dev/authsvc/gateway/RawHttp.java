package dev.authsvc.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends a request line exactly as written, which {@code java.net.http} and {@code URI} would check or normalize:
 * {@code /log%69n}, {@code /./login}, {@code /x/../login} reach the gateway byte for byte.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** The answer's status code and whole text (status line, headers, body). */
    record Answer(int status, String text) {
    }

    /** Sends the bytes as they are (a request cut short, say) and reads the answer until the gateway closes. */
    static Answer sendPartially(int port, String rawRequest) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return answer(socket.getInputStream());
        }
    }

    static Answer send(int port, String method, String rawTarget, String body, String... headers) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append(method).append(' ').append(rawTarget).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n")
                .append("Connection: close\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        if (body != null) {
            request.append("Content-Type: application/json\r\n")
                    .append("Content-Length: ").append(content.length).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return answer(socket.getInputStream());
        }
    }

    private static Answer answer(InputStream in) throws IOException {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String statusLine = text.substring(0, text.indexOf("\r\n"));
        return new Answer(Integer.parseInt(statusLine.split(" ")[1]), text);
    }
}
