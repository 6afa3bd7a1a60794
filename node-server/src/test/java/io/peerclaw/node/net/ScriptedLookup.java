package io.peerclaw.node.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A DNS that answers from a script and remembers every question: each host gets its answers in
 * order, the last one repeating, which is how a rebinding server behaves.
 */
final class ScriptedLookup implements HostLookup {
    private final Map<String, Deque<List<InetAddress>>> answers = new ConcurrentHashMap<>();
    private final List<String> questions = new CopyOnWriteArrayList<>();

    /** Adds the next answer for the host, as address literals. */
    ScriptedLookup answer(String host, String... addresses) {
        return answer(host, Arrays.stream(addresses).map(InetAddress::ofLiteral).toList());
    }

    ScriptedLookup answer(String host, List<InetAddress> addresses) {
        answers.computeIfAbsent(host.toLowerCase(Locale.ROOT), _ -> new ArrayDeque<>())
                .addLast(List.copyOf(addresses));
        return this;
    }

    @Override
    public List<InetAddress> addressesOf(String host) throws UnknownHostException {
        questions.add(host);
        // Names are case-insensitive, in DNS as here.
        Deque<List<InetAddress>> queue = answers.get(host.toLowerCase(Locale.ROOT));
        if (queue == null) {
            throw new UnknownHostException(host);
        }
        synchronized (queue) {
            return queue.size() > 1 ? queue.removeFirst() : queue.getFirst();
        }
    }

    /** How often the host was looked up. */
    long asked(String host) {
        return questions.stream().filter(host::equals).count();
    }

    List<String> questions() {
        return List.copyOf(questions);
    }
}
