package dev.switchyard.dashboard;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which names a request's {@code Host} may give: the dashboard answers only requests addressed to it, so that a
 * web page elsewhere cannot read it through a name of its own that resolves to this machine (DNS rebinding).
 * Always {@code localhost} and the loopback addresses; the address it listens on; with a wildcard address, every
 * address of this machine and its host name; and the names given with {@code --allowed-host}.
 */
final class HostCheck {
    /** An IP literal: IPv4 dotted, or IPv6 in brackets as a Host header writes it. */
    private static final Pattern LITERAL = Pattern.compile("\\[[0-9a-fA-F:.%]+]|[0-9.]+");

    private final Set<String> names = new HashSet<>();
    private final Set<InetAddress> addresses = new HashSet<>();

    HostCheck(InetAddress bind, Set<String> allowed) {
        names.add("localhost");
        addresses.add(InetAddress.getLoopbackAddress());
        addresses.add(literal("127.0.0.1"));
        addresses.add(literal("[::1]"));
        addresses.add(bind);
        if (bind.isAnyLocalAddress()) {
            try {
                NetworkInterface.networkInterfaces()
                        .flatMap(NetworkInterface::inetAddresses)
                        .forEach(addresses::add);
            } catch (SocketException e) {
                // Without the list, those addresses are refused: --allowed-host names them.
            }
            try {
                names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
            } catch (UnknownHostException e) {
                // No host name: --allowed-host names it.
            }
        }
        allowed.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
    }

    /** Whether a request with this {@code Host} header is addressed to the dashboard. */
    boolean allows(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        String name = host.strip().replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
        if (LITERAL.matcher(name).matches()) {
            InetAddress address = literal(name);
            return address != null
                    && (addresses.contains(address) || names.contains(name) || address.isLoopbackAddress());
        }
        return names.contains(name);
    }

    /** An IP literal's address, without a DNS lookup; null when it is not one. */
    private static InetAddress literal(String text) {
        String bare = text.startsWith("[") ? text.substring(1, text.length() - 1) : text;
        try {
            // An IP literal is parsed, never looked up: getByName resolves only names.
            return InetAddress.getByName(bare);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
