package dev.authsvc.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * A client on this machine's own private-network address (IPv4 10/8, 172.16/12, 192.168/16 or IPv6 unique-local
 * fc00::/7), not on loopback: to a service listening on every interface it is a peer from the private network,
 * as another host there would be. It speaks HTTP/1.0 over a socket bound to that address, since the JDK's client
 * cannot choose its source address on Java 17.
 */
public final class PrivateNetworkPeer {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final InetAddress address;

    private PrivateNetworkPeer(InetAddress address) {
        this.address = address;
    }

    /** This machine's first private-network address, IPv4 preferred; empty when it has none. */
    public static Optional<PrivateNetworkPeer> find() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(PrivateNetworkPeer::up)
                    .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                    .filter(PrivateNetworkPeer::privateNetwork)
                    .min(Comparator.comparing(candidate -> candidate instanceof Inet4Address ? 0 : 1))
                    .map(PrivateNetworkPeer::new);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any non-loopback address of this machine (private or not), IPv4 preferred; empty when it has none. */
    public static Optional<InetAddress> anyNonLoopbackAddress() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(PrivateNetworkPeer::up)
                    .flatMap(network -> Collections.list(network.getInetAddresses()).stream())
                    .filter(candidate -> !candidate.isLoopbackAddress() && !candidate.isLinkLocalAddress())
                    .min(Comparator.comparing(candidate -> candidate instanceof Inet4Address ? 0 : 1));
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The address as a server reports its peer: no IPv6 scope suffix. */
    public String address() {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    /** An answer: the status and the body as text. */
    public record Answer(int status, String body) {
    }

    /** POSTs {@code body} as JSON from this address to {@code path} on this machine's {@code port}. */
    public Answer post(int port, String path, Map<String, String> headers, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder()
                .append("POST ").append(path).append(" HTTP/1.0\r\n")
                .append("Host: ").append(hostHeader()).append(':').append(port).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("Content-Length: ").append(content.length).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.bind(new InetSocketAddress(address, 0));
            socket.connect(new InetSocketAddress(address, port), TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            String statusLine = answer.substring(0, answer.indexOf("\r\n"));
            return new Answer(Integer.parseInt(statusLine.split(" ")[1]),
                    headEnd < 0 ? "" : answer.substring(headEnd + 4));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String hostHeader() {
        return address instanceof Inet6Address ? "[" + address() + "]" : address();
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean privateNetwork(InetAddress candidate) {
        if (candidate instanceof Inet4Address) {
            return candidate.isSiteLocalAddress();
        }
        byte first = candidate.getAddress()[0];
        return (first & 0xfe) == 0xfc;
    }

    @Override
    public String toString() {
        return "PrivateNetworkPeer[" + address() + "]";
    }
}
