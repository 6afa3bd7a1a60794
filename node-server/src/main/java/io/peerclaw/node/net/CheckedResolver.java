package io.peerclaw.node.net;

import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The address step of every outbound connection. It looks a host up once, refuses the whole answer
 * when any address in it is not permitted, and gives the connection exactly the addresses it
 * checked: there is no second lookup for a rebinding DNS server to answer differently.
 */
final class CheckedResolver implements DnsResolver {
    /**
     * When the request being served must be done ({@link System#nanoTime()}). The lookup needs it
     * because the request's cancellation closes sockets but cannot interrupt a resolver.
     */
    static final ScopedValue<Long> DEADLINE = ScopedValue.newInstance();

    private final AddressPolicy policy;
    private final HostLookup lookup;
    private final Duration lookupTimeout;

    /**
     * @param lookupTimeout how long a lookup may take when no request deadline is in scope
     */
    CheckedResolver(AddressPolicy policy, HostLookup lookup, Duration lookupTimeout) {
        this.policy = policy;
        this.lookup = lookup;
        this.lookupTimeout = lookupTimeout;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        return checked(host).toArray(InetAddress[]::new);
    }

    @Override
    public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
        return checked(host).stream().map(address -> new InetSocketAddress(address, port)).toList();
    }

    /** Only Kerberos asks this, and the node does not speak it: no lookup. */
    @Override
    public String resolveCanonicalHostname(String host) {
        return host;
    }

    /** The host's addresses, each permitted by the policy; literals are parsed, never looked up. */
    List<InetAddress> checked(String host) throws UnknownHostException {
        var literal = AddressPolicy.literal(host);
        List<InetAddress> addresses = literal.isPresent() ? List.of(literal.get()) : lookUp(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            if (!policy.permits(address)) {
                // A name's private address stays unsaid: callers may show the detail to whoever
                // supplied the URL, and the node's view of internal names is not theirs to map.
                throw new NotAllowed(
                        literal.isPresent()
                                ? address.getHostAddress() + " is not a public address"
                                : host + " resolves to an address that is not public");
            }
        }
        return addresses;
    }

    private List<InetAddress> lookUp(String host) throws UnknownHostException {
        long budget =
                DEADLINE.isBound() ? DEADLINE.get() - System.nanoTime() : lookupTimeout.toNanos();
        if (budget <= 0) {
            throw new LookupTimedOut(host);
        }
        var answer = new FutureTask<>(() -> List.copyOf(lookup.addressesOf(host)));
        Thread.ofVirtual().name("peerclaw-lookup").start(answer);
        try {
            return answer.get(budget, NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new LookupTimedOut(host);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            var failed = new UnknownHostException(host + ": " + e.getCause());
            failed.initCause(e.getCause());
            throw failed;
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnknownHostException(host + ": interrupted");
        }
    }

    /** The host is, or resolves to, an address the policy refuses. */
    static final class NotAllowed extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        NotAllowed(String detail) {
            super(detail);
        }
    }

    /** The lookup outlived the request's deadline. */
    static final class LookupTimedOut extends UnknownHostException {
        private static final long serialVersionUID = 1L;

        LookupTimedOut(String host) {
            super(host + ": the lookup took too long");
        }
    }
}
