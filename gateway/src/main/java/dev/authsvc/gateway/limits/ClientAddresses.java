package dev.authsvc.gateway.limits;

import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which client a request counts against. A request from a trusted proxy ({@code GATEWAY_TRUSTED_PROXIES}, the
 * regex that also decides whose {@code X-Forwarded-For} the gateway passes on) is the client that proxy reports:
 * the right-most address in {@code X-Forwarded-For} that is not itself a trusted proxy (everything left of it
 * was written by the client and may be forged). Any other request is its socket address, whatever headers it
 * carries. An IPv6 client is its /64, since one host is commonly given a whole /64 to pick addresses from;
 * an IPv4 client is its address.
 */
public final class ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final Pattern trustedProxies;

    /** @param trustedProxies regex of proxy addresses; blank: no proxy is trusted */
    public ClientAddresses(String trustedProxies) {
        this.trustedProxies = trustedProxies == null || trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }

    /** The key of the request's client in the buckets: an IPv4 address or an IPv6 /64 prefix. */
    public String bucketKey(HttpServletRequest request) {
        return bucketKey(request.getRemoteAddr(), forwardedFor(request));
    }

    String bucketKey(String socketAddress, List<String> forwardedFor) {
        return key(client(socketAddress, forwardedFor));
    }

    private String client(String socketAddress, List<String> forwardedFor) {
        if (!trusted(socketAddress, literal(socketAddress))) {
            return socketAddress;
        }
        String nearestTrusted = socketAddress;
        for (int i = forwardedFor.size() - 1; i >= 0; i--) {
            String hop = forwardedFor.get(i);
            InetAddress address = literal(hop);
            if (address == null) {
                // Not an address: nothing a trusted proxy wrote. Count it against the last hop we can vouch for,
                // rather than let made-up values open fresh buckets.
                return nearestTrusted;
            }
            if (!trusted(hop, address)) {
                return address.getHostAddress();
            }
            nearestTrusted = address.getHostAddress();
        }
        // Every hop is a trusted proxy: the request started at the left-most.
        return nearestTrusted;
    }

    private boolean trusted(String given, InetAddress address) {
        if (trustedProxies == null) {
            return false;
        }
        String bare = bare(given);
        return trustedProxies.matcher(bare).matches()
                || address != null && trustedProxies.matcher(address.getHostAddress()).matches();
    }

    private static String key(String address) {
        InetAddress parsed = literal(address);
        if (parsed instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            try {
                return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
            } catch (UnknownHostException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return parsed != null ? parsed.getHostAddress() : address;
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        Enumeration<String> headers = request.getHeaders(FORWARDED_FOR);
        for (String header : headers == null ? Collections.<String>emptyList() : Collections.list(headers)) {
            for (String hop : header.split(",")) {
                if (!hop.isBlank()) {
                    hops.add(hop.trim());
                }
            }
        }
        return hops;
    }

    /** The address without brackets or port: {@code [2001:db8::1]:443} and {@code 192.0.2.1:80} name the host. */
    private static String bare(String given) {
        String value = given.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(1, end) : value;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':')) {
            return value.substring(0, colon);
        }
        return value;
    }

    /** The IP address the text is a literal of, or null; never a name lookup. */
    static InetAddress literal(String given) {
        if (given == null) {
            return null;
        }
        String value = bare(given);
        try {
            Matcher ipv4 = IPV4.matcher(value);
            if (ipv4.matches()) {
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(ipv4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    bytes[i] = (byte) octet;
                }
                return InetAddress.getByAddress(bytes);
            }
            int scope = value.indexOf('%');
            String withoutScope = scope >= 0 ? value.substring(0, scope) : value;
            if (IPV6_CHARACTERS.matcher(withoutScope).matches()) {
                // In brackets the JDK parses an IPv6 literal or fails; it never looks a name up.
                return InetAddress.getByName("[" + withoutScope + "]");
            }
        } catch (UnknownHostException | NumberFormatException notALiteral) {
            return null;
        }
        return null;
    }
}
